export * from './schema.js';
export * from './ticket-types.js';
export * from './purchases.js';
export * from './tickets.js';
export * from './cancelled-events.js';
export * from './signing-keys.js';
export * from './outbox.js';
