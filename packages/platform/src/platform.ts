import { randomBytes } from 'node:crypto';
import { createTokenVerifier, remoteKeySet, type TokenVerifier } from '@sbor/auth';
import { createLogger, webSocketVariables } from '@sbor/core';
import { eventsSubgraph } from '@sbor/events';
import { startSubgraph, type AnySubgraph, type RunningSubgraph } from '@sbor/kit';
import { notificationsSubgraph } from '@sbor/notifications';
import { loadRouterConfig, startRouter } from '@sbor/router';
import { ticketsSubgraph } from '@sbor/tickets';
import { usersSubgraph } from '@sbor/users';
import type { PlatformConfig, ServiceName } from './config.js';
import { lockDataDir } from './embedded-lock.js';
import { embeddedInfrastructure, fullInfrastructure } from './infrastructure.js';

export interface Platform {
  mode: 'embedded' | 'full';
  routerUrl: string;
  /** Each subgraph's GraphQL URL (they only answer requests that carry the router secret). */
  subgraphUrls: Record<ServiceName, string>;
  routerSecret: string;
  /**
   * Starts one more notifications service and one more router in front of it, sharing this
   * platform's databases, bus and cache: how several replicas behave, in one process.
   */
  addReplica(): Promise<{ routerUrl: string }>;
  stop(): Promise<void>;
}

type Closer = () => Promise<unknown>;
const pick = (source: Record<string, string | undefined>, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, source[name]]));
const baseUrlOf = (graphqlUrl: string) => new URL('/', graphqlUrl).toString().replace(/\/$/, '');

/**
 * Starts the router and every subgraph in this process. Embedded mode needs nothing installed;
 * full mode uses the PostgreSQL databases, Kafka and Redis named in the configuration.
 */
export async function startPlatform(config: PlatformConfig): Promise<Platform> {
  const logger = createLogger('platform', config.logLevel);
  const mode = config.full ? 'full' : 'embedded';
  const routerSecret = config.routerSecret ?? randomBytes(24).toString('base64url');
  // Taken before anything opens the data: a second start on the same data must touch nothing.
  const lock = !config.full && config.dataDir !== ':memory:' ? await lockDataDir(config.dataDir) : undefined;
  const infra = await (config.full ? fullInfrastructure(config.full, logger) : embeddedInfrastructure(config, logger)).catch(
    async (error: unknown) => {
      await lock?.release();
      throw error;
    },
  );
  if (lock) infra.closers.push(() => lock.release());
  const { databases, cache, bus } = infra;
  const loggerOf = (service: string) => createLogger(service, config.logLevel);
  const stops: Closer[] = [];
  const stopAll = async () => {
    for (const stop of [...stops.reverse(), ...infra.closers]) await stop().catch((err) => logger.warn({ err }, 'stop failed'));
  };
  try {
    // Each service reads its own settings from the same variables; the launcher fixes what it owns.
    const env = { ...config.source, HOST: config.host, ROUTER_SECRET: routerSecret, NODE_ENV: config.nodeEnv };
    // Tokens are verified with the users service's published keys, known once it listens; users
    // itself checks them with its own key ring (its declaration says so), so it never calls this.
    const usersKeys: { verify?: TokenVerifier } = {};
    const verifyToken: TokenVerifier = (token) => usersKeys.verify!(token);
    const start = async (
      definition: AnySubgraph,
      port: number,
      overrides: Record<string, string> = {},
    ): Promise<RunningSubgraph<unknown>> => {
      const name = definition.name as ServiceName;
      const settings = definition.settings.load({ ...env, [`${name.toUpperCase()}_PORT`]: String(port), ...overrides });
      const running = await startSubgraph(definition, settings, {
        database: databases[name],
        cache,
        bus,
        logger: loggerOf(name),
        verifyToken,
      });
      stops.push(running.stop);
      return running;
    };

    // The address the router answers at: users puts it in the links it emails, tickets in checkout URLs.
    const publicUrl = config.source.PUBLIC_URL || `http://${config.host}:${config.ports.router}`;
    const users = await start(usersSubgraph, config.ports.users, { PUBLIC_URL: publicUrl });
    const JWKS_URL = new URL('/.well-known/jwks.json', users.url).toString();
    usersKeys.verify = createTokenVerifier({ keys: remoteKeySet(JWKS_URL), issuer: config.issuer, audience: config.audience });
    const events = await start(eventsSubgraph, config.ports.events);
    // Browsers reach the sandbox checkout, and its webhooks come back, through this process's router.
    const tickets = await start(ticketsSubgraph, config.ports.tickets, {
      EVENTS_INTERNAL_URL: baseUrlOf(events.url),
      USERS_INTERNAL_URL: baseUrlOf(users.url),
      PUBLIC_URL: publicUrl,
    });
    // Emails fetch ticket codes from tickets (facts carry ids only), and facts that reach people are
    // checked with the services that own them (issue 16).
    const notificationsEnv = {
      TICKETS_INTERNAL_URL: baseUrlOf(tickets.url),
      EVENTS_INTERNAL_URL: baseUrlOf(events.url),
      USERS_INTERNAL_URL: baseUrlOf(users.url),
    };
    const notifications = await start(notificationsSubgraph, config.ports.notifications, notificationsEnv);

    const subgraphUrls = { users: users.url, events: events.url, tickets: tickets.url, notifications: notifications.url };
    const routerFor = (urls: Record<ServiceName, string>, routerPort: number) =>
      startRouter({
        // The router's own variables stay at their defaults here, except the origins allowed to call
        // it from other sites (a web dev server): CORS_ORIGINS=http://localhost:5173 npm start, and
        // the websocket limits and entity batching, which the notifications service reads too, and
        // ROUTER_RESPONSE_CACHE and ROUTER_ENTITY_CACHE (a benchmark or test compares with them off).
        ...loadRouterConfig(
          pick(config.source, [
            'CORS_ORIGINS',
            'APOLLO_SANDBOX',
            'ROUTER_SHARED_ENTITY_SUBGRAPHS',
            'ROUTER_RESPONSE_CACHE',
            'ROUTER_ENTITY_CACHE',
            'ROUTER_SAFELIST',
            ...Object.keys(webSocketVariables),
          ]),
        ),
        port: routerPort,
        host: config.host,
        nodeEnv: config.nodeEnv,
        logLevel: config.logLevel,
        routerSecret,
        jwksUrl: JWKS_URL,
        issuer: config.issuer,
        audience: config.audience,
        subgraphUrls: urls,
        verifyToken,
        logger: loggerOf('router'),
        // Every replica shares the cached answers and hears every fact that ends them.
        responseCacheInfra: { cache, facts: bus },
        // Full mode: replicas share automatic persisted queries through Redis; embedded keeps Apollo's in-memory LRU.
        ...(mode === 'full' && { persistedQueryCache: cache }),
      });
    const router = await routerFor(subgraphUrls, config.ports.router);
    stops.push(router.stop);

    const addReplica = async () => {
      const replica = await start(notificationsSubgraph, 0, notificationsEnv);
      const replicaRouter = await routerFor({ ...subgraphUrls, notifications: replica.url }, 0);
      stops.push(replicaRouter.stop);
      return { routerUrl: replicaRouter.url };
    };
    return { mode, routerUrl: router.url, subgraphUrls, routerSecret, addReplica, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
