/** @jsxImportSource preact */
import { useEffect, useRef, useState } from 'preact/hooks';
import { cameraProblemOf, openCamera, scanVideo, type CameraProblem } from '../camera/qr-scanner';
import { useDoorI18n } from '../i18n';

/** The camera view: started on request (the browser asks for permission), stopped on leaving. */
export function CameraPanel({ onText }: { onText: (text: string) => void }) {
  const { t } = useDoorI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream>();
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<CameraProblem>();
  const onTextRef = useRef(onText);
  useEffect(() => {
    onTextRef.current = onText;
  }, [onText]);

  useEffect(() => {
    const element = videoRef.current;
    if (!stream || !element) return;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    const stopScanning = scanVideo(element, (text) => onTextRef.current(text));
    return () => {
      stopScanning();
      element.srcObject = null;
      for (const track of stream.getTracks()) track.stop();
    };
  }, [stream]);

  const start = async () => {
    setStarting(true);
    setProblem(undefined);
    try {
      setStream(await openCamera());
    } catch (error) {
      setProblem(cameraProblemOf(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section class="door-camera" aria-labelledby="door-camera-heading">
      <h2 id="door-camera-heading" class="door-visually-hidden">
        {t('door.camera.heading')}
      </h2>
      <div class={`door-video ${stream ? 'is-on' : ''}`}>
        <video ref={videoRef} muted playsInline aria-label={t('door.camera.view')} hidden={!stream} />
        {stream && <p class="door-video-hint">{t('door.camera.hint')}</p>}
      </div>
      {problem && (
        <p class="door-error" role="alert">
          {t(`door.camera.problem.${problem}`)}
        </p>
      )}
      {stream ? (
        <button type="button" class="door-button" onClick={() => setStream(undefined)}>
          {t('door.camera.stop')}
        </button>
      ) : (
        <button type="button" class="door-button is-primary" onClick={() => void start()} disabled={starting}>
          {starting ? t('door.wait') : t('door.camera.start')}
        </button>
      )}
    </section>
  );
}
