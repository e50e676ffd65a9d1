import { describe, expect, it } from 'vitest';
import { notificationsSettings } from './config.js';
import { PUBLIC_INTERNET } from './delivery/push-network.js';
import { notificationsSubgraph } from './subgraph.js';

const PRODUCTION = { NODE_ENV: 'production', ROUTER_SECRET: 'k3J9xq2Lm8Vb4Nw7Rt5Yz1Hc6Pd0Sa3Fg8Ej2Ku' };

describe('where web push may connect (issue 16)', () => {
  it('is the public internet in every configuration: no variable widens it', () => {
    for (const env of [PRODUCTION, { ROUTER_SECRET: 'test-router-secret-0123456789', NODE_ENV: 'test' }]) {
      expect(notificationsSettings.load(env).pushNetwork).toBe(PUBLIC_INTERNET);
    }
  });

  it('refuses to start in production with a network a test widened', async () => {
    const settings = { ...notificationsSettings.load(PRODUCTION), pushNetwork: { ...PUBLIC_INTERNET, allows: () => true } };
    // The check comes before anything touches the infrastructure, so none is needed to see it.
    const setup = Promise.resolve().then(() =>
      notificationsSubgraph.setup({ settings, infra: undefined as never, metrics: undefined as never }),
    );
    await expect(setup).rejects.toThrow(/tests, not production/);
  });
});
