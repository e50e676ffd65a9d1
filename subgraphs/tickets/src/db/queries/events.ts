import type { Tx } from '@sbor/db';
import { cancelledEvents } from '../cancelled-events.js';

export async function recordEventCancelled(tx: Tx, eventId: string, cancelledAt: Date, reason: string | null): Promise<void> {
  await tx.insert(cancelledEvents).values({ eventId, cancelledAt, reason }).onConflictDoNothing();
}
