import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { ownOpenEvent } from './organizer.js';
import type { TicketsRepositories, VoucherRow } from './repositories.js';
import type { VoucherInput } from './validation.js';

/** Codes are 3 to 50 characters (validation.ts); anything longer names no voucher. */
const MAX_CODE_LENGTH = 50;

/** Vouchers: made by the event's organizer, read by them only; orders redeem them (ordering.ts). */
export class Vouchers {
  constructor(
    private readonly repositories: Pick<TicketsRepositories, 'vouchers' | 'ticketTypes'>,
    private readonly events: EventsClient,
  ) {}

  /** `createVoucher`: for one of the organizer's events; the types it names must be that event's. */
  async create(organizer: Viewer, eventId: string, input: VoucherInput): Promise<VoucherRow> {
    const event = await ownOpenEvent(this.events, organizer, eventId);
    const ticketTypeIds = [...new Set(input.ticketTypeIds ?? [])];
    if (ticketTypeIds.length > 0) {
      const types = new Map((await this.repositories.ticketTypes.byIds(ticketTypeIds)).map((t) => [t.id, t]));
      const stranger = ticketTypeIds.findIndex((id) => types.get(id)?.eventId !== event.id);
      if (stranger >= 0) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'This event has no such ticket type.', {
          field: `ticketTypeIds.${(input.ticketTypeIds ?? []).indexOf(ticketTypeIds[stranger]!)}`,
        });
      }
    }
    const created = await this.repositories.vouchers.insert({
      id: randomUUID(),
      eventId: event.id,
      organizerId: event.organizerId,
      code: input.code,
      kind: input.kind,
      value: input.value,
      ticketTypeIds,
      maxUses: input.maxUses ?? null,
      validFrom: input.validFrom ?? null,
      validUntil: input.validUntil ?? null,
    });
    if (created === 'CODE_TAKEN') {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This event already has a voucher with this code.', { field: 'code' });
    }
    return created;
  }

  /**
   * `Event.ticketTypes(voucherCode)`, for a page of events in one query: per event, the hidden
   * types its code unlocks now, for whoever holds it; none for an unknown code, one outside its
   * validity window, or one too long to be a code. Exhausted codes still show them: reserving
   * says VOUCHER_EXHAUSTED.
   */
  async unlockedTypeIds(eventIds: readonly string[], code: string, now = new Date()): Promise<Map<string, string[]>> {
    const wanted = eventIds.filter(isUuid);
    if (wanted.length === 0 || code.length === 0 || code.length > MAX_CODE_LENGTH) return new Map();
    const found = await this.repositories.vouchers.byCodeOfEvents(wanted, code.trim());
    const valid = found.filter((v) => !(v.validFrom && v.validFrom > now) && !(v.validUntil && v.validUntil <= now));
    return new Map(valid.map((v) => [v.eventId, v.ticketTypeIds]));
  }

  /** `Event.vouchers` of a page of events, in one query: the organizer's; none for anyone else. */
  async ofEvents(viewer: Viewer | null, eventIds: readonly string[]): Promise<VoucherRow[]> {
    const wanted = eventIds.filter(isUuid);
    if (!viewer || wanted.length === 0) return [];
    return this.repositories.vouchers.ofEvents(wanted, viewer.userId);
  }
}
