import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { vouchers, type VoucherRow } from '../vouchers.js';
import { hasCause } from './place-order.js';

export type NewVoucher = Omit<typeof vouchers.$inferInsert, 'used' | 'createdAt'>;

/** Stores a voucher; CODE_TAKEN when the event already has one with this code in any case. */
export async function insertVoucher(db: Executor, values: NewVoucher): Promise<VoucherRow | 'CODE_TAKEN'> {
  try {
    const [row] = await db.insert(vouchers).values(values).returning();
    return row!;
  } catch (error) {
    if (hasCause(error, (e) => e.code === '23505' && (e.constraint_name ?? e.constraint) === 'vouchers_event_code_unique'))
      return 'CODE_TAKEN';
    throw error;
  }
}

/** The event's voucher with this code, whatever its case. */
export async function voucherByCode(db: Executor, eventId: string, code: string): Promise<VoucherRow | undefined> {
  const [row] = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.eventId, eventId), sql`lower(${vouchers.code}) = lower(${code})`));
  return row;
}

/** Of these events, the vouchers with this code, whatever its case: one statement for a page of events. */
export function vouchersByCode(db: Executor, eventIds: readonly string[], code: string): Promise<VoucherRow[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(vouchers)
    .where(and(inArray(vouchers.eventId, [...eventIds]), sql`lower(${vouchers.code}) = lower(${code})`));
}

/** Events' vouchers for their organizer, oldest first (scoped in SQL: anyone else gets none). */
export function vouchersOfEvents(db: Executor, eventIds: readonly string[], organizerId: string): Promise<VoucherRow[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(vouchers)
    .where(and(inArray(vouchers.eventId, [...eventIds]), eq(vouchers.organizerId, organizerId)))
    .orderBy(asc(vouchers.createdAt), asc(vouchers.id));
}

export function vouchersByIds(db: Executor, ids: readonly string[]): Promise<VoucherRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(vouchers)
    .where(inArray(vouchers.id, [...ids]));
}
