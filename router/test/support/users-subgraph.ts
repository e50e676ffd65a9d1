import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { decodeJwt } from 'jose';
import { GraphQLError, parse } from 'graphql';

const USERS_SCHEMA = fileURLToPath(new URL('../../../subgraphs/users/schema.graphql', import.meta.url));

/** What the subgraph saw of one request from the router. */
export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  query: string;
}

export interface TestSubgraph {
  url: string;
  port: number;
  /** Every POST /graphql that reached the subgraph, oldest first. */
  calls: ReceivedCall[];
  stop: () => Promise<void>;
}

interface Context {
  headers: http.IncomingHttpHeaders;
}

/**
 * The real users schema on a real @apollo/subgraph server, with resolvers that answer from what the
 * router sent rather than from a database, so forwarding can be asserted end to end.
 */
const resolvers = {
  Query: {
    me: async (_: unknown, __: unknown, { headers }: Context) => {
      // Slow enough that concurrent identical reads overlap at the router.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const authorization = headers.authorization;
      if (!authorization) return null;
      const claims = decodeJwt(authorization.replace(/^Bearer /, ''));
      return { id: claims.sub, email: null, displayName: 'Ann', role: claims.role, createdAt: '2026-01-01T00:00:00.000Z' };
    },
  },
  Mutation: {
    updateProfile: () => {
      // An unexpected failure whose message and stack must not reach clients.
      throw new Error('connection to postgres://admin:hunter2@10.1.2.3/users refused');
    },
    login: () => {
      throw new GraphQLError('Email or password is wrong.', { extensions: { code: 'BAD_USER_INPUT' } });
    },
    logout: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return true;
    },
  },
};

export async function startTestSubgraph(routerSecret: string, port = 0): Promise<TestSubgraph> {
  const calls: ReceivedCall[] = [];
  const schema = buildSubgraphSchema([{ typeDefs: parse(readFileSync(USERS_SCHEMA, 'utf8')), resolvers: resolvers as never }]);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    // A careless subgraph: stack traces on, no error masking. The router must still not leak.
    includeStacktraceInErrorResponses: true,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.use(
    '/graphql',
    express.json(),
    (req, res, next) => {
      calls.push({ headers: req.headers, query: String(req.body?.query ?? '') });
      if (req.headers['router-authorization'] !== routerSecret) {
        res
          .status(401)
          .json({ errors: [{ message: 'This service only answers the Sbor router.', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      next();
    },
    expressMiddleware(apollo, { context: async ({ req }) => ({ headers: req.headers }) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const actualPort = (httpServer.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${actualPort}/graphql`,
    port: actualPort,
    calls,
    stop: async () => {
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
