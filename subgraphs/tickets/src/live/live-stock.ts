/**
 * `ticketAvailabilityChanged`: the stock of a published event's listed ticket types, live. Stock is
 * state, not a log, so a watcher gets the current value of each type first, then the types that
 * changed, and nothing is replayed after an interruption: subscribing again starts from the
 * current values.
 *
 * Per event and instance, one `EventStock` serves every watcher: it listens to the event's stock
 * signals (`messaging/stock-signals.ts`), and at most once per `intervalMs` reads the event's types (one
 * query, whatever the number of watchers) and sends each watcher the types whose numbers moved.
 * The first signal after a quiet spell is read at once; signals during a read or within the
 * interval are folded into one read at its end (trailing edge), so the last change always goes
 * out and ten thousand watchers of a sold-out show cost four reads a second, not ten thousand.
 */
import type { Cache } from '@sbor/cache';
import { AppError, AsyncQueue, ErrorCode, isUuid, type Logger } from '@sbor/core';
import type { EventInfo, EventsClient } from '../clients/events.js';
import type { TicketTypeRepository, TicketTypeRow } from '../domain/repositories.js';
import { stockChannel } from '../messaging/stock-signals.js';

export interface LiveStockOptions {
  cache: Cache;
  ticketTypes: Pick<TicketTypeRepository, 'ofEvents'>;
  events: EventsClient;
  logger: Logger;
  /** The shortest time between two reads of one event's stock. Default 250 ms. */
  intervalMs?: number;
}

/** How long an event's status is taken as known: a rush of subscribers asks the events service once. */
const STATUS_TTL_MS = 2_000;

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'Event not found.');

/** The numbers a watcher sees move; a type whose numbers did not change is not sent again. */
const stockOf = (row: TicketTypeRow) => `${row.quantity}/${row.held}/${row.sold}`;

export class LiveStock {
  private readonly hubs = new Map<string, EventStock>();
  private readonly statuses = new Map<string, { at: number; info: Promise<EventInfo | null> }>();
  private readonly intervalMs: number;

  constructor(private readonly options: LiveStockOptions) {
    this.intervalMs = options.intervalMs ?? 250;
  }

  /**
   * The event's listed types, now and as they change. NOT_FOUND for an unknown event or a draft;
   * a cancelled or finished event answers its last values, then ends.
   */
  async watch(eventId: string): Promise<AsyncIterableIterator<TicketTypeRow>> {
    if (!isUuid(eventId)) throw notFound();
    const event = await this.statusOf(eventId);
    if (!event || event.status === 'DRAFT') throw notFound();
    if (event.status !== 'PUBLISHED') {
      const queue = new AsyncQueue<TicketTypeRow>();
      for (const row of await this.read(eventId)) queue.push(row);
      queue.end();
      return queue;
    }
    for (;;) {
      let hub = this.hubs.get(eventId);
      if (!hub) {
        hub = new EventStock(
          eventId,
          this.options,
          this.intervalMs,
          () => this.read(eventId),
          () => this.hubs.delete(eventId),
        );
        this.hubs.set(eventId, hub);
      }
      const watcher = await hub.join();
      // The hub closed while this one waited for its first read (its last watcher left): use a new one.
      if (watcher) return watcher;
    }
  }

  /** Events watched on this instance, and their watchers: for tests and metrics. */
  watched(): Map<string, number> {
    return new Map([...this.hubs].map(([id, hub]) => [id, hub.size]));
  }

  /** Ends every watch (the service is stopping). */
  close(): void {
    for (const hub of [...this.hubs.values()]) hub.close();
  }

  private async read(eventId: string): Promise<TicketTypeRow[]> {
    // Hidden types are sold only with a voucher naming them: never listed, never sent to the public.
    return (await this.options.ticketTypes.ofEvents([eventId])).filter((type) => !type.hidden);
  }

  private statusOf(eventId: string): Promise<EventInfo | null> {
    const now = Date.now();
    const known = this.statuses.get(eventId);
    if (known && now - known.at < STATUS_TTL_MS) return known.info;
    const info = this.options.events.getEvent(eventId);
    this.statuses.set(eventId, { at: now, info });
    // A failed answer is not remembered: the next subscriber asks again.
    info.catch(() => this.statuses.delete(eventId));
    if (this.statuses.size > 1_000) this.forgetOld(now);
    return info;
  }

  private forgetOld(now: number) {
    for (const [id, known] of this.statuses) if (now - known.at >= STATUS_TTL_MS) this.statuses.delete(id);
  }
}

/** One event's stock on this instance, shared by its watchers; gone when the last one leaves. */
class EventStock {
  private readonly watchers = new Set<AsyncQueue<TicketTypeRow>>();
  private last = new Map<string, TicketTypeRow>();
  private started: Promise<void> | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;
  private joining = 0;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private dirty = false;
  private lastReadAt = 0;

  constructor(
    private readonly eventId: string,
    private readonly options: LiveStockOptions,
    private readonly intervalMs: number,
    private readonly read: () => Promise<TicketTypeRow[]>,
    private readonly onClosed: () => void,
  ) {}

  get size(): number {
    return this.watchers.size;
  }

  /** A new watcher, holding the current value of each type; undefined if the hub closed meanwhile. */
  async join(): Promise<AsyncQueue<TicketTypeRow> | undefined> {
    this.joining++;
    try {
      await (this.started ??= this.start());
    } catch (error) {
      this.close();
      throw error;
    } finally {
      this.joining--;
    }
    if (this.closed) return undefined;
    // Taken and added in one step: every later change reaches this watcher as a change of `last`.
    const watcher: AsyncQueue<TicketTypeRow> = new AsyncQueue(() => this.leave(watcher));
    for (const row of this.last.values()) watcher.push(row);
    this.watchers.add(watcher);
    return watcher;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.onClosed();
    for (const watcher of this.watchers) watcher.end();
    this.watchers.clear();
    void this.unsubscribe?.().catch((err: unknown) => this.options.logger.warn({ err }, 'stock unsubscribe failed'));
  }

  /** Listens first, then reads: a change committed after the read is signalled, so none is missed. */
  private async start(): Promise<void> {
    this.unsubscribe = await this.options.cache.subscribe(stockChannel(this.eventId), () => this.changed());
    if (this.closed) {
      await this.unsubscribe();
      return;
    }
    this.last = new Map((await this.read()).map((row) => [row.id, row]));
    this.lastReadAt = Date.now();
  }

  private leave(watcher: AsyncQueue<TicketTypeRow>) {
    this.watchers.delete(watcher);
    if (this.watchers.size === 0 && this.joining === 0) this.close();
  }

  private changed() {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer || this.reading) return;
    this.timer = setTimeout(() => void this.refresh(), Math.max(0, this.lastReadAt + this.intervalMs - Date.now()));
  }

  private async refresh() {
    this.timer = undefined;
    if (this.closed) return;
    this.dirty = false;
    this.reading = true;
    try {
      const rows = await this.read();
      if (this.closed) return;
      for (const row of rows) {
        const before = this.last.get(row.id);
        this.last.set(row.id, row);
        if (before && stockOf(before) === stockOf(row)) continue;
        for (const watcher of this.watchers) watcher.push(row);
      }
    } catch (err) {
      // Read again at the next interval: the stock is still worth sending once the database answers.
      this.options.logger.warn({ err, eventId: this.eventId }, 'reading live stock failed; trying again');
      this.dirty = true;
    } finally {
      this.reading = false;
      this.lastReadAt = Date.now();
      if (this.dirty) this.changed();
    }
  }
}
