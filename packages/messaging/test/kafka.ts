/** Settings for the tests that talk to the real broker (started by `npx tsx infra/up.ts`). */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { createKafkaBus, parseBrokers } from '../src/kafka-bus.js';
import { testLogger } from './support.js';

export const brokers = parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');

export const newKafkaBus = () =>
  createKafkaBus({
    brokers,
    clientId: 'messaging-test',
    logger: testLogger,
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
    publishRetries: 2,
  });

/** Topics are shared with other test runs: a fresh group and fresh keys keep this run's messages apart. */
export const uniqueGroup = (what: string) => `messaging-test-${what}-${randomUUID()}`;

/** The group's committed offset for one partition, as the broker has it ('-1' for none). */
export async function committedOffset(groupId: string, topic: string, partition: number): Promise<string> {
  const admin = new Kafka({ clientId: 'messaging-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
  } finally {
    await admin.disconnect();
  }
}
