/** @jsxImportSource preact */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/i18n/format';
import type { DoorEvent } from '../api/my-events';
import { useDoorI18n } from '../i18n';
import { createScanning, type ScanResult } from '../scanning';
import { useDoorServices } from '../services-context';
import { CameraPanel } from './camera-panel';
import { CheckInQueuePanel } from './check-in-queue-panel';
import { ListsStatus } from './lists-status';
import { ManualEntry } from './manual-entry';
import { ScanResultPanel } from './scan-result-panel';

/** The scanner for one event: the verdict on top, the camera, typed codes, the lists and the queue. */
export function ScanScreen({ event, onChangeEvent }: { event: DoorEvent; onChangeEvent: () => void }) {
  const { t, locale } = useDoorI18n();
  const { lists, queue, api } = useDoorServices();
  const scanning = useMemo(() => createScanning({ event, lists, queue, api }), [event, lists, queue, api]);
  const [result, setResult] = useState<ScanResult>();
  const busyRef = useRef(false);
  /** The camera keeps seeing the code it just read: it is judged again only after "Scan next". */
  const lastCameraTextRef = useRef<string | undefined>(undefined);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let left = false;
    void lists.load(event.id).then(() => {
      if (!left) stop = lists.autoRefresh();
    });
    return () => {
      left = true;
      stop?.();
    };
  }, [lists, event.id]);

  const judge = useCallback(
    async (text: string) => {
      if (busyRef.current) return;
      busyRef.current = true;
      try {
        setResult(await scanning.scan(text));
      } finally {
        busyRef.current = false;
      }
    },
    [scanning],
  );

  const onCameraText = useCallback(
    (text: string) => {
      if (text === lastCameraTextRef.current || busyRef.current) return;
      lastCameraTextRef.current = text;
      void judge(text);
    },
    [judge],
  );

  const scanNext = () => {
    lastCameraTextRef.current = undefined;
    setResult(undefined);
  };

  return (
    <main id="main" class="door-main">
      <div class="door-event-bar">
        <div>
          <h1>{event.title}</h1>
          <p class="door-muted">
            {formatDateTime(event.startsAt, locale)} · {event.venue}
          </p>
        </div>
        <button type="button" class="door-button is-quiet" onClick={onChangeEvent}>
          {t('door.scan.changeEvent')}
        </button>
      </div>
      <ScanResultPanel result={result} onScanNext={scanNext} />
      <CameraPanel onText={onCameraText} />
      <ManualEntry onSubmit={judge} />
      <ListsStatus />
      <CheckInQueuePanel queue={queue} eventId={event.id} />
    </main>
  );
}
