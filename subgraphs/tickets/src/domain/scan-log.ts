import { AppError, ErrorCode, isUuid, type Viewer } from '@sbor/core';
import type { DoorRepository, DoorScanRow, ScanCursor } from './door-repository.js';

export const MAX_SCAN_PAGE = 100;

export interface ScanConnectionView {
  edges: { node: DoorScanRow; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * `Event.checkIns`, the door's log, newest first: for the event's organizer only. Staff work the
 * door but do not read the log: it names every scanner and every attendee's ticket, and a scanner
 * already learns what they need about a ticket when they scan it (`USED`, with `checkedInAt`).
 * Anyone else gets an empty page, as for `Event.orders`.
 */
export class ScanLog {
  constructor(private readonly door: Pick<DoorRepository, 'scans'>) {}

  async ofEvent(
    viewer: Viewer | null,
    eventId: string,
    page: { first: number; after: string | null | undefined },
  ): Promise<ScanConnectionView> {
    return (await this.ofEvents(viewer, [eventId], page)).get(eventId)!;
  }

  /** `ofEvent` of a page of events, in one query: each event's page. */
  async ofEvents(
    viewer: Viewer | null,
    eventIds: readonly string[],
    page: { first: number; after: string | null | undefined },
  ): Promise<Map<string, ScanConnectionView>> {
    const { first, cursor } = parsePage(page);
    const wanted = eventIds.filter(isUuid);
    const found =
      viewer && wanted.length > 0 ? await this.door.scans({ eventIds: wanted, organizerId: viewer.userId }, cursor, first + 1) : [];
    return new Map(
      eventIds.map((eventId) => [
        eventId,
        connection(
          found.filter((s) => s.eventId === eventId),
          first,
        ),
      ]),
    );
  }
}

function connection(found: DoorScanRow[], first: number): ScanConnectionView {
  const page = found.slice(0, first);
  return {
    edges: page.map((node) => ({ node, cursor: encodeCursor(node) })),
    pageInfo: { hasNextPage: found.length > first, endCursor: page.length > 0 ? encodeCursor(page.at(-1)!) : null },
  };
}

const encodeCursor = (scan: DoorScanRow) => Buffer.from(`${scan.scannedAt.toISOString()}|${scan.id}`).toString('base64url');

function parsePage(page: { first: number; after: string | null | undefined }): { first: number; cursor: ScanCursor | undefined } {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_SCAN_PAGE) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `first must be 1 to ${MAX_SCAN_PAGE}.`, { field: 'first' });
  }
  if (!page.after) return { first: page.first, cursor: undefined };
  const [at, id] = Buffer.from(page.after, 'base64url').toString('utf8').split('|');
  const scannedAt = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(scannedAt.getTime())) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'after must be an endCursor from a previous page.', { field: 'after' });
  }
  return { first: page.first, cursor: { scannedAt, id } };
}
