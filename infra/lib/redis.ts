/** Redis: the machine's server (infra never starts it); infra only checks that it answers. */
import { Redis } from 'ioredis';
import { redisUrl } from './config.js';
import { InfraError, log } from './log.js';

export const REDIS_START_HINT =
  'start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" ' +
  '--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log\n' +
  '(or set REDIS_URL to a server that answers)';

/** PINGs `url` once (no reconnect loop); throws an InfraError with the start command if silent. */
export async function ensureRedis(url: string = redisUrl()): Promise<string> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined; // the cause ("ECONNREFUSED"), not ioredis's "Connection is closed"
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    log(`redis: ok on ${url}`);
    return url;
  } catch (error) {
    throw new InfraError(`redis: not answering on ${url} (${(lastError ?? (error as Error)).message})`, REDIS_START_HINT);
  } finally {
    redis.disconnect();
  }
}
