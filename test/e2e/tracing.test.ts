import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours } from './support/actors.js';
import { subscribe, type Subscriber } from './support/live.js';

/** One span as OTLP/HTTP JSON carries it. */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}
const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value === undefined ? undefined : Object.values(value)[0];
};

/** A collector that keeps what the platform exports: POST /v1/traces, OTLP/HTTP JSON. */
async function startOtlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const payload = JSON.parse(body) as { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };
      for (const resource of payload.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...(scope.spans ?? []));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

/** The first stdout line of the child that is its JSON announcement (log lines may come first). */
async function announcement(child: ChildProcess): Promise<{ routerUrl: string }> {
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the platform exited (${code})`))));
  const announced = (async () => {
    for await (const line of createInterface({ input: child.stdout! })) {
      if (line.includes('"routerUrl"')) return JSON.parse(line) as { routerUrl: string };
    }
    throw new Error('the platform closed its output without announcing itself');
  })();
  return Promise.race([announced, exited]);
}

const PURCHASE = 'mutation Buy($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }';

/**
 * Tracing on (OTEL_EXPORTER_OTLP_ENDPOINT set): the platform runs in its own process, started the
 * way `npm start` starts it with `--import @sbor/core/telemetry-register`, in full mode (Kafka,
 * Redis, PostgreSQL), exporting to a receiver in this test.
 */
describe('tracing: one purchase is one trace, from the router to the websocket send', () => {
  const notificationsGroup = `notifications-test-${randomUUID()}`;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let child: ChildProcess;
  let subscriber: Subscriber | undefined;
  let api: ReturnType<typeof actorsOn>;
  let routerUrl: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', '@sbor/core/telemetry-register', 'test/e2e/support/traced-platform.ts'],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_BSP_SCHEDULE_DELAY: '100',
          NOTIFICATIONS_GROUP_ID: notificationsGroup,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    ({ routerUrl } = await announcement(child));
    api = actorsOn({ gql: graphqlClient(routerUrl) } as TestPlatform);
  });

  afterAll(async () => {
    await subscriber?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    receiver?.server.close();
  });

  it('holds the router, the tickets subgraph, its SQL, the relay and its Kafka send, the notifications consumer and the websocket send', async () => {
    const organizer = await api.signUp('Olga Organizer', true);
    const buyer = await api.signUp('Ann');
    const event = await api.publishedEvent(organizer, 'Traced Night');
    const type = await api.ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: event.id, i: { name: 'Standing', priceCents: 0, currency: 'EUR', quantity: 5, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
    subscriber = subscribe(routerUrl, buyer.token);
    await subscriber.ready;

    const [order] = await api.ok<{ id: string }[]>(
      PURCHASE,
      { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } },
      buyer.token,
    );
    expect(order).toBeDefined();
    const [notice] = await subscriber.waitFor(1, 30_000);
    expect(notice).toMatchObject({ type: 'ORDER_PAID', event: { title: 'Traced Night' } });

    // The socket's send is the last hop; its trace must hold every hop before it.
    const sent = await api.eventually(
      async () => receiver.spans.filter((s) => s.name === 'websocket send'),
      (found) => found.length > 0,
    );
    expect(sent).toHaveLength(1);
    const traceId = sent[0]!.traceId;
    const has = (what: string, match: (span: OtlpSpan) => boolean) =>
      api
        .eventually(
          async () => receiver.spans.filter((s) => s.traceId === traceId && match(s)).map((s) => s.name),
          (names) => names.length > 0,
        )
        .then((names) => expect(names, what).not.toEqual([]));

    const routerRequest = receiver.spans.find(
      (s) => s.traceId === traceId && s.kind === SERVER && attribute(s, 'sbor.service') === 'router' && !s.parentSpanId,
    );
    expect(routerRequest, 'the router request that began the trace').toBeDefined();
    await has(
      'the tickets subgraph resolving the purchase',
      (s) => s.name === 'graphql.resolve purchaseTickets' && attribute(s, 'sbor.service') === 'tickets',
    );
    await has('the tickets subgraph request', (s) => s.kind === SERVER && attribute(s, 'sbor.service') === 'tickets');
    await has(
      'the SQL of the purchase',
      (s) => attribute(s, 'db.system.name') === 'postgresql' && attribute(s, 'sbor.service') === 'tickets',
    );
    await has('the outbox relay', (s) => s.name === 'outbox relay order.paid' && attribute(s, 'sbor.service') === 'tickets');
    await has(
      'the Kafka produce',
      (s) => s.kind === PRODUCER && s.name === 'send order.paid' && attribute(s, 'messaging.system') === 'kafka',
    );
    await has(
      'the notifications consumer',
      (s) =>
        s.kind === CONSUMER &&
        attribute(s, 'messaging.consumer.group.name') === notificationsGroup &&
        attribute(s, 'sbor.service') === 'notifications',
    );
  });
});
