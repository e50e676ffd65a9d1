/**
 * What the database baselines stand on: a scratch database migrated with the tickets service's own
 * migrations (its drizzle migrator, as the service runs it at start), drizzle over a postgres.js
 * pool of the service's size, the service's QR key ring, and one ticket type on sale. The
 * statements the baselines send are then the service's own functions, byte for byte.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, databaseOnPostgres, type Db } from '@sbor/db';
import { insertTicketType } from '../../subgraphs/tickets/src/db/queries/ticket-types.js';
import { loadQrKeyRing, type QrKeyRing } from '../../subgraphs/tickets/src/domain/key-ring.js';

/** The tickets service's pool size (`databaseOnPostgres`' default): the baselines get as many connections. */
export const SERVICE_POOL = 10;
const MIGRATIONS = fileURLToPath(new URL('../../subgraphs/tickets/migrations', import.meta.url));
const HOUR = 3_600_000;

export interface ScratchTicketType {
  eventId: string;
  organizerId: string;
  typeId: string;
  priceCents: number;
  eventEndsAt: Date;
}

export interface TicketsScratch {
  url: string;
  db: Db;
  keys: QrKeyRing;
  /** A type of `quantity` tickets at `priceCents` (EUR), on sale from an hour ago, its event ending in 51 hours. */
  ticketType(quantity: number, priceCents: number): Promise<ScratchTicketType>;
  close(): Promise<void>;
}

export async function ticketsScratch(label: string): Promise<TicketsScratch> {
  const scratch = await createScratchDatabase(`sbor_bench_baseline_${label}`);
  const database = databaseOnPostgres(scratch.url, { max: SERVICE_POOL, applicationName: `sbor-bench-${label}` });
  const close = async () => {
    await database.close();
    await scratch.drop();
  };
  try {
    await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'tickets' });
    const keys = await loadQrKeyRing(database.db);
    const ticketType = async (quantity: number, priceCents: number): Promise<ScratchTicketType> => {
      const now = Date.now();
      const type = await insertTicketType(database.db, {
        eventId: randomUUID(),
        organizerId: randomUUID(),
        name: 'Flash',
        priceCents,
        currency: 'EUR',
        quantity,
        salesStart: new Date(now - HOUR),
        salesEnd: new Date(now + 40 * HOUR),
        eventEndsAt: new Date(now + 51 * HOUR),
      });
      return { eventId: type.eventId, organizerId: type.organizerId, typeId: type.id, priceCents, eventEndsAt: type.eventEndsAt };
    };
    return { url: scratch.url, db: database.db, keys, ticketType, close };
  } catch (error) {
    await close();
    throw error;
  }
}
