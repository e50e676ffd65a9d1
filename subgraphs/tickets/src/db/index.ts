export * from './schema.js';
export * from './ticket-types.js';
export * from './tickets.js';
export * from './orders.js';
export * from './payments.js';
export * from './cancelled-events.js';
export * from './signing-keys.js';
export * from './outbox.js';
