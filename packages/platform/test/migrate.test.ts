import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/testing';
import { migrateCommand } from '../src/migrate-command.js';

const SERVICES = ['users', 'events', 'tickets', 'notifications'] as const;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const admin = new Kafka({ clientId: 'sbor-migrate-test', brokers, logLevel: logLevel.NOTHING }).admin();
const databases = {} as Record<(typeof SERVICES)[number], ScratchDatabase>;
let env: Record<string, string>;
const made: string[] = [];

/** A topic name no other test uses, deleted afterwards. */
const freshTopic = () => {
  const topic = `sbor-migrate-test-${randomBytes(4).toString('hex')}`;
  made.push(topic);
  return topic;
};

beforeAll(async () => {
  await admin.connect();
  for (const service of SERVICES) databases[service] = await createScratchDatabase(`migrate_${service}`);
  env = Object.fromEntries(SERVICES.map((service) => [`DATABASE_URL_${service.toUpperCase()}`, databases[service].url]));
  env.KAFKA_BROKERS = brokers.join(',');
});

afterAll(async () => {
  const existing = new Set(await admin.listTopics().catch(() => []));
  const ours = made.filter((topic) => existing.has(topic));
  if (ours.length > 0) await admin.deleteTopics({ topics: ours }).catch(() => {});
  await admin.disconnect();
  for (const service of SERVICES) await databases[service]?.drop();
});

/** Migrations drizzle recorded as applied in `<service>_migrations.applied`. */
async function appliedIn(service: (typeof SERVICES)[number]): Promise<number> {
  const sql = postgres(databases[service].url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe<{ count: string }[]>(`select count(*) from "${service}_migrations".applied`);
    return Number(row!.count);
  } finally {
    await sql.end();
  }
}

const journalLength = (service: string) =>
  (
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../../subgraphs/${service}/migrations/meta/_journal.json`), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;

describe('npm run migrate', () => {
  it("applies every service's migrations to its own database and creates the missing topics, and a second run changes nothing", async () => {
    const topic = freshTopic();
    const lines = await migrateCommand(env, { topics: [topic] });
    expect(lines).toEqual([
      'users: database migrated',
      'events: database migrated',
      'tickets: database migrated',
      'notifications: database migrated',
      'kafka: 1 topics present (replication 1)',
    ]);
    for (const service of SERVICES) expect(await appliedIn(service)).toBe(journalLength(service));
    expect(await admin.listTopics()).toContain(topic);

    await migrateCommand(env, { topics: [topic] });
    for (const service of SERVICES) expect(await appliedIn(service)).toBe(journalLength(service));
  });

  it('creates topics with KAFKA_TOPIC_REPLICATION copies, so a one-broker cluster refuses two', async () => {
    const topic = freshTopic();
    await expect(migrateCommand({ ...env, KAFKA_TOPIC_REPLICATION: '2' }, { topics: [topic] })).rejects.toThrow(
      /creating topics failed \(.*Replication-factor is invalid/,
    );
    expect(await admin.listTopics()).not.toContain(topic);
  });

  it('names every missing variable at once and touches nothing', async () => {
    await expect(migrateCommand({ KAFKA_TOPIC_REPLICATION: '0' })).rejects.toThrow(
      /DATABASE_URL_USERS[\s\S]*DATABASE_URL_EVENTS[\s\S]*DATABASE_URL_TICKETS[\s\S]*DATABASE_URL_NOTIFICATIONS[\s\S]*KAFKA_BROKERS[\s\S]*KAFKA_TOPIC_REPLICATION: must be at least 1/,
    );
  });
});
