/**
 * Stripe's error envelope, `{ error: { type, code, message, param } }`, with the HTTP status the
 * SDK reads to choose its class (`generateV1Error` in node_modules/stripe/cjs/Error.js): 400 and
 * 404 → StripeInvalidRequestError (or StripeIdempotencyError for `idempotency_error`), 401 →
 * StripeAuthenticationError, 402 → StripeCardError, 5xx → StripeAPIError (and a retry).
 */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'idempotency_error' | 'card_error' | 'api_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
}

/**
 * A refusal. `saved` says whether Stripe keeps it under the request's idempotency key: it does for
 * every request that reached its endpoint, not for one refused while its parameters were read.
 */
export class StripeFault extends Error {
  constructor(
    readonly status: number,
    readonly error: StripeErrorBody,
    readonly saved = true,
  ) {
    super(error.message);
    this.name = 'StripeFault';
  }
}

export const invalidParam = (param: string, code: string, message: string) =>
  new StripeFault(400, { type: 'invalid_request_error', code, param, message }, false);

export const missingParam = (param: string, message = `Missing required param: ${param}.`) =>
  invalidParam(param, 'parameter_missing', message);

export const resourceMissing = (kind: string, id: string, param: string) =>
  new StripeFault(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });

export const unexpectedState = (code: string, message: string, param?: string) =>
  new StripeFault(400, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) });
