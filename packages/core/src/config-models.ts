import { z } from 'zod';
import { env } from './config.js';
import { secretVariable } from './secret-strength.js';

/**
 * The variables more than one service reads, defined once so a name means the same thing
 * everywhere: same parsing, same default, same description (the README's configuration table is
 * generated from these descriptions; `describe` is the last call so the text stays on the field).
 */

const BROKERS_NEEDED = 'must list at least one broker, e.g. 127.0.0.1:9092';
const SECRET_RULE = 'must be at least 16 characters';

export const sharedVariables = {
  HOST: env.string().default('127.0.0.1').describe('Interface to listen on (`0.0.0.0` in containers).'),
  NODE_ENV: env
    .nodeEnv()
    .describe(
      '`production` turns off introspection, Apollo Sandbox (unless `APOLLO_SANDBOX=true`) and field suggestions, and refuses weak or placeholder secrets.',
    ),
  LOG_LEVEL: env.logLevel().describe('pino log level.'),
  LOG_FORMAT: env
    .optionalString()
    .pipe(z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional())
    .describe(
      '`json` (one object per line) or `pretty` (readable, coloured); unset: pretty in a terminal outside production, JSON otherwise.',
    ),
  ROUTER_SECRET: secretVariable(
    env
      .string()
      .pipe(z.string().min(16, SECRET_RULE))
      .describe(
        'Shared secret every subgraph requires in `router-authorization`; at least 16 characters, and with `NODE_ENV=production` at least 32 and no placeholder (`openssl rand -base64 48`).',
      ),
  ),
  JWKS_URL: env
    .url()
    .default('http://127.0.0.1:8081/.well-known/jwks.json')
    .describe('Public keys that access tokens are verified with (the users service serves them).'),
  JWT_ISSUER: env.string().default('sbor-users').describe('Access-token `iss`.'),
  JWT_AUDIENCE: env.string().default('sbor-api').describe('Access-token `aud`.'),
  KAFKA_BROKERS: env
    .csv()
    .pipe(z.array(z.string(), { error: BROKERS_NEEDED }).min(1, BROKERS_NEEDED))
    .describe('Comma-separated Kafka brokers, e.g. `127.0.0.1:9092`.'),
  REDIS_URL: env.url().describe('Redis for cache, rate limits and live fan-out, e.g. `redis://127.0.0.1:6379`.'),
  CACHE_PREFIX: env.string().default('sbor:').describe('Prefix of every Redis key and channel, so deployments can share a Redis.'),
  OUTBOX_INTERVAL_MS: env
    .int(1_000)
    .pipe(z.number().min(10, 'must be at least 10'))
    .describe('Outbox relay poll interval; a commit also wakes the relay at once.'),
  RETENTION_INTERVAL_MINUTES: env
    .int(60)
    .pipe(z.number().min(1, 'must be at least 1').max(1440, 'must be at most 1440'))
    .describe(
      'How often each service deletes the rows its `RETENTION_*` periods let go, 1000 rows per statement; the first pass runs one interval after start.',
    ),
  RETENTION_OUTBOX_SENT_HOURS: env
    .int(168)
    .pipe(z.number().min(1, 'must be at least 1'))
    .describe('Outbox rows are deleted this many hours after they were published; a row not yet published is kept however old.'),
  RETENTION_INBOX_DAYS: env
    .int(30)
    .pipe(z.number().min(1, 'must be at least 1'))
    .describe(
      "Ids of consumed facts (and, in tickets, of applied payment webhooks) are kept this many days, so a redelivery has no second effect: keep it longer than Kafka's topic retention and the payment provider's retries.",
    ),
};

/** The retention variables' units in the milliseconds the pruners take. */
export const durationMs = {
  minutes: (n: number) => n * 60_000,
  hours: (n: number) => n * 3_600_000,
  days: (n: number) => n * 86_400_000,
};

/** The port variable of one service (`TICKETS_PORT`, …). */
export function portVariable<const N extends string>(name: N, port: number) {
  const variable = `${name.toUpperCase()}_PORT` as `${Uppercase<N>}_PORT`;
  return { [variable]: env.port(port).describe(`Port the ${name} service listens on.`) } as Record<
    `${Uppercase<N>}_PORT`,
    ReturnType<typeof env.port>
  >;
}

/** The database variable of one service (`DATABASE_URL_TICKETS`, …): its own PostgreSQL database. */
export function databaseVariable<const N extends string>(name: N) {
  const variable = `DATABASE_URL_${name.toUpperCase()}` as `DATABASE_URL_${Uppercase<N>}`;
  return { [variable]: env.url().describe(`The ${name} service's PostgreSQL database (full mode).`) } as Record<
    `DATABASE_URL_${Uppercase<N>}`,
    ReturnType<typeof env.url>
  >;
}

/** A Kafka consumer group and where a new one starts, per consuming service. */
export function consumerVariables<const N extends string>(name: N) {
  const upper = name.toUpperCase() as Uppercase<N>;
  return {
    [`${upper}_GROUP_ID`]: env.string().default(name).describe(`Kafka consumer group of the ${name} service.`),
    [`${upper}_START_AT`]: z
      .preprocess((v) => (v === '' ? undefined : v), z.enum(['earliest', 'latest']).default('earliest'))
      .describe('Where a new consumer group starts: `earliest` replays retained facts (the inbox makes that harmless).'),
  } as Record<`${Uppercase<N>}_GROUP_ID`, z.ZodType<string>> & Record<`${Uppercase<N>}_START_AT`, z.ZodType<'earliest' | 'latest'>>;
}

/** One documented variable: its name, default (as text, or undefined when required or optional) and meaning. */
export interface VariableDoc {
  name: string;
  default: string | undefined;
  required: boolean;
  description: string;
}

/** Reads the documentation of a record of variable schemas: the default is what parsing "unset" gives. */
export function documentVariables(variables: Record<string, z.ZodType>): VariableDoc[] {
  return Object.entries(variables).map(([name, schema]) => {
    const unset = schema.safeParse(undefined);
    const value = unset.success ? unset.data : undefined;
    return {
      name,
      default: value === undefined ? undefined : Array.isArray(value) ? value.join(',') : String(value),
      required: !unset.success,
      description: schema.description ?? '',
    };
  });
}
