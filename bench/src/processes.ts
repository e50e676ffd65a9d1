/** Child processes under test: spawning, readiness, memory readings, stopping. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { sleep } from './stats.js';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** Everything the child wrote to stderr (tail), for error messages. */
  stderrTail(): string;
  /** Resolves when a stdout line matches. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `node --import tsx [--import probe] <script>`: `node` itself is the child, so its pid is the process measured. */
export function spawnNode(name: string, script: string, env: Record<string, string>, nodeFlags: string[] = []): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/src/probe.ts', ...nodeFlags, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-20_000);
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      for (const listener of listeners) listener();
      resolve();
    }),
  );
  return {
    name,
    process: child,
    pid: child.pid!,
    stderrTail: () => stderr.slice(-3_000),
    waitForLine: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => done(new Error(`${name} did not start within ${timeoutMs} ms.\n${stderr.slice(-3_000)}`)),
          timeoutMs,
        );
        const check = () => {
          const match = stdout.split('\n').find((line) => pattern.test(line));
          if (match !== undefined) done(undefined, match);
          else if (exited)
            done(
              new Error(`${name} exited (code ${child.exitCode}) before it was ready.\n${stdout.slice(-2_000)}\n${stderr.slice(-3_000)}`),
            );
        };
        const done = (error?: Error, line?: string) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(line!);
        };
        listeners.add(check);
        check();
      }),
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(15_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}

/** Polls `url` until it answers (any HTTP status below 500). */
export async function waitForHttp(url: string, init: RequestInit, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    if (child && child.process.exitCode !== null) throw new Error(`${child.name} exited before answering ${url}.\n${child.stderrTail()}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms.${child ? `\n${child.stderrTail()}` : ''}`);
    await sleep(200);
  }
}

export interface MemoryReading {
  /** Kernel's view of the whole process (/proc/<pid>/status VmRSS), bytes. */
  rss: number;
  /** V8 heap in use after a full GC, bytes (from the probe). */
  heapUsed: number;
  external: number;
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** GC through the probe, then read RSS from /proc (after the GC, so freed pages are counted out). */
export async function memoryOf(pid: number, probePort: number): Promise<MemoryReading> {
  const response = await fetch(`http://127.0.0.1:${probePort}/`);
  const probe = (await response.json()) as { heapUsed: number; external: number };
  await sleep(200);
  return { rss: rssOf(pid), heapUsed: probe.heapUsed, external: probe.external };
}

/** CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat. */
/** CPU ms of several processes together (the subgraphs, when each runs in its own). */
export const cpuMsOfAll = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);

export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state(0) … utime(11) stime(12), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
