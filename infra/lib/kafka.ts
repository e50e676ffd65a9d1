/**
 * Kafka as tests and services see it: use the broker on KAFKA_BROKERS if one answers, else run one
 * locally (kafka-broker.ts), wait until it serves requests, and create every topic up front.
 */
import { createConnection } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS } from '../../packages/messaging/src/topics.js';
import { TOPIC_PARTITIONS, TOPIC_REPLICATION, isLocalAddress, kafkaBrokers, localKafkaPorts } from './config.js';
import {
  fetchKafkaJars,
  formatKafkaStorage,
  kafkaBrokerPid,
  kafkaJarsPresent,
  kafkaLogTail,
  renderServerProperties,
  renderedKafkaPort,
  startKafkaBroker,
  withKafkaLock,
} from './kafka-broker.js';
import { InfraError, elapsed, log, sleep } from './log.js';

export interface EnsureKafkaOptions {
  /** Default: KAFKA_BROKERS, else 127.0.0.1:9092. */
  brokers?: string[];
  /** Default: ALL_TOPICS of packages/messaging (fact topics and their .dlq topics). */
  topics?: readonly string[];
  /** How long a broker may take to start answering. Default 60 s. */
  timeoutMs?: number;
}

/** Makes sure a broker answers on `brokers` (starting a local one if needed) and all topics exist. */
export async function ensureKafka(options: EnsureKafkaOptions = {}): Promise<string[]> {
  const brokers = options.brokers ?? kafkaBrokers();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const label = brokers.join(',');
  if (await anyPortOpen(brokers)) {
    // Something listens: a running broker (or one still starting). Not for a full minute, though.
    await waitForKafka(brokers, Math.min(timeoutMs, 20_000));
  } else {
    if (!brokers.every(isLocalAddress)) {
      throw new InfraError(
        `kafka: nothing answers on ${label}`,
        'start that broker, or unset KAFKA_BROKERS so infra runs one on 127.0.0.1:9092',
      );
    }
    const startedAt = performance.now();
    const pid = await withKafkaLock(async () => {
      // Another process may have started it while we waited for the lock.
      const running = kafkaBrokerPid();
      const { port, controllerPort } = localKafkaPorts(brokers);
      if (running !== undefined) {
        const runningPort = renderedKafkaPort();
        if (runningPort !== undefined && runningPort !== port) {
          throw new InfraError(
            `kafka: infra's broker already runs on port ${runningPort} (pid ${running}), not ${port}`,
            'use that one (unset KAFKA_PORT / KAFKA_BROKERS), or stop it first with npm run infra:down',
          );
        }
        log(`kafka: broker (pid ${running}) is being started by another process; waiting…`);
        return running;
      }
      if (await anyPortOpen(brokers)) return undefined;
      if (!kafkaJarsPresent()) await fetchKafkaJars();
      const config = renderServerProperties(port, controllerPort);
      await formatKafkaStorage(config);
      const started = startKafkaBroker(config);
      log(`kafka: starting broker (pid ${started}, controller on 127.0.0.1:${controllerPort}, logs in infra/.run/kafka-logs)…`);
      return started;
    });
    await waitForKafka(brokers, timeoutMs, pid);
    await warmUpGroupCoordinator(brokers);
    log(`kafka: ready on ${label} (${elapsed(startedAt)})`);
  }
  await ensureTopics(brokers, options.topics ?? ALL_TOPICS);
  return brokers;
}

/** Whether a TCP connection to any of `brokers` opens (a cheap "is anything there"). */
export async function anyPortOpen(brokers: string[], timeoutMs = 1000): Promise<boolean> {
  const results = await Promise.all(brokers.map((broker) => portOpen(broker, timeoutMs)));
  return results.includes(true);
}

/**
 * Waits until the cluster answers a metadata request with a registered broker. If `pid` (the broker
 * we started) dies meanwhile, fails at once with the end of its logs.
 */
export async function waitForKafka(brokers: string[], timeoutMs = 60_000, pid?: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastError = 'no answer';
  while (performance.now() < deadline) {
    if (pid !== undefined && kafkaBrokerPid() !== pid) {
      throw new InfraError(
        `kafka: the broker exited while starting. Last log lines:\n${kafkaLogTail()}`,
        'see infra/.run/kafka.out and infra/.run/kafka-logs/server.log; if the data is damaged, run npm run infra:down && rm -rf infra/.run/kafka-data',
      );
    }
    if (await anyPortOpen(brokers, 500)) {
      const admin = client(brokers).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0 && cluster.controller !== null) return;
        lastError = 'no broker registered yet';
      } catch (error) {
        lastError = (error as Error).message;
      } finally {
        await admin.disconnect().catch(() => {});
      }
    }
    await sleep(300);
  }
  throw new InfraError(
    `kafka: ${brokers.join(',')} did not answer within ${timeoutMs / 1000} s (${lastError})`,
    pid !== undefined
      ? 'see infra/.run/kafka-logs/server.log; stop it with npm run infra:down and retry'
      : brokers.every(isLocalAddress)
        ? `is something other than Kafka listening there? Check with: ss -ltnp | grep :${brokers[0]?.split(':').pop() ?? 9092}`
        : 'check that KAFKA_BROKERS names a running Kafka broker reachable from here',
  );
}

/**
 * Creates the missing ones of `topics` (partitions 3, replication 1 unless a cluster of several
 * brokers asks for more); existing topics are left as they are.
 */
export async function ensureTopics(
  brokers: string[],
  topics: readonly string[] = ALL_TOPICS,
  replicationFactor: number = TOPIC_REPLICATION,
): Promise<void> {
  const admin = client(brokers).admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor })),
        waitForLeaders: true,
        timeout: 15_000,
      });
      const now = new Set(await admin.listTopics());
      const absent = topics.filter((topic) => !now.has(topic));
      if (absent.length > 0) throw new Error(`still missing after creation: ${absent.join(', ')}`);
      log(`kafka: created ${missing.length} topic(s): ${missing.join(', ')}`);
    } else {
      log(`kafka: ok on ${brokers.join(',')}, all ${topics.length} topics exist`);
    }
  } catch (error) {
    if (error instanceof InfraError) throw error;
    throw new InfraError(`kafka: creating topics failed (${reasonOf(error as Error)})`, 'see infra/.run/kafka-logs/server.log');
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** kafkajs puts why each topic failed (e.g. an invalid replication factor) inside `errors`; say it. */
function reasonOf(error: Error): string {
  const inner = (error as { errors?: { message?: string }[] }).errors ?? [];
  const reasons = [...new Set(inner.map((e) => e.message).filter(Boolean))];
  return reasons.length > 0 ? `${error.message}: ${reasons.join('; ')}` : error.message;
}

/**
 * A fresh broker creates __consumer_offsets on the first group request, which makes the first
 * consumer of a test wait ("coordinator is loading"); ask once here so tests start warm.
 */
async function warmUpGroupCoordinator(brokers: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'sbor-infra',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeGroups(['sbor-infra-warm-up']);
  } catch {
    // only an optimisation: the first consumer would do the same, a little slower
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

function client(brokers: string[]): Kafka {
  return new Kafka({
    clientId: 'sbor-infra',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200 },
  });
}

function portOpen(broker: string, timeoutMs: number): Promise<boolean> {
  const separator = broker.lastIndexOf(':');
  const host = broker.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(broker.slice(separator + 1));
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: timeoutMs });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
