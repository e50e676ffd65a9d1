import { isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { QrKeyRing } from './key-ring.js';
import type { TicketRepository, TicketRow, TicketTypeRepository, TypeSalesRow } from './repositories.js';
import type { SalesStatsView, TypeSalesView } from './views.js';

/** Reading tickets and stats. Every query filters by who is asking, in SQL. */
export class TicketReader {
  constructor(
    private readonly repositories: { tickets: TicketRepository; ticketTypes: TicketTypeRepository },
    private readonly events: EventsClient,
    private readonly keys: Pick<QrKeyRing, 'renewed'>,
  ) {}

  /**
   * The QR payload a reader of `ticket` gets: the stored one while its key signs, else the same
   * record signed by the current key, stored so the next read and an emailed copy agree.
   */
  async qrPayload(ticket: TicketRow): Promise<string> {
    const payload = this.keys.renewed(ticket.qrPayload);
    if (payload !== ticket.qrPayload) await this.repositories.tickets.replaceQrPayload(ticket.id, ticket.qrPayload, payload);
    return payload;
  }

  mine(holder: Viewer): Promise<TicketRow[]> {
    return this.repositories.tickets.ofOwner(holder.userId);
  }

  /** `User.tickets`: the user's own list; someone else's reads as empty rather than an error. */
  async ofUser(viewer: Viewer | null, userId: string): Promise<TicketRow[]> {
    if (!viewer || viewer.userId !== userId) return [];
    return this.repositories.tickets.ofOwner(userId);
  }

  /** Tickets the viewer may read (holder or organizer), keyed by id; others are simply absent. */
  async visible(viewer: Viewer | null, ids: readonly string[]): Promise<Map<string, TicketRow>> {
    const wanted = ids.filter(isUuid);
    if (!viewer || wanted.length === 0) return new Map();
    const rows = await this.repositories.tickets.visibleTo(wanted, viewer.userId);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * The organizer's view of sales, for a page of events in one query; null for the events `viewer`
   * does not organize. The organizer comes from the event's ticket types (recorded at creation); an
   * event with none yet asks the events service, and is null if it cannot answer.
   */
  async salesStatsOf(viewer: Viewer | null, eventIds: readonly string[]): Promise<Map<string, SalesStatsView | null>> {
    const wanted = eventIds.filter(isUuid);
    if (!viewer || wanted.length === 0) return new Map();
    const rows = await this.repositories.ticketTypes.salesByType(wanted);
    const stats = await Promise.all(
      [...new Set(wanted)].map(async (eventId) => {
        const own = rows.filter((r) => r.ticketType.eventId === eventId);
        const organizerId = own[0]?.ticketType.organizerId ?? (await this.events.getEvent(eventId).catch(() => null))?.organizerId;
        return [eventId, organizerId === viewer.userId ? statsOf(own) : null] as const;
      }),
    );
    return new Map(stats);
  }
}

function statsOf(rows: TypeSalesRow[]): SalesStatsView {
  const byType: TypeSalesView[] = rows.map(({ ticketType, checkedIn, cancelled, issued, refunded, revenueCents }) => ({
    ticketType,
    sold: ticketType.sold,
    held: ticketType.held,
    paid: issued - refunded,
    refunded,
    cancelled,
    checkedIn,
    revenueCents,
    currency: ticketType.currency,
  }));
  const revenue = new Map<string, number>();
  for (const t of byType) revenue.set(t.currency, (revenue.get(t.currency) ?? 0) + t.revenueCents);
  return {
    byType,
    totalSold: sum(byType, (t) => t.sold),
    held: sum(byType, (t) => t.held),
    paid: sum(byType, (t) => t.paid),
    refunded: sum(byType, (t) => t.refunded),
    checkedIn: sum(byType, (t) => t.checkedIn),
    cancelled: sum(byType, (t) => t.cancelled),
    revenue: [...revenue].map(([currency, amountCents]) => ({ currency, amountCents })),
  };
}

const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);
