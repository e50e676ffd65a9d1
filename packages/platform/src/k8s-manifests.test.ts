import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { documentVariables, isSecretVariable, parseConfig } from '@sbor/core';
import { eventsSubgraph } from '@sbor/events';
import { loadStandaloneConfig, type AnySubgraph } from '@sbor/kit';
import { notificationsSubgraph } from '@sbor/notifications';
import { loadRouterConfig, routerVariables, SUBGRAPH_NAMES } from '@sbor/router';
import { ticketsSubgraph } from '@sbor/tickets';
import { usersSubgraph } from '@sbor/users';
import { readers } from './config-docs.js';
import { PROGRAMS, RUNTIME_FILES } from '../../../infra/lib/bundle.js';
import { SAFELIST_FILE_NAME } from '../../../router/src/safelist.js';
import { migrateVariables } from './migrate-command.js';

/**
 * infra/k8s as a cluster would receive it: each overlay rendered by `kubectl kustomize`, every object
 * checked against the Kubernetes schemas (kubernetes-models), and every Sbor process's environment
 * assembled from the manifests and parsed by that process's own config schema.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OVERLAYS = ['dev', 'prod'] as const;
type Overlay = (typeof OVERLAYS)[number];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

/**
 * Each Sbor workload (by name), the variables its process reads (as the README table lists them) and
 * its own config parsing, which throws on a bad environment and gives the port it listens on.
 */
const SUBGRAPHS: AnySubgraph[] = [usersSubgraph, eventsSubgraph, ticketsSubgraph, notificationsSubgraph];
const variablesOf = (reader: string) => readers().find((r) => r.reader === reader)!.variables;
const PROCESSES: Record<string, { variables: Record<string, z.ZodType>; load: (env: Env) => { port?: number } }> = {
  router: { variables: routerVariables, load: (env) => loadRouterConfig(env) },
  ...Object.fromEntries(
    SUBGRAPHS.map((definition) => [
      definition.name,
      { variables: variablesOf(definition.name), load: (env: Env) => loadStandaloneConfig(definition, env).settings },
    ]),
  ),
  'sbor-migrate': { variables: migrateVariables, load: (env) => (parseConfig(z.object(migrateVariables), env), {}) },
};
const APP_DEPLOYMENTS = ['router', ...SUBGRAPHS.map((d) => d.name)];

/** Variables whose values are credentials: set from the Secret only, never in a manifest. */
const SECRET_VARIABLES = new Set([
  ...readers().flatMap(({ variables }) => Object.keys(variables).filter((name) => isSecretVariable(variables[name]!))),
  ...Object.keys(migrateVariables).filter((name) => name.startsWith('DATABASE_URL_')),
  'REDIS_URL',
  'SMTP_URL',
  'STRIPE_SECRET_KEY',
  'VAPID_PRIVATE_KEY',
]);

type Env = Record<string, string | undefined>;
const rendered = new Map<Overlay, K8sObject[]>();

function render(overlay: Overlay): K8sObject[] {
  const result = spawnSync('kubectl', ['kustomize', path.join(ROOT, 'infra/k8s/overlays', overlay)], { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed or not on PATH: these tests render infra/k8s with `kubectl kustomize`. Install kubectl (1.27 or newer bundles kustomize 5) and run them again.',
    );
  }
  if (result.status !== 0) throw new Error(`kubectl kustomize infra/k8s/overlays/${overlay} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as K8sObject);
}

/** Rendered on first use, so without kubectl each test fails with the reason instead of being skipped. */
function renderedOnce(overlay: Overlay): K8sObject[] {
  if (!rendered.has(overlay)) rendered.set(overlay, render(overlay));
  return rendered.get(overlay)!;
}

const objects = (overlay: Overlay, kind?: string) => renderedOnce(overlay).filter((o) => kind === undefined || o.kind === kind);
const find = (overlay: Overlay, kind: string, name: string) => objects(overlay, kind).find((o) => o.metadata.name === name);
const podSpec = (workload: K8sObject): IPodSpec => workload.spec.template.spec;
const workloads = (overlay: Overlay) => [...objects(overlay, 'Deployment'), ...objects(overlay, 'Job')];
const appWorkloads = (overlay: Overlay) => workloads(overlay).filter((w) => w.metadata.name in PROCESSES);
const containersOf = (spec: IPodSpec): IContainer[] => [...(spec.initContainers ?? []), ...spec.containers];

/** A value the operator's Secret would hold: strong, and a URL where a URL is expected. */
const operatorSecret = (key: string) =>
  /(^|_)URL(_|$)/.test(key)
    ? `postgres://sbor:${randomBytes(16).toString('hex')}@${key.toLowerCase().replaceAll('_', '-')}.invalid/db`
    : randomBytes(48).toString('base64');

interface Resolved {
  env: Env;
  /** How each variable is set: a literal in the manifest, the ConfigMap or the Secret. */
  source: Record<string, 'literal' | 'configMap' | 'secret'>;
  problems: string[];
}

/** The environment a container starts with, as the kubelet assembles it (later entries win). */
function resolveEnv(overlay: Overlay, container: IContainer): Resolved {
  const resolved: Resolved = { env: {}, source: {}, problems: [] };
  const set = (name: string, value: string | undefined, source: Resolved['source'][string]) => {
    resolved.env[name] = value;
    resolved.source[name] = source;
  };
  const secretValue = (name: string, key: string, optional: boolean | undefined): string | undefined => {
    const secret = find(overlay, 'Secret', name);
    if (!secret) {
      // Not in the manifests: the operator's Secret, which must be the documented one.
      if (name !== 'sbor-secrets') resolved.problems.push(`secret ${name} is neither rendered nor sbor-secrets`);
      return optional ? undefined : operatorSecret(key);
    }
    const encoded = secret.data?.[key];
    if (encoded === undefined && !optional) resolved.problems.push(`secret ${name} has no key ${key}`);
    return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
  };
  for (const from of container.envFrom ?? []) {
    if (from.secretRef) resolved.problems.push('envFrom secretRef hides which secrets a container reads; use secretKeyRef');
    if (!from.configMapRef) continue;
    const configMap = find(overlay, 'ConfigMap', from.configMapRef.name!);
    if (!configMap) resolved.problems.push(`no ConfigMap ${from.configMapRef.name}`);
    for (const [name, value] of Object.entries(configMap?.data ?? {})) set(name, value, 'configMap');
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom;
    if (ref?.secretKeyRef) {
      const { name, key, optional } = ref.secretKeyRef;
      const value = secretValue(name!, key, optional);
      if (value !== undefined) set(variable.name, value, 'secret');
    } else if (ref?.configMapKeyRef) {
      set(variable.name, find(overlay, 'ConfigMap', ref.configMapKeyRef.name!)?.data?.[ref.configMapKeyRef.key], 'configMap');
    } else {
      set(variable.name, variable.value, 'literal');
    }
  }
  return resolved;
}

const appContainer = (workload: K8sObject) => podSpec(workload).containers[0]!;
const isLoopback = (value: string) => /\b(127\.0\.0\.1|localhost|\[::1\])\b/.test(value);

describe.each(OVERLAYS)('infra/k8s/overlays/%s', (overlay) => {
  it('renders objects that are each valid against the Kubernetes schema of their kind', () => {
    const problems: string[] = [];
    for (const object of objects(overlay)) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!Model) {
        problems.push(`${object.kind} ${object.metadata.name}: no schema known for ${object.apiVersion}`);
        continue;
      }
      // kustomize wraps long base64 values over several lines; the API server's decoder skips the breaks.
      const data = object.kind === 'Secret' ? mapValues(object.data, (v) => v.replace(/\s/g, '')) : object.data;
      try {
        new Model({ ...object, ...(data && { data }) } as never).validate();
      } catch (error) {
        problems.push(`${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
      }
      if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(object.metadata.name)) problems.push(`${object.metadata.name}: not a DNS label`);
    }
    expect(problems).toEqual([]);
    expect(objects(overlay, 'Deployment').map((d) => d.metadata.name)).toEqual(expect.arrayContaining(APP_DEPLOYMENTS));
    expect(find(overlay, 'Job', 'sbor-migrate')).toBeDefined();
  });

  it('gives every Sbor process each variable its config requires, and its config accepts what it gets', () => {
    for (const workload of appWorkloads(overlay)) {
      const { name } = workload.metadata;
      const { env, problems } = resolveEnv(overlay, appContainer(workload));
      expect(problems, name).toEqual([]);
      const required = documentVariables(PROCESSES[name]!.variables).filter((v) => v.required);
      expect(
        required.filter((v) => env[v.name] === undefined).map((v) => v.name),
        `${name} lacks`,
      ).toEqual([]);
      expect(() => PROCESSES[name]!.load(env), name).not.toThrow();
    }
  });

  it('sets every address whose default is this machine, so no process looks for another on its own loopback', () => {
    for (const workload of appWorkloads(overlay)) {
      const { name } = workload.metadata;
      const { env } = resolveEnv(overlay, appContainer(workload));
      const variables = documentVariables(PROCESSES[name]!.variables);
      // The supergraph's routing URLs name localhost: the router must override each.
      const mustSet = [
        ...variables.filter((v) => v.name === 'HOST' || (v.default !== undefined && isLoopback(v.default))).map((v) => v.name),
        ...(name === 'router' ? SUBGRAPH_NAMES.map((subgraph) => `${subgraph.toUpperCase()}_URL`) : []),
      ];
      for (const variable of mustSet) expect(env[variable], `${name} ${variable}`).toBeDefined();
      // PUBLIC_URL is the browser's address of the router (the dev overlay's is a port-forward), not a peer's.
      const loopback = Object.entries(env).filter(([key, value]) => key !== 'PUBLIC_URL' && value !== undefined && isLoopback(value));
      expect(loopback, name).toEqual([]);
      if (variables.some((v) => v.name === 'HOST')) expect(env.HOST, `${name} listens on every interface`).toBe('0.0.0.0');
    }
  });

  it('points every in-cluster URL at a Service that serves that port from the process listening on it', () => {
    const checked: string[] = [];
    for (const workload of appWorkloads(overlay)) {
      const { env } = resolveEnv(overlay, appContainer(workload));
      const brokers = (env.KAFKA_BROKERS ?? '')
        .split(',')
        .filter(Boolean)
        .map((broker) => `kafka://${broker}`);
      const peers = Object.entries(env).flatMap(([key, value]) => (key === 'PUBLIC_URL' ? [] : [value]));
      for (const value of [...peers, ...brokers]) {
        // Addresses of this namespace: a bare Service name, no dots.
        if (!value || !/^[a-z]+:\/\/([^@/]*@)?[a-z0-9-]+(:\d+)?(\/|$)/.test(value)) continue;
        const url = new URL(value);
        const service = find(overlay, 'Service', url.hostname);
        expect(service, `${value} names no Service`).toBeDefined();
        const port = (service!.spec.ports as { port: number; targetPort: string }[]).find((p) => String(p.port) === url.port);
        expect(port, `Service ${url.hostname} does not serve ${url.port}`).toBeDefined();
        const target = find(overlay, 'Deployment', url.hostname);
        if (!target || !(url.hostname in PROCESSES)) continue; // infrastructure of the dev overlay
        const container = appContainer(target);
        const containerPort = container.ports!.find((p) => p.name === port!.targetPort)!.containerPort;
        expect(PROCESSES[url.hostname]!.load(resolveEnv(overlay, container).env).port, `${url.hostname} listens on`).toBe(containerPort);
        expect(String(containerPort)).toBe(url.port);
        checked.push(value);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining(['http://users:8081/graphql', 'http://tickets:8082', 'http://users:8081/.well-known/jwks.json']),
    );
  });

  it('takes every credential from a Secret by key, never from a literal or the ConfigMap', () => {
    for (const configMap of objects(overlay, 'ConfigMap')) {
      expect(
        Object.keys(configMap.data ?? {}).filter((key) => SECRET_VARIABLES.has(key)),
        configMap.metadata.name,
      ).toEqual([]);
    }
    for (const workload of workloads(overlay)) {
      for (const container of containersOf(podSpec(workload))) {
        const { source } = resolveEnv(overlay, container);
        const inlined = Object.keys(source).filter((name) => SECRET_VARIABLES.has(name) && source[name] !== 'secret');
        expect(inlined, `${workload.metadata.name}/${container.name}`).toEqual([]);
      }
    }
  });

  it('runs each Sbor Deployment with probes on its health routes, resources, a Service and a disruption budget', () => {
    for (const file of ['router/src/health.ts', 'packages/kit/src/server.ts']) {
      const source = readFileSync(path.join(ROOT, file), 'utf8');
      for (const route of ['/healthz', '/readyz']) expect(source, file).toContain(`app.get('${route}'`);
    }
    for (const name of APP_DEPLOYMENTS) {
      const deployment = find(overlay, 'Deployment', name)!;
      const container = appContainer(deployment);
      expect(container.livenessProbe?.httpGet, name).toMatchObject({ path: '/healthz', port: 'http' });
      expect(container.startupProbe?.httpGet, name).toMatchObject({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe?.httpGet, name).toMatchObject({ path: '/readyz', port: 'http' });
      const http = container.ports?.find((port) => port.name === 'http')?.containerPort;
      expect(PROCESSES[name]!.load(resolveEnv(overlay, container).env).port, `${name} listens on its port http`).toBe(http);
      expect(container.resources?.requests, name).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
      expect(quantity(container.resources!.limits!.memory!), name).toBeGreaterThanOrEqual(quantity(container.resources!.requests!.memory!));
      const labels = deployment.spec.template.metadata.labels as Record<string, string>;
      const selects = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
      expect(
        objects(overlay, 'PodDisruptionBudget').filter((pdb) => selects(pdb.spec.selector.matchLabels)),
        name,
      ).toHaveLength(1);
      expect(
        objects(overlay, 'Service').filter((service) => selects(service.spec.selector)),
        name,
      ).toHaveLength(1);
    }
  });

  it('runs every pod as the restricted Pod Security Standard requires, and Sbor on a read-only root', () => {
    for (const workload of workloads(overlay)) {
      const spec = podSpec(workload);
      const name = workload.metadata.name;
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      // The image names its user `node`; the kubelet can only check a number is not root.
      expect(spec.securityContext?.runAsUser, name).toBeGreaterThan(0);
      expect(spec.securityContext?.seccompProfile?.type, name).toBe('RuntimeDefault');
      // Service links would set USERS_PORT=tcp://… and the like: the very names of the port variables.
      expect(spec.enableServiceLinks, name).toBe(false);
      expect(spec.automountServiceAccountToken, name).toBe(false);
      for (const container of containersOf(spec)) {
        expect(container.securityContext, `${name}/${container.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.limits?.memory, `${name}/${container.name}`).toBeDefined();
      }
      if (!(name in PROCESSES)) continue;
      expect(appContainer(workload).securityContext?.readOnlyRootFilesystem, name).toBe(true);
      // The root is read-only; Node and its libraries may still need a temp directory.
      const tmp = appContainer(workload).volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      expect(spec.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir, name).toBeDefined();
    }
  });

  it('scales the router and tickets with autoscaling/v2 HPAs over Deployments that leave the count to them', () => {
    const hpas = objects(overlay, 'HorizontalPodAutoscaler');
    expect(hpas.map((hpa) => hpa.metadata.name).sort()).toEqual(['router', 'tickets']);
    for (const hpa of hpas) {
      const target = hpa.spec.scaleTargetRef as { apiVersion: string; kind: string; name: string };
      expect(target).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
      const deployment = find(overlay, 'Deployment', target.name);
      expect(deployment, `HPA ${hpa.metadata.name} targets ${target.name}`).toBeDefined();
      // A replica count in the manifest would reset the autoscaler's at every `kubectl apply`.
      expect(deployment!.spec.replicas, target.name).toBeUndefined();
      expect(appContainer(deployment!).resources?.requests?.cpu, 'CPU utilization needs a CPU request').toBeDefined();
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    }
  });

  it('runs in the Sbor image only what the image holds', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(dockerfile).toMatch(/^COPY \. \.$/m);
    for (const workload of workloads(overlay)) {
      for (const container of containersOf(podSpec(workload)).filter((c) => c.image === sborImage(overlay))) {
        const args = [...(container.command ?? []), ...(container.args ?? [])];
        const where = `${workload.metadata.name}/${container.name}`;
        if (args[0] !== 'node') continue;
        // The image holds the bundles `npm run build` writes (infra/lib/bundle.ts), not tsx or sources.
        const program = args.at(-1)!;
        expect(program, where).toMatch(/^dist\/[a-z-]+\.js$/);
        expect(Object.keys(PROGRAMS), where).toContain(program.slice('dist/'.length, -'.js'.length));
        expect(existsSync(path.join(ROOT, PROGRAMS[program.slice('dist/'.length, -'.js'.length) as keyof typeof PROGRAMS])), where).toBe(
          true,
        );
        const preload = args.indexOf('--import');
        if (preload >= 0) expect(args[preload + 1], where).toBe('./dist/telemetry-register.js');
        expect(args, where).not.toContain('tsx');
      }
    }
  });
});

/** The image the overlay runs Sbor from: the router's. */
const sborImage = (overlay: Overlay) => appContainer(find(overlay, 'Deployment', 'router')!).image;

describe('infra/k8s/overlays/prod', () => {
  it('holds no Secret and no secret value: sbor-secrets is the operator’s, and every key it needs is documented', () => {
    expect(objects('prod', 'Secret')).toEqual([]);
    const readme = readFileSync(path.join(ROOT, 'infra/k8s/README.md'), 'utf8');
    const keys = new Set(
      workloads('prod').flatMap((w) =>
        containersOf(podSpec(w)).flatMap((c) =>
          (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.key] : [])),
        ),
      ),
    );
    expect(keys.size).toBeGreaterThanOrEqual(7);
    for (const key of keys) expect(readme, `README documents ${key}`).toContain(`| \`${key}\` |`);
  });

  it('runs in production mode from a pinned image', () => {
    for (const name of APP_DEPLOYMENTS)
      expect(resolveEnv('prod', appContainer(find('prod', 'Deployment', name)!)).env.NODE_ENV).toBe('production');
    expect(sborImage('prod')).toMatch(/^[^:]+\/sbor(:[\w.-]+|@sha256:[0-9a-f]{64})$/);
    expect(sborImage('prod')).not.toMatch(/:(latest|local)$/);
  });

  it('keeps safelist mode off, and turns it on with the one ROUTER_SAFELIST its settings.env documents: the image’s manifest', () => {
    const router = resolveEnv('prod', appContainer(find('prod', 'Deployment', 'router')!));
    // In the ConfigMap every Sbor container reads, empty: the operator changes that one value.
    expect(router.source.ROUTER_SAFELIST).toBe('configMap');
    expect(loadRouterConfig(router.env).safelistPath).toBeUndefined();
    const settings = readFileSync(path.join(ROOT, 'infra/k8s/overlays/prod/settings.env'), 'utf8');
    const documented = /^#\s+ROUTER_SAFELIST=(\S+)$/m.exec(settings)?.[1];
    // The image's WORKDIR is /app, and it holds web/dist as `npm run build` wrote it, manifest included.
    expect(documented).toBe(`/app/web/dist/${SAFELIST_FILE_NAME}`);
    expect(RUNTIME_FILES).toContain('web/dist');
    expect(loadRouterConfig({ ...router.env, ROUTER_SAFELIST: documented }).safelistPath).toBe(documented);
  });
});

describe('infra/k8s/overlays/dev', () => {
  it('runs in development mode, because production refuses its well-known secrets', () => {
    const router = resolveEnv('dev', appContainer(find('dev', 'Deployment', 'router')!)).env;
    expect(router.NODE_ENV).toBe('development');
    expect(router.ROUTER_SECRET).toContain('dev-only');
    expect(() => loadRouterConfig({ ...router, NODE_ENV: 'production' })).toThrow(/ROUTER_SECRET/);
  });
});

/** A Kubernetes memory or CPU quantity as a number (`320Mi`, `1Gi`, `100m`, `1`). */
function quantity(value: string | number): number {
  const units: Record<string, number> = { m: 1e-3, '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
  const [, number, unit] = /^([\d.]+)(m|Ki|Mi|Gi|)$/.exec(String(value)) ?? [];
  return Number(number) * units[unit ?? '']!;
}

const mapValues = (record: Record<string, string> | undefined, map: (value: string) => string) =>
  record && Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
