import { useCallback, useState } from 'react';
import { useSession } from '@/lib/session';

export type ExportKind = 'orders' | 'attendees';

/** Why a download did not start: the router's JSON error code, or NETWORK when nothing answered. */
export type ExportFailure = 'UNAUTHENTICATED' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE' | 'NETWORK' | 'INTERNAL_SERVER_ERROR';

/**
 * Downloads an event's CSV export. The file needs the organizer's bearer token, which a plain link
 * cannot carry, so it is fetched and handed to the browser as a file of its own.
 */
export function useExportDownload(eventId: string) {
  const session = useSession();
  const [busy, setBusy] = useState<ExportKind | undefined>();
  const [failure, setFailure] = useState<ExportFailure | undefined>();

  const download = useCallback(
    async (kind: ExportKind) => {
      setBusy(kind);
      setFailure(undefined);
      try {
        const token = await session.accessToken();
        const response = await fetch(`/exports/events/${eventId}/${kind}.csv`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => ({}))) as { error?: string };
          setFailure((body.error as ExportFailure | undefined) ?? 'INTERNAL_SERVER_ERROR');
          return;
        }
        const url = URL.createObjectURL(await response.blob());
        const link = document.createElement('a');
        link.href = url;
        link.download = `sbor-${kind}-${eventId}.csv`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch {
        setFailure('NETWORK');
      } finally {
        setBusy(undefined);
      }
    },
    [eventId, session],
  );
  return { download, busy, failure };
}
