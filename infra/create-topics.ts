/**
 * Creates every Kafka topic (packages/messaging ALL_TOPICS: the facts and their .dlq topics) on the
 * broker named by KAFKA_BROKERS, waiting up to 60 s for it to answer; never starts a broker. The
 * `topics-init` one-shot service of docker-compose.yml runs this, so the topic list has one source.
 */
// Not the lib/index.js barrel: it would bring Redis and PostgreSQL clients into the image's bundle.
import { kafkaBrokers } from './lib/config.js';
import { ensureTopics, waitForKafka } from './lib/kafka.js';
import { elapsed, log, runScript } from './lib/log.js';

runScript(async () => {
  const startedAt = performance.now();
  const brokers = kafkaBrokers();
  log(`kafka: waiting for ${brokers.join(',')}…`);
  await waitForKafka(brokers, 60_000);
  await ensureTopics(brokers);
  log(`kafka: topics ready (${elapsed(startedAt)})`);
});
