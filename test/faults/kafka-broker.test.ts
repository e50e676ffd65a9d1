/**
 * The Kafka broker is SIGKILLed while purchases stream in, then started again. Purchases never
 * depend on the broker (the outbox holds the facts); once it is back the relays publish the
 * backlog and the consumers resume, and every sold ticket ends with exactly one fact on the topic
 * and one notification. The broker is infra's shared local one (infra/.run/kafka.pid): it is down
 * for seconds only, and started again whatever happens in the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokerPid, kafkaBrokers, startKafkaBroker, waitForKafka, withKafkaLock } from '../../infra/lib/index.js';
import { metricValue, sleep, startCluster, until, type Cluster } from './support/cluster.js';
import { openSale, purchaseStream, sold, verifyNothingLost } from './support/scenario.js';

/** infra's broker (the one we may kill and restart); absent when KAFKA_BROKERS names someone else's. */
const infraBroker = kafkaBrokerPid();

/** Starts infra's broker again unless it (or another process's restart of it) is already running. */
async function ensureBrokerRunning(): Promise<number> {
  const started = performance.now();
  await withKafkaLock(async () => {
    if (kafkaBrokerPid() === undefined) startKafkaBroker();
  });
  await waitForKafka(kafkaBrokers(), 90_000);
  return performance.now() - started;
}

let cluster: Cluster | undefined;

beforeAll(async () => {
  if (infraBroker === undefined) return;
  cluster = await startCluster();
});
afterAll(async () => {
  // Never leave the shared broker down, even when the test failed half-way.
  if (infraBroker !== undefined) await ensureBrokerRunning();
  await cluster?.stop();
});

describe('faults: Kafka broker', () => {
  it.skipIf(infraBroker === undefined)('SIGKILL and restart while purchases stream in: nothing lost, nothing doubled', async () => {
    const c = cluster!;
    const sale = await openSale(c);
    await c.caughtUp();
    const stream = purchaseStream(c, sale, { count: 90, concurrency: 3, pauseMs: 100 });
    await until(
      'purchases flowing',
      async () => sold(stream.outcomes).length,
      (n) => n >= 15,
    );

    const pid = kafkaBrokerPid();
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    const killedAt = performance.now();
    let restartMs: number;
    try {
      await sleep(3000); // purchases keep coming while the broker is gone
      // Facts pile up in the outbox meanwhile.
      await until(
        'an outbox backlog while the broker is down',
        async () => metricValue(await c.services.tickets.metrics(), 'sbor_outbox_unsent'),
        (n) => n > 0,
        10_000,
      );
    } finally {
      restartMs = await ensureBrokerRunning();
    }
    const downMs = performance.now() - killedAt;

    const outcomes = await stream.done;
    // The broker is not on the purchase path: every purchase succeeded.
    expect(outcomes.filter((o) => o.code)).toEqual([]);
    const backAt = performance.now();
    await c.caughtUp(120_000);
    const catchUpMs = performance.now() - backAt;

    const report = await verifyNothingLost(c, sale.eventId, sold(outcomes));
    console.info(
      `[faults] Kafka SIGKILL: broker down ${Math.round(downMs)} ms (restart to ready ${Math.round(restartMs)} ms); ` +
        `caught up (outbox 0, lag 0) ${Math.round(catchUpMs)} ms after the stream ended; ${report.stored.ids.length} tickets, ` +
        `${report.topic.messages} messages (${report.duplicateMessages} redelivered copies of a fact)`,
    );
    expect(report.stored.ids.length).toBe(90);
    expect(report.stored.soldCounter).toBe(90);
    expect(report.missingFromDatabase).toEqual([]);
    expect(report.withoutFact).toEqual([]);
    expect(report.withSeveralFacts).toEqual([]);
    expect(report.factsForUnknownTickets).toEqual([]);
    expect(report.withoutNotification).toEqual([]);
    expect(report.notificationsForUnknownTickets).toEqual([]);
  });
});
