/**
 * `npm run infra:down`: stops the Kafka broker that infra started (pid in infra/.run/kafka.pid).
 * PostgreSQL and Redis belong to the machine and are left alone; broker data stays in
 * infra/.run/kafka-data (remove that directory for a fresh cluster).
 */
import { elapsed, kafkaBrokerPid, log, runScript, stopKafkaBroker } from './lib/index.js';

runScript(async () => {
  const pid = kafkaBrokerPid();
  if (pid === undefined) {
    await stopKafkaBroker(); // clears a stale pid file
    log('kafka: no broker started by infra is running; nothing to stop (PostgreSQL and Redis are left alone)');
    return;
  }
  const startedAt = performance.now();
  log(`kafka: stopping broker (pid ${pid})…`);
  const outcome = await stopKafkaBroker(30_000);
  log(
    outcome === 'killed'
      ? `kafka: broker did not stop within 30 s; killed it (${elapsed(startedAt)})`
      : `kafka: broker stopped (${elapsed(startedAt)}); PostgreSQL and Redis are left alone`,
  );
});
