/**
 * `npm run migrate`: brings a full-mode deployment's four databases and its Kafka topics up to this
 * version, then exits (the Kubernetes Job infra/k8s/base/migrate-job.yaml runs it before a rollout).
 * Each service still migrates at start (packages/kit start.ts), under the same advisory lock, so
 * running both is harmless; running this first makes a failing migration stop the release before
 * any new pod takes traffic, and creates the topics, which no service creates (auto-create is off).
 */
import { z } from 'zod';
import { databaseVariable, env, parseConfig, sharedVariables } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
import { eventsSubgraph } from '@sbor/events';
import type { AnySubgraph } from '@sbor/kit';
import { ALL_TOPICS } from '@sbor/messaging';
import { notificationsSubgraph } from '@sbor/notifications';
import { ticketsSubgraph } from '@sbor/tickets';
import { usersSubgraph } from '@sbor/users';
import { ensureTopics, waitForKafka } from '../../../infra/lib/kafka.js';

/** What `npm run migrate` reads: every service's database, the brokers, and how many copies a topic keeps. */
export const migrateVariables = {
  ...databaseVariable('users'),
  ...databaseVariable('events'),
  ...databaseVariable('tickets'),
  ...databaseVariable('notifications'),
  KAFKA_BROKERS: sharedVariables.KAFKA_BROKERS,
  KAFKA_TOPIC_REPLICATION: env
    .int(1)
    .pipe(z.number().min(1, 'must be at least 1'))
    .describe(
      "Replicas of each topic `npm run migrate` creates: 1 for a single broker; on a cluster, more than its `min.insync.replicas` (e.g. 3), or producers' acks=all writes are refused.",
    ),
};

export interface MigrateOptions {
  /** Default: every fact topic and its .dlq topic. */
  topics?: readonly string[];
  /** How long the brokers may take to answer. Default 60 s. */
  kafkaWaitMs?: number;
}

/** Migrates each service's database (named by `DATABASE_URL_<SERVICE>`) and creates the missing topics; returns what it did. */
export async function migrateCommand(source: Record<string, string | undefined>, options: MigrateOptions = {}): Promise<string[]> {
  const config = parseConfig(z.object(migrateVariables), source);
  const databases: [AnySubgraph, string][] = [
    [usersSubgraph, config.DATABASE_URL_USERS],
    [eventsSubgraph, config.DATABASE_URL_EVENTS],
    [ticketsSubgraph, config.DATABASE_URL_TICKETS],
    [notificationsSubgraph, config.DATABASE_URL_NOTIFICATIONS],
  ];
  const lines: string[] = [];
  for (const [definition, url] of databases) {
    // Two connections: `migrate` holds one for its advisory lock while drizzle migrates on the other.
    const database = databaseOnPostgres(url, { max: 2, applicationName: 'sbor-migrate' });
    try {
      await database.migrate({ migrationsFolder: definition.migrations, schema: definition.name });
    } catch (error) {
      throw new Error(`${definition.name}: migrating its database failed (${(error as Error).message})`, { cause: error });
    } finally {
      await database.close();
    }
    lines.push(`${definition.name}: database migrated`);
  }
  const topics = options.topics ?? ALL_TOPICS;
  await waitForKafka(config.KAFKA_BROKERS, options.kafkaWaitMs ?? 60_000);
  await ensureTopics(config.KAFKA_BROKERS, topics, config.KAFKA_TOPIC_REPLICATION);
  lines.push(`kafka: ${topics.length} topics present (replication ${config.KAFKA_TOPIC_REPLICATION})`);
  return lines;
}
