import http from 'node:http';

/** One request as the stand-in received it, body as raw bytes. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface StandInAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TicketsStandIn {
  /** Where the router should think the tickets subgraph is (its GraphQL address). */
  url: string;
  /** Every request that arrived, oldest first. */
  received: ReceivedRequest[];
  /** What the next requests get; `'silence'` never answers. */
  answerWith: (answer: StandInAnswer | 'silence') => void;
  stop: () => Promise<void>;
}

/**
 * A plain node:http server in place of the tickets subgraph's HTTP routes: it records what the
 * router relayed and answers whatever it was told, so both directions can be asserted.
 */
export async function startTicketsStandIn(): Promise<TicketsStandIn> {
  const received: ReceivedRequest[] = [];
  let answer: StandInAnswer | 'silence' = { status: 200 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
    if (answer === 'silence') return;
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    answerWith: (next) => {
      answer = next;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
