import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsClient } from '../src/clients/events.js';
import { outcome, ROUTER_SECRET, startEventsStub, type EventsStub } from './support.js';

let stub: EventsStub;
beforeAll(async () => {
  stub = await startEventsStub();
});
afterAll(async () => {
  await stub?.close();
});

const client = (timeoutMs = 1_500, baseUrl = stub.url, routerSecret = ROUTER_SECRET) =>
  createEventsClient({ baseUrl, routerSecret, timeoutMs });

describe('events client', () => {
  it('reads an event, dates as dates', async () => {
    const event = stub.add({ status: 'DRAFT' });
    expect(await client().getEvent(event.id)).toEqual(event);
  });

  it('answers null for an event the events service does not know', async () => {
    expect(await client().getEvent(randomUUID())).toBeNull();
  });

  it('fails fast with SERVICE_UNAVAILABLE when the events service does not answer in time', async () => {
    const event = stub.add();
    stub.hang.add(event.id);
    const started = Date.now();
    const result = await outcome(client(300).getEvent(event.id));
    expect(result.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fails with SERVICE_UNAVAILABLE when nothing listens, or the answer is refused or garbled', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await outcome(client(1_000, `http://127.0.0.1:${port}`).getEvent(randomUUID()))).code).toBe('SERVICE_UNAVAILABLE');
    expect((await outcome(client(1_000, stub.url, 'wrong-secret-0123456789').getEvent(stub.add().id))).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('asks once for an event many buyers ask about at the same moment, and again afterwards', async () => {
    const event = stub.add();
    const shared = client();
    const before = stub.calls();
    const answers = await Promise.all(Array.from({ length: 5 }, () => shared.getEvent(event.id)));
    expect(answers).toEqual(Array(5).fill(event));
    expect(stub.calls() - before).toBe(1);
    // Nothing is kept once the answer is in: the next question goes out again.
    await shared.getEvent(event.id);
    expect(stub.calls() - before).toBe(2);
  });
});
