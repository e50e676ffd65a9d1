import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, HeaderNames, type Logger, type Viewer } from '@sbor/core';

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
  /**
   * Filled in by Apollo plugins for the access log. A nested object on purpose: Apollo Server
   * shallow-clones the context per operation, so only shared objects carry writes back.
   */
  accessLog: { operationName?: string | undefined };
}

/** `res.locals` is untyped in express; this is the one place that knows what the router keeps there. */
export const requestContextOf = (res: Response): RouterContext => res.locals.routerContext as RouterContext;

/**
 * First middleware on every route: adopts a sane caller-supplied request id (so a client's or load
 * balancer's id ties its logs to ours) or makes one, echoes it, and writes one access-log line when
 * the response is done.
 */
export function requestContextMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = acceptRequestId(req.headers[HeaderNames.requestId]) ?? randomUUID();
    res.setHeader(HeaderNames.requestId, requestId);
    const context: RouterContext = {
      requestId,
      clientIp: req.ip,
      viewer: null,
      authorization: undefined,
      logger: logger.child({ requestId }),
      accessLog: {},
    };
    res.locals.routerContext = context;

    const started = process.hrtime.bigint();
    // `req.path` is relative to the mount point by then; the original URL is what the client asked.
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      if (path === '/healthz' || path === '/readyz') return; // probes would drown the log
      context.logger.info(
        {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          userId: context.viewer?.userId,
          role: context.viewer?.role,
          operationName: context.accessLog.operationName,
        },
        'request',
      );
    });
    next();
  };
}
