/**
 * What the notifications domain needs from storage, as interfaces: the drizzle implementation is
 * `db/repositories.ts` (bound to the database, or to the fact consumer's transaction so a fact's
 * whole effect commits with its inbox row), an in-memory one for spec tests is `domain/in-memory.ts`.
 */
import type { DeliveryChannel, DeliveryRow } from '../db/deliveries.js';
import type { EventRow } from '../db/events.js';
import type { NewNotificationRow, NotificationRow } from '../db/notifications.js';
import type { PushSubscriptionRow } from '../db/push-subscriptions.js';
import type { HolderStatus, TicketHolderRow } from '../db/ticket-holders.js';
import type { Contact } from './contacts.js';
import type { UserPreferences } from './preferences.js';

export type { DeliveryRow, EventRow, HolderStatus, NewNotificationRow, NotificationRow, PushSubscriptionRow, TicketHolderRow };

/** Which of a user's notifications a page holds: newest first, strictly older than `afterSeq`. */
export interface PageQuery {
  limit: number;
  afterSeq: number | undefined;
  unreadOnly: boolean;
}

/**
 * A user's notifications. Every read and mark is scoped to the owner and to in-app rows, so a
 * stranger's id (or a hidden row) reads as absent.
 */
export interface NotificationRepository {
  list(userId: string, page: PageQuery): Promise<NotificationRow[]>;
  /** Up to `limit` inserted after `afterSeq`, oldest first (a live subscriber catching up). */
  after(userId: string, afterSeq: number, limit: number): Promise<NotificationRow[]>;
  /** The newest one's seq, 0 when there is none. */
  latestSeq(userId: string): Promise<number>;
  find(userId: string, ids: readonly string[]): Promise<NotificationRow[]>;
  countUnread(userId: string): Promise<number>;
  /** Keeps the first read time; undefined when it is not the user's. */
  markRead(userId: string, id: string): Promise<NotificationRow | undefined>;
  /** How many were unread. */
  markAllRead(userId: string): Promise<number>;
  /** Inserts what is new; a (user, source fact) stored already is skipped and not returned. */
  insert(rows: NewNotificationRow[]): Promise<NotificationRow[]>;
  /** Unscoped, for the delivery worker only: it sends a notification to its own recipient. */
  forDelivery(id: string): Promise<NotificationRow | undefined>;
}

export interface PreferenceRepository {
  /** Stored preferences per user; a user who never changed anything is absent. */
  of(userIds: readonly string[]): Promise<Map<string, UserPreferences>>;
  /** Reads the user's preferences and saves what `change` makes of them, in one transaction. */
  update(userId: string, change: (current: UserPreferences | undefined) => UserPreferences): Promise<UserPreferences>;
}

export interface NewPushSubscription {
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSubscriptionRepository {
  /**
   * Registers the endpoint, or renews the owner's own registration (new keys, newest again); an
   * endpoint held by another user is left alone ('taken'). Then drops the owner's least recently
   * registered ones beyond `limit`.
   */
  save(subscription: NewPushSubscription, limit: number): Promise<'saved' | 'taken'>;
  of(userIds: readonly string[]): Promise<PushSubscriptionRow[]>;
  find(id: string): Promise<PushSubscriptionRow | undefined>;
  /** Its pending deliveries go with it. */
  delete(id: string): Promise<void>;
}

export interface NewDelivery {
  notificationId: string;
  channel: DeliveryChannel;
  pushSubscriptionId?: string | null;
}

/** The outbox of email and push sends. */
export interface DeliveryRepository {
  insert(rows: NewDelivery[]): Promise<void>;
  /** Claims up to `limit` due deliveries for `leaseSeconds`, counting the attempt; replicas never claim the same row. */
  claimDue(limit: number, leaseSeconds: number): Promise<DeliveryRow[]>;
  markDelivered(id: string): Promise<void>;
  scheduleRetry(id: string, delayMs: number, error: string): Promise<void>;
  markUndeliverable(id: string, error: string): Promise<void>;
}

export interface EventDetails {
  eventId: string;
  title: string;
  venue?: string | null;
  startsAt?: Date | null;
}

/** What this service remembers of events (ticket facts carry only the event id). */
export interface EventRepository {
  /** Latest known title, venue and start; fields a fact does not carry keep their value. */
  remember(details: EventDetails): Promise<void>;
  rememberCancellation(details: EventDetails & { cancelFactId: string; cancelledAt: Date; reason: string | null }): Promise<void>;
  find(eventId: string): Promise<EventRow | undefined>;
  /** The known ones of these events, by id (a batch of facts reads its events at once). */
  findMany(eventIds: readonly string[]): Promise<Map<string, EventRow>>;
}

export interface HolderFact {
  ticketId: string;
  eventId: string;
  userId: string;
}

/**
 * Who holds which ticket. Facts of one ticket arrive on different topics, so in any order: a
 * purchase never overwrites a later state (USED, CANCELLED); check-in and cancellation always win.
 */
export interface HolderRepository {
  /** Bought tickets, as many as a batch of facts names, in one statement. */
  recordPurchases(facts: readonly (HolderFact & { status: HolderStatus })[]): Promise<void>;
  recordCheckin(fact: HolderFact): Promise<void>;
  recordCancellation(fact: HolderFact & { reason: string }): Promise<void>;
  find(ticketId: string): Promise<TicketHolderRow | undefined>;
  /**
   * Distinct people holding a ticket of the event, ordered by id. `includeEventCancelled`: also
   * those whose tickets were cancelled because the event was, not those who cancelled before.
   */
  ofEvent(eventId: string, options: { statuses: readonly HolderStatus[]; includeEventCancelled?: boolean }): Promise<string[]>;
}

/**
 * Where to email a user and whether that address is verified; the users service owns addresses
 * and says so with `user.registered` and `user.email_verified` (rules in `contacts.ts`).
 */
export interface ContactRepository {
  /** The address `user.registered` names, set by the users service at `since`. */
  saveEmail(userId: string, email: string, since: Date): Promise<void>;
  /** `user.email_verified`: the current address, or the one still to come, is verified at `at`. */
  markVerified(userId: string, at: Date): Promise<void>;
  of(userId: string): Promise<Contact | undefined>;
}

export interface VapidKeyPair {
  publicKey: string;
  privateKey: string;
}

export interface VapidKeyRepository {
  /** Stores `candidate` unless a pair exists already; returns whichever pair is stored. */
  storeOnce(candidate: VapidKeyPair): Promise<VapidKeyPair>;
}

export interface NotificationsRepositories {
  notifications: NotificationRepository;
  preferences: PreferenceRepository;
  pushSubscriptions: PushSubscriptionRepository;
  deliveries: DeliveryRepository;
  events: EventRepository;
  holders: HolderRepository;
  contacts: ContactRepository;
  vapidKeys: VapidKeyRepository;
}
