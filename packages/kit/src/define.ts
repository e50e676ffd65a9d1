import type { Express } from 'express';
import type { z } from 'zod';
import type { TokenVerifier } from '@sbor/auth';
import type { Cache } from '@sbor/cache';
import type { BaseContext, Logger, ServiceMetrics, WebSocketLimits } from '@sbor/core';
import type { Database } from '@sbor/db';
import type { Bus } from '@sbor/messaging';
import type { ResumePoint } from './live-feed.js';

/** What a service runs on. The same interfaces in both runtime modes; only the launcher differs. */
export interface Infrastructure {
  database: Database;
  /** Redis in full mode, in-process when embedded; a service that declares no cache gets one that refuses use. */
  cache: Cache;
  /** Kafka in full mode, the PGlite log when embedded. */
  bus: Bus;
  logger: Logger;
  /** Verifies the access token the router forwards. */
  verifyToken: TokenVerifier;
}

/** What every subgraph's settings hold, whatever else it reads. */
export interface ServingSettings {
  port: number;
  host: string;
  production: boolean;
  routerSecret: string;
  /** The graphql-ws limits of a service with subscriptions (`webSocketSettings`); defaults otherwise. */
  webSocket?: WebSocketLimits;
}

/** Stops something that was started. */
export type Stop = () => Promise<unknown>;

/**
 * Something long-running beside the HTTP server: an outbox relay, a Kafka consumer, a scheduler.
 * Parts start in the order given, before the server listens, and stop in reverse after it closed,
 * so the last requests' facts still go out.
 */
export interface Part {
  name: string;
  start(): Promise<Stop> | Stop;
}

/**
 * What a resolver's context is built from, per request. A subscription over graphql-ws also has
 * `resume`: where its subscriber asked to start (a resumable live field reads it).
 */
export type RequestBase = BaseContext & { logger: Logger; resume?: ResumePoint };

/**
 * The environment variables a service reads for itself, and the settings they become. The launcher
 * adds the infrastructure variables (database, Kafka, Redis, JWKS, log level) when it runs alone.
 */
export interface SettingsModel<Settings extends ServingSettings> {
  /** Each variable's schema, with a default and a `describe`d meaning: the README's table is generated from them. */
  variables: Record<string, z.ZodType>;
  /** `z.object(variables)` with its refinements and the transform into settings. */
  schema: z.ZodType<Settings>;
  /** Parses `source`, reporting every bad variable at once (ConfigError). */
  load(source: Record<string, string | undefined>): Settings;
}

export interface SubgraphDefinition<Settings extends ServingSettings, Ctx extends BaseContext, Domain> {
  /** Also the PostgreSQL schema its tables live in, its metrics' `service` label and its logger's name. */
  name: string;
  /** Absolute path of its `schema.graphql`. */
  schema: string;
  /** Absolute path of its drizzle-kit migrations. */
  migrations: string;
  settings: SettingsModel<Settings>;
  /** Whether it keeps anything in the shared cache (Redis in full mode); standalone needs REDIS_URL then. */
  usesCache: boolean;
  /** The resolver map, typed by GraphQL Code Generator from the same schema. */
  resolvers: object;
  /** Builds the domain (repositories, rules, workers) from the infrastructure. Runs after migrations. */
  setup(input: { settings: Settings; infra: Infrastructure; metrics: ServiceMetrics }): Domain | Promise<Domain>;
  /** Started in order once the domain is built, stopped in reverse after the server closed. */
  parts?(domain: Domain, input: { settings: Settings; infra: Infrastructure }): Part[];
  /** Each request's resolver context. */
  context(domain: Domain, base: RequestBase): Ctx;
  /** Side routes beside /graphql (JWKS, internal reads, public keys); not behind the router secret. */
  routes?(domain: Domain, input: { settings: Settings; infra: Infrastructure }): (app: Express) => void;
  /** Serves graphql-ws on /graphql too (subscriptions), with the same context and token rules. */
  webSocket?: boolean;
  /** The token verifier this service uses instead of the one it is given (users checks its own keys). */
  verifyToken?(domain: Domain): TokenVerifier;
}

/** Declares a subgraph; the identity, so the three type parameters are inferred from the literal. */
export function defineSubgraph<Settings extends ServingSettings, Ctx extends BaseContext, Domain>(
  definition: SubgraphDefinition<Settings, Ctx, Domain>,
): SubgraphDefinition<Settings, Ctx, Domain> {
  return definition;
}

/** Any definition, whatever its types: what launchers take. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubgraph = SubgraphDefinition<any, any, any>;
