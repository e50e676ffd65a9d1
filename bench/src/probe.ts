/**
 * Preloaded into benchmarked child processes (`node --import ./bench/src/probe.ts …`): when
 * BENCH_PROBE_PORT is set, a tiny HTTP endpoint on 127.0.0.1 answers the process's memory after a
 * full GC (the process runs with --expose-gc), so idle-socket figures are not GC noise.
 */
import { createServer } from 'node:http';

const port = Number(process.env.BENCH_PROBE_PORT ?? 0);
if (port > 0) {
  const server = createServer((_req, res) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      gc();
    }
    const memory = process.memoryUsage();
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        pid: process.pid,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
      }),
    );
  });
  server.listen(port, '127.0.0.1');
  server.unref();
}
