import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer, BaseContext as ApolloContext } from '@apollo/server';
import { ErrorCode, httpGraphQLRequestOf, writeHttpGraphQLResponse, type Logger } from '@sbor/core';

/** Whether a request is for the GraphQL endpoint, with or without a query string. */
export const isGraphqlRequest = (url: string | undefined): boolean =>
  url === '/graphql' || url?.startsWith('/graphql?') === true || url?.startsWith('/graphql/') === true;

export interface GraphqlHttpOptions<Ctx extends ApolloContext> {
  apollo: ApolloServer<Ctx>;
  logger: Logger;
  bodyLimitBytes: number;
  /** Refuses with 401 before the body is read: only the router may call a subgraph. */
  fromRouter: (req: IncomingMessage) => boolean;
  /** The request's context, or an AppError-like refusal answered as 401. */
  context: (req: IncomingMessage) => Promise<Ctx | { refused: string }>;
}

/**
 * GraphQL over HTTP straight onto Apollo Server's request pipeline. Every federated read costs each
 * subgraph it touches one of these, so the express layers in front of it (router, body parser,
 * a URL parse, an ETag hash per answer) are skipped; health, metrics and side routes stay on express.
 */
export function graphqlHttpHandler<Ctx extends ApolloContext>(options: GraphqlHttpOptions<Ctx>) {
  const { apollo, logger } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (!options.fromRouter(req)) {
        sendError(res, 401, ErrorCode.UNAUTHENTICATED, 'This service only answers the Sbor router.');
        return;
      }
      const body = await readBody(req, options.bodyLimitBytes);
      if ('error' in body) {
        sendError(res, body.status, 'BAD_REQUEST', body.error);
        return;
      }
      const context = await options.context(req);
      if ('refused' in context) {
        sendError(res, 401, ErrorCode.UNAUTHENTICATED, context.refused);
        return;
      }
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: httpGraphQLRequestOf(req, body.value),
        context: () => Promise.resolve(context),
      });
      await writeHttpGraphQLResponse(res, answer);
    } catch (error) {
      logger.error({ err: error }, 'GraphQL request failed outside the pipeline');
      if (!res.headersSent) sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.');
      else res.destroy();
    }
  };
}

type Body = { value: unknown } | { status: number; error: string };

/** The JSON body of a POST (undefined for a GET, or a body that is not JSON: Apollo answers those). */
async function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  if (req.method !== 'POST') return { value: undefined };
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    req.resume();
    return { status: 413, error: `The request body is larger than ${limit} bytes.` };
  }
  // Read to the end even past the limit (dropping the rest), so the 413 reaches the router over a
  // connection that stays usable.
  const { chunks, size } = await new Promise<{ chunks: Buffer[]; size: number }>((resolve, reject) => {
    const kept: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) kept.push(chunk);
    });
    req.once('end', () => resolve({ chunks: kept, size: total }));
    req.once('error', reject);
  });
  if (size > limit) return { status: 413, error: `The request body is larger than ${limit} bytes.` };
  if (!/\bjson\b/i.test(req.headers['content-type'] ?? '')) return { value: undefined };
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, error: 'The request body is not valid JSON.' };
  }
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
