export * from './schema.js';
export * from './categories.js';
export * from './events.js';
export * from './schedule-items.js';
export * from './reminders.js';
export * from './outbox.js';
