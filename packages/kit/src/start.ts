import { createServiceMetrics, DEFAULT_WEBSOCKET_LIMITS, nameServer, type BaseContext, type ServiceMetrics } from '@sbor/core';
import { consumedBy, countDeadLetters } from '@sbor/messaging';
import type { Infrastructure, ServingSettings, Stop, SubgraphDefinition } from './define.js';
import { buildSchema } from './schema.js';
import { startSubgraphServer, type RunningServer } from './server.js';
import { serveGraphqlWs } from './websocket.js';

/** A started subgraph: its server, its domain (tests reach into it) and one stop for all of it. */
export interface RunningSubgraph<Domain> extends RunningServer {
  name: string;
  domain: Domain;
  metrics: ServiceMetrics;
}

/**
 * Runs one subgraph on the infrastructure it is given, the same way standalone and embedded:
 * migrations, then the domain, then its parts in order, then the server (and graphql-ws when the
 * service has subscriptions). A failure at any step stops what already started, in reverse, and
 * rethrows. `stop()` closes sockets, drains HTTP, then stops the parts in reverse, so the facts of
 * the last requests still go out.
 */
export async function startSubgraph<Settings extends ServingSettings, Ctx extends BaseContext, Domain>(
  definition: SubgraphDefinition<Settings, Ctx, Domain>,
  settings: Settings,
  shared: Infrastructure,
): Promise<RunningSubgraph<Domain>> {
  const { logger } = shared;
  await shared.database.migrate({ migrationsFolder: definition.migrations, schema: definition.name });
  const metrics = createServiceMetrics(definition.name);
  // Every consumer of this service counts what it parks, on this service's /metrics, and (tracing
  // on) labels the spans of what it handles with this service.
  const infra: Infrastructure = { ...shared, bus: consumedBy(countDeadLetters(shared.bus, metrics), definition.name) };
  const domain = await definition.setup({ settings, infra, metrics });
  const schema = buildSchema(definition.schema, definition.resolvers);
  const verifyToken = definition.verifyToken?.(domain) ?? infra.verifyToken;

  const stops: { name: string; stop: Stop }[] = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse().splice(0)) {
      await stop().catch((err: unknown) => logger.warn({ err, part: name }, 'stop failed'));
    }
  };
  try {
    for (const part of definition.parts?.(domain, { settings, infra }) ?? []) {
      stops.push({ name: part.name, stop: await part.start() });
    }
    const context = (base: Parameters<typeof definition.context>[1]) => definition.context(domain, base);
    const server = await startSubgraphServer<Ctx>(
      {
        name: definition.name,
        schema,
        logger,
        routerSecret: settings.routerSecret,
        authenticate: verifyToken,
        context,
        introspection: !settings.production,
        ready: () => infra.database.ping(),
        routes: definition.routes?.(domain, { settings, infra }),
        metrics,
      },
      settings.port,
      settings.host,
    );
    stops.push({ name: 'http', stop: server.stop });
    // Its request spans say which service answered, when one process runs them all (tracing on).
    nameServer(server.httpServer, definition.name);
    if (definition.webSocket) {
      const ws = serveGraphqlWs({
        httpServer: server.httpServer,
        schema,
        logger,
        routerSecret: settings.routerSecret,
        verify: verifyToken,
        context: (viewer, requestId, resume) =>
          context({ viewer, requestId, clientIp: undefined, logger: logger.child({ requestId }), resume }),
        metrics,
        limits: settings.webSocket ?? DEFAULT_WEBSOCKET_LIMITS,
      });
      // Sockets close before Apollo drains HTTP, so open subscriptions do not hold the drain up.
      stops.push({ name: 'graphql-ws', stop: ws.close });
    }
    return { ...server, name: definition.name, domain, metrics, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
