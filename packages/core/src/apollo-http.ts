import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';

/**
 * Apollo Server's view of an HTTP request. The query string is cut from the URL as it is: the
 * express integration parsed the whole URL with `url.parse` on every request only to read it.
 */
export function httpGraphQLRequestOf(req: IncomingMessage, body: unknown): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return { method: req.method?.toUpperCase() ?? 'GET', headers, search: query < 0 ? '' : url.slice(query), body };
}

/**
 * Writes Apollo's answer. `sendWhole` sends a complete body instead of `res.end` (express's
 * `res.send`, for its ETag and 304 on cacheable GETs); incremental bodies are streamed.
 */
export async function writeHttpGraphQLResponse(
  res: ServerResponse,
  answer: HTTPGraphQLResponse,
  sendWhole: (body: string) => void = (body) => res.end(body),
): Promise<void> {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    sendWhole(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}
