import { AppError, ErrorCode, isUuid, type Viewer } from '@sbor/core';
import type { OrderCursor, OrderRow, OrderStatus, TicketsRepositories } from './repositories.js';
import type { OrderConnectionView } from './views.js';

export const MAX_PAGE = 100;

/** Reading orders. Every query is scoped in SQL to the buyer or the event's organizer. */
export class OrderReader {
  constructor(private readonly repositories: Pick<TicketsRepositories, 'orders'>) {}

  /** Orders the viewer may read (buyer or organizer), keyed by id; the rest are simply absent. */
  async visible(viewer: Viewer | null, ids: readonly string[]): Promise<Map<string, OrderRow>> {
    const wanted = ids.filter(isUuid);
    if (!viewer || wanted.length === 0) return new Map();
    const rows = await this.repositories.orders.visibleTo(wanted, viewer.userId);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async mine(buyer: Viewer, page: { first: number; after: string | null | undefined }): Promise<OrderConnectionView> {
    const { first, cursor } = parsePage(page);
    return connection(await this.repositories.orders.ofBuyer(buyer.userId, cursor, first + 1), first);
  }

  /** `Event.orders` of a page of events, in one query: each event's page for its organizer; an empty page for anyone else. */
  async ofEvents(
    viewer: Viewer | null,
    eventIds: readonly string[],
    query: { status: OrderStatus | null | undefined; first: number; after: string | null | undefined },
  ): Promise<Map<string, OrderConnectionView>> {
    const { first, cursor } = parsePage(query);
    const wanted = eventIds.filter(isUuid);
    const rows =
      viewer && wanted.length > 0
        ? await this.repositories.orders.ofEvents(
            { eventIds: wanted, organizerId: viewer.userId, status: query.status ?? undefined },
            cursor,
            first + 1,
          )
        : [];
    return new Map(
      eventIds.map((eventId) => [
        eventId,
        connection(
          rows.filter((r) => r.eventId === eventId),
          first,
        ),
      ]),
    );
  }
}

function connection(found: OrderRow[], first: number): OrderConnectionView {
  const page = found.slice(0, first);
  return {
    edges: page.map((node) => ({ node, cursor: encodeCursor(node) })),
    pageInfo: { hasNextPage: found.length > first, endCursor: page.length > 0 ? encodeCursor(page.at(-1)!) : null },
  };
}

const encodeCursor = (order: OrderRow) => Buffer.from(`${order.createdAt.toISOString()}|${order.id}`).toString('base64url');

function parsePage(page: { first: number; after: string | null | undefined }): { first: number; cursor: OrderCursor | undefined } {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `first must be 1 to ${MAX_PAGE}.`, { field: 'first' });
  }
  if (!page.after) return { first: page.first, cursor: undefined };
  const [at, id] = Buffer.from(page.after, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'after must be an endCursor from a previous page.', { field: 'after' });
  }
  return { first: page.first, cursor: { createdAt, id } };
}
