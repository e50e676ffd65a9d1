/**
 * Creates every Kafka topic (packages/messaging ALL_TOPICS: the facts and their .dlq topics) on the
 * broker named by KAFKA_BROKERS, waiting up to 60 s for it to answer; never starts a broker. The
 * `topics-init` one-shot service of docker-compose.yml runs this, so the topic list has one source.
 */
import { elapsed, ensureTopics, kafkaBrokers, log, runScript, waitForKafka } from './lib/index.js';

runScript(async () => {
  const startedAt = performance.now();
  const brokers = kafkaBrokers();
  log(`kafka: waiting for ${brokers.join(',')}…`);
  await waitForKafka(brokers, 60_000);
  await ensureTopics(brokers);
  log(`kafka: topics ready (${elapsed(startedAt)})`);
});
