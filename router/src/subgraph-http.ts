import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

// The gateway's fetch types, named without depending on @apollo/utils.fetcher directly.
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
export type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherHeaders = FetcherResponse['headers'];

/** The deadline passed: the subgraph did not answer in time. */
export class SubgraphTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * A subgraph answer read whole. The gateway only reads the status, a header or two and the body
 * once, so a plain object over Node's own headers does, where a WHATWG Response costs a web stream,
 * a Headers copy and a structured clone per fetch.
 */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;
  readonly headers: FetcherHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new ResponseHeaders(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    this.bodyUsed = true;
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    this.bodyUsed = true;
    try {
      return Promise.resolve(JSON.parse(this.body) as unknown);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.status, this.statusText, {}, this.body);
  }
}

/** Read-only view of a response's headers, lower-cased as Node gives them. */
class ResponseHeaders implements FetcherHeaders {
  private readonly map: Map<string, string>;

  constructor(headers: IncomingHttpHeaders) {
    this.map = new Map();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const prior = this.map.get(key);
    this.map.set(key, prior === undefined ? value : `${prior}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/**
 * How long a connection to a subgraph may sit unused before the router closes it: under Node's
 * server default of 5 s (`keepAliveTimeout`), so the router never sends a request on a connection
 * the subgraph is closing at that moment (which fails it with ECONNRESET).
 */
export const IDLE_CONNECTION_MS = 4_000;

/** Kept-alive connections to the subgraphs, shared by every data source of this process. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
};

/** A kept-alive connection that failed before any answer: the peer closed it (idle timeout, restart). */
const closedUnderUs = (error: unknown, request: http.ClientRequest) =>
  request.reusedSocket && ['ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * POSTs to a subgraph over a kept-alive connection and reads the whole answer, or fails with
 * SubgraphTimeoutError when `timeoutMs` passes first (the socket is destroyed, not left to answer
 * nobody). Node's `fetch` would do the same through WHATWG streams and objects that cost more CPU
 * than the small JSON bodies exchanged here. A read (`retryable`) that finds its reused connection
 * closed by the subgraph is sent once more on a new one; a mutation is not, as the subgraph may
 * have run it.
 */
export async function subgraphFetch(url: string, init: FetcherInit, timeoutMs: number, retryable = false): Promise<FetcherResponse> {
  const deadline = Date.now() + timeoutMs;
  try {
    return await attempt(url, init, timeoutMs);
  } catch (error) {
    if (!retryable || !(error instanceof ReusedConnectionClosed) || Date.now() >= deadline)
      throw error instanceof ReusedConnectionClosed ? error.cause : error;
    return attempt(url, init, deadline - Date.now());
  }
}

class ReusedConnectionClosed extends Error {}

/** The few subgraph URLs a router calls, parsed once rather than on every fetch. */
const targets = new Map<string, { client: typeof http | typeof https; agent: http.Agent; options: http.RequestOptions }>();

function targetOf(url: string) {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:';
    target = {
      client: secure ? https : http,
      agent: secure ? agents['https:'] : agents['http:'],
      options: {
        protocol: parsed.protocol,
        hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
        port: parsed.port,
        path: `${parsed.pathname}${parsed.search}`,
      },
    };
    targets.set(url, target);
  }
  return target;
}

function attempt(url: string, init: FetcherInit, timeoutMs: number): Promise<FetcherResponse> {
  return new Promise((resolve, reject) => {
    const { client, agent, options } = targetOf(url);
    const body = init.body;
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const request = client.request({ ...options, method: init.method ?? 'POST', headers, agent });
    let answered = false;
    const timer = setTimeout(() => request.destroy(new SubgraphTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(!answered && closedUnderUs(error, request) ? new ReusedConnectionClosed(error.message, { cause: error }) : error);
    });
    request.once('response', (response) => {
      answered = true;
      response.setEncoding('utf8');
      let text = '';
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        clearTimeout(timer);
        resolve(new SubgraphResponse(url, response.statusCode ?? 0, response.statusMessage ?? '', response.headers, text));
      });
      response.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.end(body);
  });
}
