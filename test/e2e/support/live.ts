import { createClient, type Client } from 'graphql-ws';

export interface LiveNotification {
  id: string;
  type: string;
  title: string;
  event: { id: string; title: string } | null;
  ticket: { id: string; code: string } | null;
}

export const NOTIFICATION_ADDED = 'subscription { notificationAdded { id type title event { id title } ticket { id code } } }';

/** A browser tab: one graphql-ws socket to the router, collecting what `notificationAdded` delivers. */
export interface Subscriber {
  received: LiveNotification[];
  errors: unknown[];
  /** Resolves once the subscription is open upstream, so nothing published after it is missed. */
  ready: Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<LiveNotification[]>;
  close(): Promise<void>;
}

export function subscribe(routerUrl: string, token: string): Subscriber {
  const received: LiveNotification[] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({
    url: routerUrl.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let acked!: () => void;
  const ready = new Promise<void>((resolve) => (acked = resolve));
  client.on('connected', () => acked());
  const dispose = client.subscribe<{ notificationAdded: LiveNotification }>(
    { query: NOTIFICATION_ADDED },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) received.push(result.data.notificationAdded);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    // The router opens the upstream subscription right after the ack; give it a moment to land.
    ready: ready.then(() => new Promise((resolve) => setTimeout(resolve, 300))),
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return received;
    },
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

/** The sum of a metric's samples on a service's /metrics (e.g. the notifications subgraph's open websockets). */
export async function metricOf(serviceUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(new URL('/metrics', serviceUrl))).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) sum += Number(match[3]);
  }
  return sum;
}
