export * from './topics.js';
export * from './bus.js';
export * from './memory-bus.js';
export * from './kafka-bus.js';
export * from './contracts.js';
export * from './outbox.js';
export * from './outbox-relay.js';
export * from './inbox.js';
