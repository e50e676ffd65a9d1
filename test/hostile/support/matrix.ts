/** The rows and cells of the authorization matrix (authorization.test.ts). */

export type Who = 'anonymous' | 'user' | 'otherOrganizer' | 'owner' | 'holder';
export type Outcome = 'ok' | 'null' | 'empty' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

export interface Target {
  eventId: string;
  draftId: string;
  ticketTypeId: string;
  ticketId: string;
  ticketCode: string;
  notificationId: string;
  pricedTypeId: string;
  /** The holder's order of a priced ticket, waiting for payment. */
  reservedOrderId: string;
  /** The holder's order of a priced ticket, paid (confirmed offline by the owner). */
  paidOrderId: string;
}

export interface Row {
  op: string;
  query: string;
  variables: (t: Target) => Record<string, unknown>;
  /** A fresh target for operations that use up what they touch (publish, cancel, check-in). */
  fresh?: boolean;
  /** Sent to the tickets subgraph itself, as the router would (for `_entities`); through the router otherwise. */
  direct?: 'tickets';
  /** For reads: how to tell "ok" from "null"/"empty" in the single root field. */
  read?: (data: unknown, t: Target) => 'ok' | 'null' | 'empty';
  expect: Record<Who, Outcome>;
}

export const firstField = (data: unknown) => Object.values((data ?? {}) as Record<string, unknown>)[0];
export const nullable =
  (pick: (root: unknown) => unknown = (r) => r) =>
  (data: unknown) =>
    pick(firstField(data)) === null ? 'null' : 'ok';
/** A list is 'ok' when it holds the target object (`key` of the target), 'empty' when it does not. */
export const listing =
  (key: keyof Target, pick: (root: unknown) => { id: string }[] = (r) => r as { id: string }[]) =>
  (data: unknown, t: Target) =>
    pick(firstField(data)).some((item) => item.id === t[key]) ? 'ok' : 'empty';

export const allowOnly = (who: Who[], others: Partial<Record<Who, Outcome>>): Record<Who, Outcome> => {
  const all: Who[] = ['anonymous', 'user', 'otherOrganizer', 'owner', 'holder'];
  return Object.fromEntries(all.map((w) => [w, who.includes(w) ? 'ok' : others[w]!])) as Record<Who, Outcome>;
};
