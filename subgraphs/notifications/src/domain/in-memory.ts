/**
 * The notifications repositories in memory, for spec tests of the domain without a database. They
 * mirror the SQL: reads and marks are scoped to the owner and to in-app rows, (user, source fact)
 * is unique, a stored row never changes through what a method returned.
 */
import { randomUUID } from 'node:crypto';
import { withAddress, withVerification, type Contact } from './contacts.js';
import type { UserPreferences } from './preferences.js';
import type {
  DeliveryRow,
  EventRow,
  HolderFact,
  HolderStatus,
  NotificationRow,
  NotificationsRepositories,
  PushSubscriptionRow,
  TicketHolderRow,
  VapidKeyPair,
} from './repositories.js';

export interface NotificationsMemory {
  notifications: NotificationRow[];
  preferences: Map<string, UserPreferences>;
  pushSubscriptions: PushSubscriptionRow[];
  deliveries: DeliveryRow[];
  events: Map<string, EventRow>;
  holders: Map<string, TicketHolderRow>;
  /** Address and its verification per user. */
  contacts: Map<string, Contact>;
  vapidKeys: VapidKeyPair | undefined;
}

const copy = <T extends object>(row: T): T => ({ ...row });
const copyPreferences = (p: UserPreferences): UserPreferences => ({ ...p, mutedTypes: [...p.mutedTypes] });

export function inMemoryNotificationsRepositories(): NotificationsRepositories & { memory: NotificationsMemory } {
  const memory: NotificationsMemory = {
    notifications: [],
    preferences: new Map(),
    pushSubscriptions: [],
    deliveries: [],
    events: new Map(),
    holders: new Map(),
    contacts: new Map(),
    vapidKeys: undefined,
  };
  let seq = 0;
  const listed = (userId: string) => memory.notifications.filter((n) => n.userId === userId && n.inApp);
  const holder = (fact: HolderFact, patch: Partial<TicketHolderRow>): TicketHolderRow => ({
    ticketId: fact.ticketId,
    eventId: fact.eventId,
    userId: fact.userId,
    status: 'ACTIVE',
    cancelReason: null,
    updatedAt: new Date(),
    ...patch,
  });
  const upsertHolder = (
    fact: HolderFact,
    inserted: Partial<TicketHolderRow>,
    update: (row: TicketHolderRow) => Partial<TicketHolderRow>,
  ) => {
    const row = memory.holders.get(fact.ticketId);
    if (row) Object.assign(row, update(row));
    else memory.holders.set(fact.ticketId, holder(fact, inserted));
  };
  const recordPurchase = (fact: HolderFact & { status: HolderStatus }) => upsertHolder(fact, { status: fact.status }, () => ({}));
  const remember: NotificationsRepositories['events']['remember'] = async (details) => {
    const row = memory.events.get(details.eventId);
    const venue = details.venue ?? null;
    const startsAt = details.startsAt ?? null;
    if (row)
      Object.assign(row, { title: details.title, venue: venue ?? row.venue, startsAt: startsAt ?? row.startsAt, updatedAt: new Date() });
    else {
      const fresh: EventRow = {
        eventId: details.eventId,
        title: details.title,
        venue,
        startsAt,
        cancelledAt: null,
        cancelFactId: null,
        cancelReason: null,
        updatedAt: new Date(),
      };
      memory.events.set(details.eventId, fresh);
    }
  };

  return {
    memory,
    notifications: {
      list: async (userId, page) =>
        listed(userId)
          .filter((n) => (page.afterSeq === undefined || n.seq < page.afterSeq) && (!page.unreadOnly || n.readAt === null))
          .sort((a, b) => b.seq - a.seq)
          .slice(0, page.limit)
          .map(copy),
      after: async (userId, afterSeq, limit) =>
        listed(userId)
          .filter((n) => n.seq > afterSeq)
          .sort((a, b) => a.seq - b.seq)
          .slice(0, limit)
          .map(copy),
      latestSeq: async (userId) => Math.max(0, ...listed(userId).map((n) => n.seq)),
      find: async (userId, ids) =>
        listed(userId)
          .filter((n) => ids.includes(n.id))
          .map(copy),
      countUnread: async (userId) => listed(userId).filter((n) => n.readAt === null).length,
      markRead: async (userId, id) => {
        const row = listed(userId).find((n) => n.id === id);
        if (!row) return undefined;
        row.readAt ??= new Date();
        return copy(row);
      },
      markAllRead: async (userId) => {
        const unread = listed(userId).filter((n) => n.readAt === null);
        for (const row of unread) row.readAt = new Date();
        return unread.length;
      },
      insert: async (rows) => {
        const inserted: NotificationRow[] = [];
        for (const values of rows) {
          if (memory.notifications.some((n) => n.userId === values.userId && n.sourceFactId === values.sourceFactId)) continue;
          const row: NotificationRow = {
            id: randomUUID(),
            seq: ++seq,
            inApp: true,
            readAt: null,
            createdAt: new Date(),
            ...values,
            eventId: values.eventId ?? null,
            ticketId: values.ticketId ?? null,
          };
          memory.notifications.push(row);
          inserted.push(copy(row));
        }
        return inserted;
      },
      forDelivery: async (id) => {
        const row = memory.notifications.find((n) => n.id === id);
        return row && copy(row);
      },
    },
    preferences: {
      of: async (userIds) =>
        new Map(
          userIds.flatMap((id) => {
            const stored = memory.preferences.get(id);
            return stored ? [[id, copyPreferences(stored)] as const] : [];
          }),
        ),
      update: async (userId, change) => {
        const stored = memory.preferences.get(userId);
        const next = copyPreferences(change(stored && copyPreferences(stored)));
        memory.preferences.set(userId, next);
        return copyPreferences(next);
      },
    },
    pushSubscriptions: {
      save: async (subscription, limit) => {
        const row = memory.pushSubscriptions.find((s) => s.endpoint === subscription.endpoint);
        if (row && row.userId !== subscription.userId) return 'taken';
        // Renewing moves the endpoint to the end: the array order is registration order.
        memory.pushSubscriptions = memory.pushSubscriptions.filter((s) => s !== row);
        memory.pushSubscriptions.push({ id: row?.id ?? randomUUID(), createdAt: new Date(), ...subscription });
        const own = memory.pushSubscriptions.filter((s) => s.userId === subscription.userId);
        const dropped = new Set(own.slice(0, Math.max(0, own.length - limit)).map((s) => s.id));
        memory.pushSubscriptions = memory.pushSubscriptions.filter((s) => !dropped.has(s.id));
        memory.deliveries = memory.deliveries.filter((d) => !d.pushSubscriptionId || !dropped.has(d.pushSubscriptionId));
        return 'saved';
      },
      of: async (userIds) => memory.pushSubscriptions.filter((s) => userIds.includes(s.userId)).map(copy),
      find: async (id) => {
        const row = memory.pushSubscriptions.find((s) => s.id === id);
        return row && copy(row);
      },
      delete: async (id) => {
        memory.pushSubscriptions = memory.pushSubscriptions.filter((s) => s.id !== id);
        memory.deliveries = memory.deliveries.filter((d) => d.pushSubscriptionId !== id);
      },
    },
    deliveries: {
      insert: async (rows) => {
        for (const values of rows) {
          memory.deliveries.push({
            id: randomUUID(),
            pushSubscriptionId: null,
            attempts: 0,
            nextAttemptAt: new Date(),
            lockedUntil: null,
            sentAt: null,
            failedAt: null,
            lastError: null,
            createdAt: new Date(),
            ...values,
          });
        }
      },
      claimDue: async (limit, leaseSeconds) => {
        const now = Date.now();
        const due = memory.deliveries
          .filter((d) => !d.sentAt && !d.failedAt && d.nextAttemptAt.getTime() <= now && (!d.lockedUntil || d.lockedUntil.getTime() <= now))
          .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
          .slice(0, limit);
        for (const d of due) Object.assign(d, { lockedUntil: new Date(now + leaseSeconds * 1000), attempts: d.attempts + 1 });
        return due.map(copy);
      },
      markDelivered: async (id) => update(id, { sentAt: new Date(), lockedUntil: null, lastError: null }),
      scheduleRetry: async (id, delayMs, error) =>
        update(id, { nextAttemptAt: new Date(Date.now() + delayMs), lockedUntil: null, lastError: error }),
      markUndeliverable: async (id, error) => update(id, { failedAt: new Date(), lockedUntil: null, lastError: error }),
    },
    events: {
      remember,
      rememberCancellation: async (details) => {
        await remember(details);
        Object.assign(memory.events.get(details.eventId)!, {
          cancelFactId: details.cancelFactId,
          cancelledAt: details.cancelledAt,
          cancelReason: details.reason,
        });
      },
      find: async (eventId) => {
        const row = memory.events.get(eventId);
        return row && copy(row);
      },
      findMany: async (eventIds) =>
        new Map(eventIds.flatMap((id) => (memory.events.has(id) ? [[id, copy(memory.events.get(id)!)] as const] : []))),
    },
    holders: {
      recordPurchases: async (facts) => facts.forEach(recordPurchase),
      recordCheckin: async (fact) =>
        upsertHolder(fact, { status: 'USED' }, (row) => ({
          status: row.status === 'CANCELLED' ? 'CANCELLED' : 'USED',
          updatedAt: new Date(),
        })),
      recordCancellation: async (fact) =>
        upsertHolder(fact, { status: 'CANCELLED', cancelReason: fact.reason }, () => ({
          status: 'CANCELLED',
          cancelReason: fact.reason,
          updatedAt: new Date(),
        })),
      find: async (ticketId) => {
        const row = memory.holders.get(ticketId);
        return row && copy(row);
      },
      ofEvent: async (eventId, options) => {
        const counts = (h: TicketHolderRow) =>
          options.statuses.includes(h.status) ||
          (options.includeEventCancelled === true && h.status === 'CANCELLED' && h.cancelReason === 'EVENT_CANCELLED');
        const people = [...memory.holders.values()].filter((h) => h.eventId === eventId && counts(h)).map((h) => h.userId);
        return [...new Set(people)].sort();
      },
    },
    contacts: {
      saveEmail: async (userId, email, since) => void memory.contacts.set(userId, withAddress(memory.contacts.get(userId), email, since)),
      markVerified: async (userId, at) => void memory.contacts.set(userId, withVerification(memory.contacts.get(userId), at)),
      of: async (userId) => {
        const contact = memory.contacts.get(userId);
        return contact && copy(contact);
      },
    },
    vapidKeys: {
      storeOnce: async (candidate) => {
        memory.vapidKeys ??= { ...candidate };
        return { ...memory.vapidKeys };
      },
    },
  };

  function update(id: string, patch: Partial<DeliveryRow>): void {
    const row = memory.deliveries.find((d) => d.id === id);
    if (row) Object.assign(row, patch);
  }
}
