import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, Headers, type Logger, type Viewer } from '@sbor/core';

/** What the router knows about one HTTP request; Apollo's context and the subgraph fetches read it. */
export interface RouterContext {
  requestId: string;
  /** The caller's address as express sees it (honours TRUST_PROXY). */
  clientIp: string | undefined;
  /** Set only after the token was verified; null for anonymous callers. */
  viewer: Viewer | null;
  /** The verified `Authorization` header, passed on verbatim so subgraphs verify it again. */
  authorization: string | undefined;
  logger: Logger;
  /** Filled in once Apollo has resolved the operation, for the access log. */
  operationName?: string | undefined;
}

/** `res.locals` is untyped in express; these accessors keep the one place that knows its shape. */
export const requestContextOf = (res: Response): RouterContext => res.locals.routerContext as RouterContext;

/**
 * First middleware on every route: adopts a sane caller-supplied request id (so a client's or load
 * balancer's id ties its logs to ours) or makes one, echoes it, and writes one access-log line when
 * the response is done.
 */
export function requestContextMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = acceptRequestId(req.headers[Headers.requestId]) ?? randomUUID();
    res.setHeader(Headers.requestId, requestId);
    const context: RouterContext = {
      requestId,
      clientIp: req.ip,
      viewer: null,
      authorization: undefined,
      logger: logger.child({ requestId }),
    };
    res.locals.routerContext = context;

    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path === '/healthz' || req.path === '/readyz') return; // probes would drown the log
      context.logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          userId: context.viewer?.userId,
          role: context.viewer?.role,
          operationName: context.operationName,
        },
        'request',
      );
    });
    next();
  };
}
