/** The names of the headers the router sets on every subgraph request (not the fetch `Headers` class). */
export const HeaderNames = {
  requestId: 'x-request-id',
  routerSecret: 'router-authorization',
  clientIp: 'x-sbor-client-ip',
  authorization: 'authorization',
} as const;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Keeps a caller-supplied request id only when it is short and plain, so it is safe to log. */
export function acceptRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}
