import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '@sbor/core';
import { requestContextOf } from './context.js';

/**
 * Refusals made before Apollo Server runs still answer in the GraphQL response shape, so a client
 * has one error path to handle whatever layer said no.
 */
export function graphqlErrorBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

export function sendGraphQLError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  res.status(status).json(graphqlErrorBody(code, message, extensions));
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The last express middleware: body-parser's refusals (too large, not JSON) become GraphQL-shaped
 * errors with their HTTP status; anything else is logged and answered as a masked 500.
 */
export function httpErrorHandler(bodyLimit: string) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { type, status } = (error ?? {}) as BodyParserError;
    if (type === 'entity.too.large') {
      sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the ${bodyLimit} limit.`);
      return;
    }
    if (type === 'entity.parse.failed') {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // e.g. an unsupported charset or encoding: the caller's mistake, said plainly.
      sendGraphQLError(res, status, 'BAD_REQUEST', 'The request could not be read.');
      return;
    }
    requestContextOf(res)?.logger.error({ err: error }, 'unexpected error before GraphQL');
    sendGraphQLError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side. Please try again.');
  };
}
