import { z } from 'zod';
import { durationMs, env, sharedVariables } from '@sbor/core';
import { servingSettings, servingVariables, settingsModel } from '@sbor/kit';

const variables = {
  ...servingVariables('events', 8083),
  OUTBOX_INTERVAL_MS: sharedVariables.OUTBOX_INTERVAL_MS,
  RETENTION_INTERVAL_MINUTES: sharedVariables.RETENTION_INTERVAL_MINUTES,
  RETENTION_OUTBOX_SENT_HOURS: sharedVariables.RETENTION_OUTBOX_SENT_HOURS,
  MAX_CATEGORIES_PER_ORGANIZER: env
    .int(100)
    .pipe(z.number().min(1, 'must be at least 1').max(10_000, 'must be at most 10000'))
    .describe('Past this many categories of theirs, an organizer adding another gets `BAD_USER_INPUT` (`reason: LIMIT_REACHED`).'),
  REMINDER_INTERVAL_MS: env
    .int(30_000)
    .pipe(z.number().min(100, 'must be at least 100'))
    .describe(
      'How often each events instance looks for due reminders (24 h and 1 h before a start); however many run, each reminder goes out once.',
    ),
};

/** The events service's own variables and the settings they become; `runStandalone` adds the infrastructure ones. */
export const eventsSettings = settingsModel(variables, (c) => ({
  ...servingSettings('events', c),
  outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
  retention: {
    intervalMs: durationMs.minutes(c.RETENTION_INTERVAL_MINUTES),
    outboxSentMs: durationMs.hours(c.RETENTION_OUTBOX_SENT_HOURS),
  },
  reminderIntervalMs: c.REMINDER_INTERVAL_MS,
  limits: { categoriesPerOrganizer: c.MAX_CATEGORIES_PER_ORGANIZER },
}));
export type EventsSettings = z.infer<typeof eventsSettings.schema>;
