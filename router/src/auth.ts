import type { NextFunction, Request, Response } from 'express';
import { bearerToken, type TokenVerifier } from '@sbor/auth';
import { AppError, ErrorCode, HeaderNames } from '@sbor/core';
import { requestContextOf } from './context.js';
import { sendGraphQLError } from './http-errors.js';

/**
 * Auth at the edge. No Authorization header: anonymous, the subgraphs decide what that may see.
 * Any header that is not a valid Sbor access token is answered 401 here, before parsing or
 * planning, so a forged or stale token never costs a subgraph a request.
 */
export function authenticateAtEdge(verifyToken: TokenVerifier) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const context = requestContextOf(res);
    const header = req.headers[HeaderNames.authorization];
    if (header === undefined || header === '') {
      next();
      return;
    }
    const token = bearerToken(header);
    if (!token) {
      context.logger.info({ reason: 'MALFORMED_HEADER' }, 'refused access token');
      res.setHeader('www-authenticate', 'Bearer error="invalid_request"');
      sendGraphQLError(res, 401, ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <token>".', {
        reason: 'MALFORMED_HEADER',
      });
      return;
    }
    try {
      context.viewer = await verifyToken(token);
      context.authorization = `Bearer ${token}`;
      context.logger = context.logger.child({ userId: context.viewer.userId, role: context.viewer.role });
      next();
    } catch (error) {
      refuse(res, error);
    }
  };
}

function refuse(res: Response, error: unknown) {
  const context = requestContextOf(res);
  if (error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE) {
    // The keys could not be fetched: not the caller's fault, and retrying later will work.
    context.logger.error({ err: error }, 'cannot load the token signing keys');
    sendGraphQLError(res, 503, error.code, error.message);
    return;
  }
  if (!(error instanceof AppError)) {
    // The verifier maps every jose failure to an AppError; anything else is a bug worth seeing.
    context.logger.error({ err: error }, 'token verification failed unexpectedly');
  }
  const reason = error instanceof AppError ? (error.extensions.reason as string | undefined) : undefined;
  const message = error instanceof AppError ? error.message : 'The access token is not valid.';
  context.logger.info({ reason: reason ?? 'TOKEN_INVALID' }, 'refused access token');
  // RFC 6750: tells generic HTTP clients the token itself is the problem.
  res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  sendGraphQLError(res, 401, ErrorCode.UNAUTHENTICATED, message, reason ? { reason } : {});
}
