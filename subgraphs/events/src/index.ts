export { eventsSubgraph, type EventsDomain } from './subgraph.js';
export { eventsSettings, type EventsSettings } from './config.js';
export { INTERNAL_EVENT_PATH, type InternalEvent } from './http/internal-events.js';
export { ReminderScheduler, planReminders } from './domain/reminders.js';
