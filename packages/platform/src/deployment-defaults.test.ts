import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KNOWN_PLACEHOLDER_SECRETS, secretWeakness } from '@sbor/core';

/** docker-compose.yml as compose reads it (Docker does not run in CI, so its text is what we check). */
interface Service {
  image?: string;
  container_name?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, unknown>;
  depends_on?: Record<string, { condition: string }> | string[];
}
interface Compose {
  services: Record<string, Service>;
}
const root = new URL('../../../', import.meta.url);
const composeText = readFileSync(new URL('docker-compose.yml', root), 'utf8');
const compose = parse(composeText, { merge: true }) as Compose;

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 only, Kafka UI and the mail sink included', () => {
    const published = Object.entries(compose.services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => `${name} ${String(port)}`),
    );
    expect(published).toContain('kafka-ui 127.0.0.1:8090:8080');
    expect(published).toContain('mailpit 127.0.0.1:8025:8025');
    expect(published.filter((entry) => !entry.split(' ')[1]!.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('gives ROUTER_SECRET no default, so no published value can run as the secret', () => {
    const secrets = Object.values(compose.services)
      .map((service) => service.environment?.ROUTER_SECRET)
      .filter((value) => value !== undefined);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const value of secrets) expect(value).toMatch(/^\$\{ROUTER_SECRET:\?/);
  });

  it('still refuses the placeholder earlier versions of this file defaulted to', () => {
    expect(KNOWN_PLACEHOLDER_SECRETS).toContain('change-me-placeholder-router-secret');
    expect(secretWeakness('change-me-placeholder-router-secret')).toBeDefined();
  });

  it('keeps Apollo Sandbox off unless APOLLO_SANDBOX asks for it', () => {
    const router = compose.services.router!.environment!;
    expect(router.NODE_ENV).toBe('production');
    expect(router.APOLLO_SANDBOX).toBe('${APOLLO_SANDBOX:-false}');
  });

  it('keeps safelist mode off unless ROUTER_SAFELIST in .env names the image’s manifest, as its comment says', () => {
    expect(compose.services.router!.environment!.ROUTER_SAFELIST).toBe('${ROUTER_SAFELIST:-}');
    expect(composeText).toContain('ROUTER_SAFELIST=/app/web/dist/persisted-operations.json');
  });

  it('lets every DATABASE_URL_* be given whole, so a password can be URL-encoded', () => {
    for (const name of ['users', 'events', 'tickets', 'notifications']) {
      const variable = `DATABASE_URL_${name.toUpperCase()}`;
      expect(compose.services[name]!.environment![variable]).toMatch(new RegExp(`^\\$\\{${variable}:-postgres://`));
    }
  });

  it('connects each service as its own role, never as the superuser, with the role init.sh creates', () => {
    const postgres = compose.services.postgres!.environment!;
    for (const name of ['users', 'events', 'tickets', 'notifications']) {
      const upper = name.toUpperCase();
      const url = String(compose.services[name]!.environment![`DATABASE_URL_${upper}`]);
      expect(url).toContain(`-postgres://sbor_${name}:\${DB_PASSWORD_${upper}:-`);
      expect(url).not.toContain('postgres://postgres:');
      expect(postgres[`DB_PASSWORD_${upper}`]).toMatch(new RegExp(`^\\$\\{DB_PASSWORD_${upper}:-`));
    }
    expect(composeText).toContain('./infra/postgres/init.sh:/docker-entrypoint-initdb.d/');
  });
});

/** The five services and the port each listens on, as their own variables set it in compose. */
const PORTS: Record<string, string> = {
  router: 'ROUTER_PORT',
  users: 'USERS_PORT',
  tickets: 'TICKETS_PORT',
  events: 'EVENTS_PORT',
  notifications: 'NOTIFICATIONS_PORT',
};
const portOf = (service: string) => String(compose.services[service]!.environment![PORTS[service]!]);
const nginxConf = readFileSync(new URL('infra/nginx/sbor.conf', root), 'utf8');
/** nginx directives, comments dropped, one per entry. */
const nginx = nginxConf
  .replace(/#.*$/gm, '')
  .split(/[;{}]/)
  .map((line) => line.trim().replace(/\s+/g, ' '))
  .filter(Boolean);

describe('docker-compose.yml at scale (`--scale router=2 --scale tickets=2`)', () => {
  it('publishes no host port and fixes no container name for router and tickets, so they can be scaled', () => {
    for (const name of ['router', 'tickets']) {
      expect(compose.services[name]!.ports, name).toBeUndefined();
      expect(compose.services[name]!.container_name, name).toBeUndefined();
    }
  });

  it('puts nginx (lb) on the router address, 127.0.0.1:8000, once the router is healthy', () => {
    const lb = compose.services.lb!;
    expect(lb.image).toMatch(/^nginx:1\.(2[89]|[3-9]\d)/); // `resolve` in upstream needs nginx 1.27.3+
    expect(lb.ports).toEqual([`127.0.0.1:8000:${portOf('router')}`]);
    expect(lb.volumes).toContain('./infra/nginx/sbor.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(lb.depends_on).toEqual({ router: { condition: 'service_healthy' } });
    expect(nginx).toContain(`listen ${portOf('router')}`);
  });

  it('balances over every router replica, asking Docker DNS again as replicas come and go', () => {
    expect(nginx).toContain('upstream sbor_router');
    expect(nginx).toContain(`server router:${portOf('router')} resolve`);
    expect(nginx).toContain('resolver 127.0.0.11 valid=10s ipv6=off');
    expect(nginx.filter((d) => d.startsWith('zone sbor_router '))).toHaveLength(1);
    expect(nginx).toContain('proxy_pass http://sbor_router');
  });

  it('passes graphql-ws upgrades through and appends the client address the router trusts one hop of', () => {
    expect(nginx).toContain('proxy_http_version 1.1');
    expect(nginx).toContain('proxy_set_header Upgrade $http_upgrade');
    expect(nginx).toContain('proxy_set_header Connection $connection_upgrade');
    expect(nginx).toContain('map $http_upgrade $connection_upgrade');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for');
    expect(compose.services.router!.environment!.TRUST_PROXY).toBe('${TRUST_PROXY:-1}');
    // Longer than the router's 12 s websocket ping, or nginx would cut idle subscriptions.
    const timeout = nginx.find((d) => d.startsWith('proxy_read_timeout '));
    expect(Number.parseInt(timeout!.split(' ')[1]!, 10)).toBeGreaterThan(12);
  });

  it('keeps /metrics off the public address (Prometheus scrapes each replica itself)', () => {
    expect(nginxConf).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
  });

  it('reaches tickets and the router by service name, so Docker DNS spreads connections over the replicas', () => {
    const tickets = `tickets:${portOf('tickets')}`;
    expect(compose.services.router!.environment!.TICKETS_URL).toBe(`http://${tickets}/graphql`);
    expect(compose.services.notifications!.environment!.TICKETS_INTERNAL_URL).toBe(`http://${tickets}`);
    const urls = Object.values(compose.services).flatMap((service) => Object.values(service.environment ?? {}).map(String));
    // No one pins a replica: nothing names a tickets or router container, only the services.
    expect(urls.filter((value) => /\/\/[\w-]*(tickets|router)[-_]\d/.test(value))).toEqual([]);
  });

  it('has Prometheus scrape every replica of every service by DNS, on the port it listens on', () => {
    const prometheus = parse(readFileSync(new URL('infra/prometheus/prometheus.yml', root), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; type: string; port: number }[] }[];
    };
    const jobs = Object.fromEntries(prometheus.scrape_configs.map((job) => [job.job_name, job.dns_sd_configs]));
    expect(Object.keys(jobs).sort()).toEqual(Object.keys(PORTS).sort());
    for (const service of Object.keys(PORTS)) {
      expect(jobs[service], service).toEqual([{ names: [service], type: 'A', port: Number(portOf(service)) }]);
    }
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(compose.services.prometheus!.volumes).toContain('./infra/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro');
  });

  it('mounts only files and folders that exist in the repository', () => {
    const mounts = Object.values(compose.services)
      .flatMap((service) => service.volumes ?? [])
      .filter((volume) => volume.startsWith('./'))
      .map((volume) => volume.split(':')[0]!);
    expect(mounts.length).toBeGreaterThanOrEqual(6);
    expect(mounts.filter((path) => !existsSync(new URL(path, root)))).toEqual([]);
  });
});
