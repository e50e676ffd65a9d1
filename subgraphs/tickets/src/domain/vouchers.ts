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
   * `Event.ticketTypes(voucherCode)`: the hidden types a code of this event unlocks now, for
   * whoever holds it; none for an unknown code, one outside its validity window, or one too long
   * to be a code. Exhausted codes still show them: reserving says VOUCHER_EXHAUSTED.
   */
  async unlockedTypeIds(eventId: string, code: string, now = new Date()): Promise<string[]> {
    if (!isUuid(eventId) || code.length === 0 || code.length > MAX_CODE_LENGTH) return [];
    const voucher = await this.repositories.vouchers.byCode(eventId, code.trim());
    if (!voucher || (voucher.validFrom && voucher.validFrom > now) || (voucher.validUntil && voucher.validUntil <= now)) return [];
    return voucher.ticketTypeIds;
  }

  /** `Event.vouchers`: the organizer's; an empty list for anyone else. */
  async ofEvent(viewer: Viewer | null, eventId: string): Promise<VoucherRow[]> {
    if (!viewer || !isUuid(eventId)) return [];
    return this.repositories.vouchers.ofEvent(eventId, viewer.userId);
  }
}
