import { print, type ExecutionArgs, type GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import { AppError, ErrorCode } from '@sbor/core';
import type { RouterContext } from '../context.js';
import type { WebSocketSeam } from '../websocket.js';
import { ITEM_ID_VARIABLE, planLiveSubscription, UnsupportedSubscriptionError, type LivePlan } from './follow-up.js';
import { connectUpstream, streamFrom } from './upstream.js';

/** What a client socket keeps for its subscriptions: who it is and its upstream sockets. */
export interface LiveSocket {
  authorization: string;
  context: RouterContext;
  /** One per subgraph, shared by every subscription of this socket. */
  upstreams: Map<string, Client>;
}

/** A result as it travels over graphql-ws: plain JSON, errors already formatted. */
interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

type Request = { query: string; variables?: Record<string, unknown>; operationName?: string };

/**
 * Serves one client subscription from the subgraph that streams it, in one of two ways decided
 * once, here, at subscribe time:
 * - forwarded: the subgraph can answer the whole selection (`canForward`), so the client's own
 *   operation goes upstream and every payload is relayed as it is, errors masked by the edge's
 *   formatter; no query plan or HTTP fetch per item.
 * - read back: the selection needs other subgraphs, so the stream carries ids only and each item
 *   is read through the gateway with the subscriber's token, like an HTTP query.
 */
export function proxySubscription(
  seam: WebSocketSeam,
  canForward: (followUpQuery: string, subgraph: string) => boolean,
  args: ExecutionArgs,
): AsyncIterableIterator<LiveResult> {
  const stop = new AbortController();
  const results = relay(seam, canForward, args, stop.signal);
  // graphql-ws ends a subscription with return(), and awaits it for every subscription before its
  // onClose runs. An async generator waiting on the upstream stream only acts on return() at its
  // next yield, i.e. the user's next notification, which may never come: the upstream subscription
  // and socket, the expiry timer and the socket gauge would all wait with it. So stop the upstream
  // stream first; that ends the wait and the generator finishes at once.
  return {
    next: () => results.next(),
    throw: (error?: unknown) => results.throw(error),
    return: () => {
      stop.abort();
      return results.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* relay(
  seam: WebSocketSeam,
  canForward: (followUpQuery: string, subgraph: string) => boolean,
  args: ExecutionArgs,
  stopped: AbortSignal,
): AsyncGenerator<LiveResult> {
  const socket = args.contextValue as LiveSocket;
  let plan: LivePlan;
  try {
    plan = planLiveSubscription(args.document, args.operationName);
  } catch (error) {
    if (!(error instanceof UnsupportedSubscriptionError)) throw error;
    yield { errors: [new AppError(ErrorCode.BAD_USER_INPUT, error.message).toJSON()] };
    return;
  }
  const upstream = upstreamOf(seam, socket, plan.subgraph);
  if (!upstream) {
    yield { errors: [new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${plan.subgraph} service is not configured.`).toJSON()] };
    return;
  }
  const variables = (args.variableValues ?? undefined) as Record<string, unknown> | undefined;
  const operationName = args.operationName ?? undefined;
  const followUp = print(plan.followUp);
  const forwarded = canForward(followUp, plan.subgraph);
  const stream = streamFrom<LiveResult>(
    upstream,
    forwarded ? { query: print(plan.subscription), variables, operationName } : { query: `subscription { ${plan.field} { id } }` },
  );
  stopped.addEventListener('abort', () => stream.dispose(), { once: true });
  try {
    for await (const item of stream) {
      if (forwarded) {
        yield formatted(seam, item);
        continue;
      }
      const id = (item.data?.[plan.field] as { id?: string } | null | undefined)?.id;
      if (!id) {
        socket.context.logger.warn({ errors: item.errors }, 'live item without id from upstream');
        continue;
      }
      const request: Request = { query: followUp, variables: { ...variables, [ITEM_ID_VARIABLE]: id }, operationName };
      yield (await seam.execute(request, socket.context)) as LiveResult;
    }
  } catch (error) {
    // The subgraph refused the operation: graphql-ws throws the errors of its `error` message.
    // Anything else (the upstream socket gave up) ends the subscription as before.
    if (!Array.isArray(error)) throw error;
    yield formatted(seam, { errors: error as GraphQLFormattedError[] });
  } finally {
    stream.dispose();
  }
}

function upstreamOf(seam: WebSocketSeam, socket: LiveSocket, subgraph: string): Client | undefined {
  let upstream = socket.upstreams.get(subgraph);
  if (upstream) return upstream;
  const url = seam.subgraphUrl(subgraph);
  if (!url) return undefined;
  upstream = connectUpstream(url, socket.authorization, seam.routerSecret);
  socket.upstreams.set(subgraph, upstream);
  return upstream;
}

/** The subgraph formatted its errors already; the edge still masks and strips them like HTTP. */
function formatted(seam: WebSocketSeam, result: LiveResult): LiveResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((error) => seam.formatError(error, error)) };
}
