/**
 * Baseline for the federated read: the same supergraph served by Hive Gateway in its own process,
 * with the subgraph URLs of this run and the router secret added to every subgraph request (as the
 * Sbor router does), forwarding the caller's authorization header. HIVE_DEDUPLICATE_READS=false
 * turns off its in-flight request sharing, as ROUTER_DEDUPLICATE_READS=false does the router's.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type HTTPTransportOptions } from '@graphql-hive/gateway';

const urls = JSON.parse(process.env.HIVE_SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const secret = process.env.HIVE_ROUTER_SECRET ?? '';
const port = Number(process.env.HIVE_PORT ?? 0);
// Off when the bench runs the router with ROUTER_DEDUPLICATE_READS=false, so both gateways share (or not) alike.
const deduplicateInflightRequests = process.env.HIVE_DEDUPLICATE_READS !== 'false';
const supergraph = readFileSync(process.env.HIVE_SUPERGRAPH ?? 'schema/supergraph.graphql', 'utf8').replace(
  /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
  (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole),
);

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  landingPage: false,
  graphiql: false,
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests } satisfies HTTPTransportOptions },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      'router-authorization': secret,
    }),
  },
});

const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
process.on('SIGTERM', () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
});
