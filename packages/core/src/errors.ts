import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** Codes that reach clients as `extensions.code`. Domain codes are listed in DESIGN.md. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  RATE_LIMITED: 'RATE_LIMITED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  EVENT_NOT_PUBLISHED: 'EVENT_NOT_PUBLISHED',
  EVENT_CANCELLED: 'EVENT_CANCELLED',
  SALES_NOT_STARTED: 'SALES_NOT_STARTED',
  SALES_ENDED: 'SALES_ENDED',
  SOLD_OUT: 'SOLD_OUT',
  TICKET_ALREADY_USED: 'TICKET_ALREADY_USED',
  TICKET_CANCELLED: 'TICKET_CANCELLED',
  EVENT_COMPLETED: 'EVENT_COMPLETED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  SLUG_TAKEN: 'SLUG_TAKEN',
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
  HOLD_EXPIRED: 'HOLD_EXPIRED',
  LIMIT_PER_USER: 'LIMIT_PER_USER',
  ORDER_NOT_PAYABLE: 'ORDER_NOT_PAYABLE',
  REFUND_FAILED: 'REFUND_FAILED',
  VOUCHER_INVALID: 'VOUCHER_INVALID',
  VOUCHER_EXHAUSTED: 'VOUCHER_EXHAUSTED',
  NOT_SOLD_OUT: 'NOT_SOLD_OUT',
  ALREADY_WAITING: 'ALREADY_WAITING',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An expected failure. Domain code throws it; the GraphQL layer turns it into an error whose
 * `extensions.code` is `code`. Anything else that escapes is unexpected and gets masked.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
    this.code = code;
    // An expected refusal (SOLD_OUT to hundreds of buyers) needs no stack. Reading a captured one
    // is costly under tsx's source maps, and graphql-js reads it when it wraps the error.
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR) this.stack = `${this.name}: ${message}`;
  }
}

export const unauthenticated = (message = 'You must be signed in to do this.') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
export const badInput = (message: string, field?: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

/** Codes that graphql-js / Apollo Server attach to request errors and that are safe to pass on. */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}

/**
 * Apollo Server `formatError`: expected errors keep their code and message; an unexpected one is
 * logged with its stack and reaches the client as INTERNAL_SERVER_ERROR without internals.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { ...original.extensions } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code) && !(original instanceof Error && !(original instanceof GraphQLError))) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Something went wrong on our side. Please try again.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
