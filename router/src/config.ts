import { z } from 'zod';
import {
  env,
  parseConfig,
  secretVariable,
  sharedVariables,
  sizeInBytes,
  strongSecretsInProduction,
  webSocketLimits,
  webSocketVariables,
} from '@sbor/core';
import { parseBrokers } from '@sbor/messaging';

/** Empty strings count as unset, as in @sbor/core's helpers. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const optionalPort = () => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).optional());

/** A limit must be a whole number ≥ 1: a zero or negative limit would refuse every operation. */
const limit = (fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').default(fallback),
  );

/** body-parser's size syntax: `100kb`, `1mb`, or plain bytes. */
const byteSize = (fallback: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+\s*(b|kb|mb)?$/i, 'must be a size such as 100kb or 1mb')
      .default(fallback),
  );

/**
 * Express `trust proxy`: unset means the socket's peer is the client. Behind a load balancer set it
 * to the number of hops or the proxies' addresses, or the forwarded client IP (used by subgraph rate
 * limits) is the proxy's.
 */
const trustProxy = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .optional()
      .transform((v): boolean | number | string => {
        if (v === undefined || v === 'false') return false;
        if (v === 'true') return true;
        return /^\d+$/.test(v) ? Number(v) : v;
      }),
  );

/**
 * `CORS_ORIGINS`: comma-separated origins (`https://shop.example.com,http://localhost:5173`), or `*`.
 * Each must be an origin exactly: scheme, host and port, no path.
 */
const corsOrigins = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .optional()
      .transform((value, ctx): readonly string[] | '*' | undefined => {
        if (value === undefined) return undefined;
        if (value.trim() === '*') return '*';
        const origins = value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean);
        for (const origin of origins) {
          if (!isOrigin(origin)) ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://shop.example.com` });
        }
        return origins;
      }),
  );

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** Subgraph names as they appear in the supergraph; `<NAME>_URL` overrides the baked-in routing URL. */
export const SUBGRAPH_NAMES = ['users', 'events', 'tickets', 'notifications'] as const;

/**
 * `ROUTER_SHARED_ENTITY_SUBGRAPHS`: comma-separated subgraph names, or `none`. Only subgraphs whose
 * entities read the same for everyone who may see them belong here.
 */
const sharedEntitySubgraphs = () =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('events')
      .transform((value, ctx): string[] => {
        if (value.trim() === 'none') return [];
        const names = value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        for (const name of names) {
          if (!(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
            ctx.addIssue({ code: 'custom', message: `"${name}" is not a subgraph (${SUBGRAPH_NAMES.join(', ')}), nor none` });
          }
        }
        return names;
      }),
  );

const { HOST, NODE_ENV, LOG_LEVEL, LOG_FORMAT, JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, CACHE_PREFIX } = sharedVariables;

/** The router's variables, each described: the README's configuration table is generated from them. */
export const routerVariables = {
  ROUTER_PORT: optionalPort().describe('Port the router listens on (GraphQL, Apollo Sandbox, health); default 8000.'),
  PORT: optionalPort().describe('Fallback for `ROUTER_PORT`, as platforms that assign a port set it.'),
  HOST,
  NODE_ENV,
  LOG_LEVEL,
  LOG_FORMAT,
  ROUTER_SECRET: secretVariable(
    env
      .optionalString()
      .pipe(z.string().min(16, 'must be at least 16 characters').optional())
      .describe(
        'Shared secret the router sends to subgraphs in `router-authorization`; random per process when embedded, required in production (at least 32 characters, no placeholder: `openssl rand -base64 48`).',
      ),
  ),
  JWKS_URL,
  JWT_ISSUER,
  JWT_AUDIENCE,
  USERS_URL: env.optionalUrl().describe("Overrides the users subgraph's routing URL from the supergraph."),
  EVENTS_URL: env.optionalUrl().describe("Overrides the events subgraph's routing URL from the supergraph."),
  TICKETS_URL: env.optionalUrl().describe("Overrides the tickets subgraph's routing URL from the supergraph."),
  NOTIFICATIONS_URL: env.optionalUrl().describe("Overrides the notifications subgraph's routing URL from the supergraph."),
  MAX_DEPTH: limit(12).describe('Deepest selection an operation may have.'),
  MAX_ALIASES: limit(15).describe('Most aliases in one operation.'),
  MAX_COST: limit(5000).describe('Highest estimated cost of one operation.'),
  MAX_TOKENS: limit(2000).describe('Most lexical tokens in one document.'),
  MAX_DIRECTIVES: limit(50).describe('Most directives in one operation.'),
  BODY_LIMIT: byteSize('100kb').describe('Largest accepted request body (`100kb`, `1mb`, or bytes).'),
  SUBGRAPH_TIMEOUT_MS: limit(10_000).describe('A subgraph slower than this fails its part of the plan with `SERVICE_UNAVAILABLE`.'),
  ROUTER_DEDUPLICATE_READS: env
    .bool(true)
    .describe(
      'Identical subgraph reads in flight for the same caller share one request (as Apollo Router and Hive Gateway do); mutations never.',
    ),
  ROUTER_RESPONSE_CACHE: env
    .bool(true)
    .describe(
      'Anonymous queries whose every field is public (`@cacheControl(scope: PUBLIC)` in the subgraphs) are answered from a cache for their shortest `maxAge` (1 s for listings and stock), and marked `Cache-Control: public`; facts that change them end them sooner. A repeat is answered from its own memory in front of Apollo Server.',
    ),
  ROUTER_ENTITY_CACHE: env
    .bool(true)
    .describe(
      "Entities that subgraphs return for public fields (an event's ticket types, its organizer's name) are kept in the router's memory for their shortest `maxAge`, per signed-in user (anonymous callers share theirs), so a popular page stops asking every subgraph every time; a mutation through this router replica or a fact that changes public data ends them at once.",
    ),
  KAFKA_BROKERS: env
    .optionalString()
    .describe(
      "Kafka brokers (comma-separated) a standalone router hears facts from (its own consumer group per replica), so an event's cancellation or a stock change ends cached public answers at once; unset, they live out their `maxAge`.",
    ),
  ...webSocketVariables,
  ROUTER_SHARED_ENTITY_SUBGRAPHS: sharedEntitySubgraphs().describe(
    "Subgraphs (comma-separated, or `none`) whose entity fetches for live subscriptions are batched as the router, without a user's token, across every subscriber receiving an item at the same moment; an entity that comes back null or with an error is fetched again as its subscriber. Others batch per subscriber's token.",
  ),
  CORS_ORIGINS: corsOrigins().describe(
    "Origins of front ends on other sites allowed to call the API from a browser (comma-separated, or `*`); none by default, as the web app is served on the router's own origin.",
  ),
  APOLLO_SANDBOX: z
    .preprocess(unsetIfEmpty, z.enum(['true', 'false'], { message: 'must be true or false' }).optional())
    .describe(
      'Apollo Sandbox at `/graphql` in a browser, with introspection: on by default, off with `NODE_ENV=production` unless set to `true` (then keep the router off the public internet).',
    ),
  TRUST_PROXY: trustProxy().describe(
    'Express `trust proxy`: hops or proxy addresses in front of the router, so the client IP (rate limits) is right.',
  ),
  ROUTER_DOCUMENT_CACHE_MB: limit(30).describe(
    'Parsed and validated documents kept by their hash, so a repeated operation skips both (Apollo Server `documentStore`), in MiB.',
  ),
  ROUTER_QUERY_PLAN_CACHE_MB: limit(30).describe(
    'Query plans kept by document hash and operation name, so a repeated operation is not planned again, in MiB.',
  ),
  REDIS_URL: env
    .optionalUrl()
    .describe(
      'Full mode: Redis that router replicas share automatic persisted queries through, so one registered on a replica hits on the others; unset keeps them in memory per process.',
    ),
  CACHE_PREFIX,
  ROUTER_PERSISTED_QUERY_TTL_SECONDS: limit(86_400).describe(
    'How long an automatic persisted query registered in Redis stays there without being registered again.',
  ),
  ROUTER_SAFELIST: env
    .optionalString()
    .describe(
      "Path to a persisted operations manifest: set, only its operations run, by hash or by identical text; anything else is refused with `FORBIDDEN`. `npm run build` writes the web app's to `web/dist/persisted-operations.json` (`/app/web/dist/persisted-operations.json` in the image). Off by default: Sandbox, scripts and other clients would be refused.",
    ),
};

const productionSecrets = strongSecretsInProduction(routerVariables);

export const routerConfigSchema = z
  .object(routerVariables)
  .superRefine((c, ctx) => {
    // Subgraphs refuse anything without the shared secret, so a production router without one
    // could only ever answer errors; better to stop at start-up and say so.
    if (c.NODE_ENV === 'production' && !c.ROUTER_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ROUTER_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    productionSecrets(c, ctx);
  })
  .transform((c) => ({
    port: c.ROUTER_PORT ?? c.PORT ?? 8000,
    host: c.HOST,
    nodeEnv: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    routerSecret: c.ROUTER_SECRET,
    jwksUrl: c.JWKS_URL,
    issuer: c.JWT_ISSUER,
    audience: c.JWT_AUDIENCE,
    subgraphUrls: dropUnset({
      users: c.USERS_URL,
      events: c.EVENTS_URL,
      tickets: c.TICKETS_URL,
      notifications: c.NOTIFICATIONS_URL,
    }),
    limits: {
      maxDepth: c.MAX_DEPTH,
      maxAliases: c.MAX_ALIASES,
      maxCost: c.MAX_COST,
      maxTokens: c.MAX_TOKENS,
      maxDirectives: c.MAX_DIRECTIVES,
    },
    bodyLimit: c.BODY_LIMIT,
    // A graphql-ws frame may be as large as an HTTP body, no larger.
    webSocket: webSocketLimits(c, sizeInBytes(c.BODY_LIMIT)),
    sharedEntitySubgraphs: c.ROUTER_SHARED_ENTITY_SUBGRAPHS,
    subgraphTimeoutMs: c.SUBGRAPH_TIMEOUT_MS,
    deduplicateReads: c.ROUTER_DEDUPLICATE_READS,
    responseCache: c.ROUTER_RESPONSE_CACHE,
    entityCache: c.ROUTER_ENTITY_CACHE,
    kafkaBrokers: c.KAFKA_BROKERS === undefined ? undefined : parseBrokers(c.KAFKA_BROKERS),
    trustProxy: c.TRUST_PROXY,
    corsOrigins: c.CORS_ORIGINS ?? [],
    /** Undefined follows `nodeEnv` (the embedded launcher sets that after loading this). */
    sandbox: c.APOLLO_SANDBOX === undefined ? undefined : c.APOLLO_SANDBOX === 'true',
    operationCaches: { documentMiB: c.ROUTER_DOCUMENT_CACHE_MB, queryPlanMiB: c.ROUTER_QUERY_PLAN_CACHE_MB },
    persistedQueries: {
      redis: c.REDIS_URL === undefined ? undefined : { url: c.REDIS_URL, prefix: c.CACHE_PREFIX },
      ttlSeconds: c.ROUTER_PERSISTED_QUERY_TTL_SECONDS,
    },
    safelistPath: c.ROUTER_SAFELIST,
  }));

export type RouterConfig = z.infer<typeof routerConfigSchema>;
export type OperationLimits = RouterConfig['limits'];

export const loadRouterConfig = (source: Record<string, string | undefined> = process.env): RouterConfig =>
  parseConfig(routerConfigSchema, source);

function dropUnset(urls: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(urls).filter((e): e is [string, string] => e[1] !== undefined));
}
