import { z } from 'zod';
import { createTokenVerifier, remoteKeySet } from '@sbor/auth';
import { connectRedisCache, type Cache } from '@sbor/cache';
import { ConfigError, createLogger, databaseVariable, exitOnConfigError, sharedVariables, stopOnSignals } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
import { createKafkaBus } from '@sbor/messaging';
import type { AnySubgraph } from './define.js';
import { startSubgraph } from './start.js';

/** The infrastructure variables a subgraph reads when it runs alone (full mode), beyond its own. */
export function standaloneVariables(definition: AnySubgraph): Record<string, z.ZodType> {
  const { LOG_LEVEL, LOG_FORMAT, KAFKA_BROKERS, JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, REDIS_URL, CACHE_PREFIX } = sharedVariables;
  return {
    LOG_LEVEL,
    LOG_FORMAT,
    ...databaseVariable(definition.name),
    KAFKA_BROKERS,
    JWKS_URL,
    JWT_ISSUER,
    JWT_AUDIENCE,
    ...(definition.usesCache ? { REDIS_URL, CACHE_PREFIX } : {}),
  };
}

/** Parses the service's own settings and its infrastructure from one environment, reporting every problem at once. */
export function loadStandaloneConfig<D extends AnySubgraph>(definition: D, source: Record<string, string | undefined> = process.env) {
  const own = definition.settings.schema.safeParse(source);
  const infra = z.object(standaloneVariables(definition)).safeParse(source);
  const problems = [own, infra].flatMap((result) =>
    result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
  );
  if (problems.length > 0 || !own.success || !infra.success) throw new ConfigError(problems);
  const values = infra.data as Record<string, unknown>;
  return {
    settings: own.data as D extends { settings: { schema: z.ZodType<infer S> } } ? S : never,
    logLevel: values.LOG_LEVEL as string,
    databaseUrl: values[`DATABASE_URL_${definition.name.toUpperCase()}`] as string,
    kafkaBrokers: values.KAFKA_BROKERS as string[],
    jwt: { jwksUrl: values.JWKS_URL as string, issuer: values.JWT_ISSUER as string, audience: values.JWT_AUDIENCE as string },
    redis: definition.usesCache ? { url: values.REDIS_URL as string, prefix: values.CACHE_PREFIX as string } : undefined,
  };
}

/** For a service that keeps nothing in a cache: any use is a bug, said plainly. */
function noCache(service: string): Cache {
  const refuse = async (): Promise<never> => {
    throw new Error(`the ${service} service declares usesCache: false, yet used the cache`);
  };
  return {
    get: refuse,
    set: refuse,
    del: refuse,
    hit: refuse,
    publish: refuse,
    subscribe: refuse,
    ping: async () => true,
    close: async () => {},
  };
}

/**
 * A subgraph as its own process (docker compose, Kubernetes, `--services per-service`): reads the
 * environment, connects PostgreSQL, Kafka and (when used) Redis, starts the service and stops it
 * all in order on SIGTERM/SIGINT. A bad variable exits at once, naming it.
 */
export async function runStandalone(definition: AnySubgraph): Promise<void> {
  let config: ReturnType<typeof loadStandaloneConfig>;
  try {
    config = loadStandaloneConfig(definition);
  } catch (error) {
    exitOnConfigError(error);
  }
  const { name } = definition;
  const logger = createLogger(name, config.logLevel);
  const database = databaseOnPostgres(config.databaseUrl, { applicationName: `sbor-${name}` });
  const cache = config.redis
    ? await connectRedisCache(config.redis.url, { keyPrefix: config.redis.prefix, onError: (err) => logger.warn({ err }, 'redis error') })
    : noCache(name);
  const bus = createKafkaBus({ brokers: config.kafkaBrokers, clientId: `sbor-${name}`, logger });
  const verifyToken = createTokenVerifier({
    keys: remoteKeySet(config.jwt.jwksUrl),
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
  });
  const closeInfrastructure = [() => bus.close(), () => cache.close(), () => database.close()];
  const running = await startSubgraph(definition, config.settings, { database, cache, bus, logger, verifyToken }).catch(
    async (error: unknown) => {
      logger.fatal({ err: error }, `${name} could not start`);
      for (const close of closeInfrastructure) await close().catch(() => undefined);
      process.exit(1);
    },
  );
  stopOnSignals(logger, [running.stop, ...closeInfrastructure]);
}
