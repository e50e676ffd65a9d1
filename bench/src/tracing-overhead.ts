/**
 * 9. Tracing overhead: the federated read (`FEDERATED_QUERY`) through three standalone routers in
 * front of the same subgraphs, one after the other: the bench platform's own router (no
 * `--import @sbor/core/telemetry-register`), one started with it and OTEL_EXPORTER_OTLP_ENDPOINT
 * unset (tracing off, as `npm start` runs), and one with the endpoint set to an OTLP/HTTP sink in
 * this process (tracing on, protobuf, the SDK's default batching). Only the routers differ: the
 * subgraphs run untraced, so the figure is the router's own cost of tracing a request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FEDERATED_QUERY, check, load, type ReadRun, type ReadSize } from './federated-read.js';
import type { Actor, Api } from './api.js';
import { startExtraRouter, type BenchPlatform } from './platform.js';
import type { Child } from './processes.js';
import { progress, round } from './stats.js';

export interface TracingSize extends ReadSize {
  /** Published events seeded (the read asks for 20). */
  events: number;
}

/** An OTLP/HTTP receiver that only counts: export requests and bytes. */
async function startSink() {
  const received = { requests: 0, bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    request.on('end', () => {
      received.requests++;
      // An empty ExportTraceServiceResponse: everything accepted.
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => server.close() };
}

/** What `npm start` loads first: the routers compared here differ only in that and its endpoint. */
const TELEMETRY_IMPORT = ['--import', '@sbor/core/telemetry-register'];

async function measured(platform: BenchPlatform, label: string, url: string, pid: number, size: ReadSize): Promise<ReadRun> {
  await check(url, FEDERATED_QUERY, {}, label, true);
  return load(url, FEDERATED_QUERY, {}, size, label, { gateway: pid, subgraphs: platform.subgraphProcesses.map((c) => c.pid) });
}

export async function tracingOverhead(platform: BenchPlatform, api: Api, organizer: Actor, size: TracingSize) {
  progress(`tracing: seeding ${size.events} published events with a ticket type each…`);
  for (let i = 0; i < size.events; i++) {
    const eventId = await api.publishedEvent(organizer, `Traced Event ${i}`, 96 + i);
    await api.ticketType(organizer, eventId, 100, 'Standard');
  }
  const sink = await startSink();
  const started: Child[] = [];
  try {
    const absent = await measured(platform, 'router, no telemetry import', platform.routerUrl, platform.router.pid, size);

    const off = await startExtraRouter(platform, 'tracing off', { OTEL_EXPORTER_OTLP_ENDPOINT: '' }, TELEMETRY_IMPORT);
    started.push(off.child);
    const offRun = await measured(platform, 'router, tracing off', off.url, off.child.pid, size);
    await off.child.stop();

    const on = await startExtraRouter(
      platform,
      'tracing on',
      { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_SERVICE_NAME: 'sbor-router-bench' },
      TELEMETRY_IMPORT,
    );
    started.push(on.child);
    const onRun = await measured(platform, 'router, tracing on', on.url, on.child.pid, size);
    await on.child.stop();

    return {
      size,
      absent,
      off: offRun,
      on: onRun,
      exported: { ...sink.received, kbPerRequest: round(sink.received.bytes / 1024 / Math.max(1, onRun.requests), 2) },
      offRatio: round(offRun.requestsPerSecond / absent.requestsPerSecond, 3),
      onRatio: round(onRun.requestsPerSecond / absent.requestsPerSecond, 3),
    };
  } finally {
    for (const child of started) await child.stop();
    sink.close();
  }
}
