export { startEventsService, EVENTS_SCHEMA_PATH, type EventsDeps, type EventsService } from './service.js';
export { loadEventsConfig, loadEventsSettings, eventsConfigSchema, type EventsConfig, type EventsSettings } from './config.js';
export { INTERNAL_EVENT_PATH, type InternalEvent } from './http/internal-events.js';
export { ReminderScheduler, planReminders } from './domain/reminders.js';
