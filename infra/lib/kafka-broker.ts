/**
 * The Kafka broker infra runs without Docker: jars from Maven Central (infra/kafka/pom.xml), config
 * rendered from infra/kafka/server.properties, one detached JVM whose pid is in infra/.run/kafka.pid.
 * Client-side concerns (is it answering, topics) live in kafka.ts.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INFRA_DIR, KAFKA_DIR, RUN_DIR } from './config.js';
import { InfraError, elapsed, log, sleep } from './log.js';

const run = promisify(execFile);

export const KAFKA_LIB_DIR = join(KAFKA_DIR, 'lib');
export const KAFKA_DATA_DIR = join(RUN_DIR, 'kafka-data');
export const KAFKA_LOGS_DIR = join(RUN_DIR, 'kafka-logs');
export const KAFKA_PID_FILE = join(RUN_DIR, 'kafka.pid');
/** The JVM's own stdout/stderr (crashes before logging starts, e.g. a bad heap flag). */
export const KAFKA_OUT_FILE = join(RUN_DIR, 'kafka.out');
const RENDERED_CONFIG = join(RUN_DIR, 'server.properties');
const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const CLASSPATH = join(KAFKA_LIB_DIR, '*');

/** The broker version the POM pins, e.g. `3.7.2`. */
export function kafkaVersion(): string {
  const pom = readFileSync(join(KAFKA_DIR, 'pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new InfraError('kafka: no <kafka.version> in infra/kafka/pom.xml');
  return version;
}

export const kafkaJarsPresent = (): boolean => existsSync(join(KAFKA_LIB_DIR, `kafka_2.13-${kafkaVersion()}.jar`));

/** Copies the broker's runtime jars into infra/kafka/lib (Maven caches them in ~/.m2). */
export async function fetchKafkaJars(): Promise<void> {
  const startedAt = performance.now();
  log(`kafka: downloading Kafka ${kafkaVersion()} jars from Maven Central (first run only)…`);
  const partial = `${KAFKA_LIB_DIR}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    await run(
      'mvn',
      ['-q', '-B', '-Dstyle.color=never', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${partial}`],
      { cwd: KAFKA_DIR, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: string; stdout?: string; stderr?: string };
    if (code === 'ENOENT') throw new InfraError('kafka: Maven (mvn) is not installed', 'install it: apt-get install -y maven');
    const output = `${stdout ?? ''}${stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new InfraError(
      `kafka: fetching jars with Maven failed:\n${output}`,
      `retry, or run by hand: cd infra/kafka && mvn dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=lib`,
    );
  }
  rmSync(KAFKA_LIB_DIR, { recursive: true, force: true });
  renameSync(partial, KAFKA_LIB_DIR);
  log(`kafka: jars in infra/kafka/lib (${elapsed(startedAt)})`);
}

/** Writes infra/.run/server.properties from the template with the ports and data directory. */
export function renderServerProperties(port: number, controllerPort: number): string {
  const values: Record<string, string> = {
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: KAFKA_DATA_DIR,
  };
  const template = readFileSync(join(KAFKA_DIR, 'server.properties'), 'utf8');
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(
    RENDERED_CONFIG,
    template.replace(/\$\{(\w+)\}/g, (all, name: string) => values[name] ?? all),
  );
  return RENDERED_CONFIG;
}

/** The client port in the last rendered infra/.run/server.properties (the running broker's). */
export function renderedKafkaPort(): number | undefined {
  if (!existsSync(RENDERED_CONFIG)) return undefined;
  const port = /^listeners=PLAINTEXT:\/\/[^:]+:(\d+)/m.exec(readFileSync(RENDERED_CONFIG, 'utf8'))?.[1];
  return port ? Number(port) : undefined;
}

/** Formats the KRaft storage once (a new cluster id); a no-op when infra/.run/kafka-data is formatted. */
export async function formatKafkaStorage(config: string = RENDERED_CONFIG): Promise<void> {
  if (existsSync(join(KAFKA_DATA_DIR, 'meta.properties'))) return;
  let clusterId = randomBytes(16).toString('base64url'); // Kafka's Uuid format: 22 base64url chars
  while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
  try {
    await run(JAVA, [
      '-cp',
      CLASSPATH,
      ...logOptions(),
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      clusterId,
      '-c',
      config,
    ]);
  } catch (error) {
    throw javaError(error, 'formatting the storage');
  }
  log(`kafka: formatted storage in infra/.run/kafka-data (cluster id ${clusterId})`);
}

/** Starts the broker detached (it outlives this process) and records its pid. */
export function startKafkaBroker(config: string = RENDERED_CONFIG): number {
  mkdirSync(KAFKA_LOGS_DIR, { recursive: true });
  const out = openSync(KAFKA_OUT_FILE, 'w'); // this run's output only
  const heap = (process.env.KAFKA_HEAP_OPTS ?? '-Xmx512m -Xms256m').split(/\s+/).filter(Boolean);
  const child = spawn(
    JAVA,
    [
      ...heap,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      ...logOptions(),
      '-cp',
      CLASSPATH,
      'kafka.Kafka',
      config,
    ],
    { cwd: INFRA_DIR, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  if (child.pid === undefined) throw new InfraError('kafka: could not start java', JAVA_HINT);
  child.on('error', () => {}); // ENOENT surfaces as "exited" in the readiness wait, with the hint
  child.unref();
  writeFileSync(KAFKA_PID_FILE, `${child.pid}\n`);
  return child.pid;
}

/** Pid of the broker infra started, if that process is still alive (and still a Kafka JVM). */
export function kafkaBrokerPid(): number | undefined {
  if (!existsSync(KAFKA_PID_FILE)) return undefined;
  const pid = Number(readFileSync(KAFKA_PID_FILE, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka')) return undefined;
  } catch {
    // no /proc (not Linux): trust the pid file
  }
  return pid;
}

/** SIGTERM, wait up to `timeoutMs` for a clean shutdown, then SIGKILL. Returns how it ended. */
export async function stopKafkaBroker(timeoutMs = 30_000): Promise<'not-running' | 'stopped' | 'killed'> {
  const pid = kafkaBrokerPid();
  if (pid === undefined) {
    rmSync(KAFKA_PID_FILE, { force: true });
    return 'not-running';
  }
  process.kill(pid, 'SIGTERM');
  const deadline = performance.now() + timeoutMs;
  while (isAlive(pid) && performance.now() < deadline) await sleep(200);
  let outcome: 'stopped' | 'killed' = 'stopped';
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    outcome = 'killed';
    while (isAlive(pid)) await sleep(100);
  }
  rmSync(KAFKA_PID_FILE, { force: true });
  return outcome;
}

/** Last lines of the broker's output: the JVM's own (a crash at launch) if any, else server.log. */
export function kafkaLogTail(lines = 12): string {
  const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '');
  return tail(KAFKA_OUT_FILE) || tail(join(KAFKA_LOGS_DIR, 'server.log'));
}

/** Runs `fn` holding infra/.run/kafka.lock, so two `npm test` runs never start two brokers. */
export async function withKafkaLock<T>(fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  mkdirSync(RUN_DIR, { recursive: true });
  const lock = join(RUN_DIR, 'kafka.lock');
  const deadline = performance.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (!holder || !isAlive(holder)) rmSync(lock, { force: true });
      else if (performance.now() > deadline)
        throw new InfraError(`kafka: process ${holder} holds ${lock}`, 'wait for it, or remove the file if that process is stuck');
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

const JAVA_HINT = 'install Java 17 (apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME';

function logOptions(): string[] {
  return [`-Dlog4j.configuration=file:${join(KAFKA_DIR, 'log4j.properties')}`, `-Dkafka.logs.dir=${KAFKA_LOGS_DIR}`];
}

function javaError(error: unknown, what: string): InfraError {
  const { code, stderr, stdout } = error as { code?: string; stderr?: string; stdout?: string };
  if (code === 'ENOENT') return new InfraError(`kafka: java not found while ${what}`, JAVA_HINT);
  return new InfraError(
    `kafka: ${what} failed:\n${`${stdout ?? ''}${stderr ?? ''}`.trim()}`,
    'if infra/.run/kafka-data is damaged, remove it (topics are recreated)',
  );
}

/** Alive and not a zombie (an exited process nobody reaped yet counts as gone). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux)
  }
}
