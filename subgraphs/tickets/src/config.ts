import { z } from 'zod';
import { consumerVariables, env, sharedVariables } from '@sbor/core';
import { servingSettings, servingVariables, settingsModel } from '@sbor/kit';

const variables = {
  ...servingVariables('tickets', 8082),
  EVENTS_INTERNAL_URL: env
    .url()
    .default('http://127.0.0.1:8083')
    .describe('Where tickets asks the events service whether an event is on sale.'),
  EVENTS_TIMEOUT_MS: env
    .int(1500)
    .pipe(z.number().min(50, 'must be at least 50').max(30_000, 'must be at most 30000'))
    .describe('Past this a purchase fails with `SERVICE_UNAVAILABLE` and sells nothing.'),
  OUTBOX_INTERVAL_MS: sharedVariables.OUTBOX_INTERVAL_MS,
  ...consumerVariables('tickets'),
};

/** The tickets service's own variables and the settings they become; `runStandalone` adds the infrastructure ones. */
export const ticketsSettings = settingsModel(variables, (c) => ({
  ...servingSettings('tickets', c),
  events: { baseUrl: c.EVENTS_INTERNAL_URL, timeoutMs: c.EVENTS_TIMEOUT_MS },
  outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
  consumer: { groupId: c.TICKETS_GROUP_ID, startAt: c.TICKETS_START_AT },
}));
export type TicketsSettings = z.infer<typeof ticketsSettings.schema>;
