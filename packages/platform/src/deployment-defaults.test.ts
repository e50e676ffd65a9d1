import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KNOWN_PLACEHOLDER_SECRETS, secretWeakness } from '@sbor/core';

/** docker-compose.yml as compose reads it (Docker does not run in CI, so its text is what we check). */
interface Compose {
  services: Record<string, { ports?: string[]; environment?: Record<string, unknown> }>;
}
const composeText = readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8');
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
