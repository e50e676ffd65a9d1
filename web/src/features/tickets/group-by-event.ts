interface GroupableTicket {
  id: string;
  event: { id: string; startsAt: string; endsAt: string };
}

export interface EventGroup<T extends GroupableTicket> {
  event: T['event'];
  tickets: T[];
  /** The event has ended. */
  past: boolean;
}

/**
 * Tickets by event: events still to come (or under way) first, soonest first; past ones after,
 * the most recent first. Tickets keep their order within an event.
 */
export function groupByEvent<T extends GroupableTicket>(tickets: readonly T[], now: number): EventGroup<T>[] {
  const groups = new Map<string, EventGroup<T>>();
  for (const ticket of tickets) {
    const group = groups.get(ticket.event.id);
    if (group) group.tickets.push(ticket);
    else groups.set(ticket.event.id, { event: ticket.event, tickets: [ticket], past: Date.parse(ticket.event.endsAt) <= now });
  }
  const starts = (group: EventGroup<T>) => Date.parse(group.event.startsAt);
  const all = [...groups.values()];
  const upcoming = all.filter((group) => !group.past).sort((a, b) => starts(a) - starts(b));
  const past = all.filter((group) => group.past).sort((a, b) => starts(b) - starts(a));
  return [...upcoming, ...past];
}
