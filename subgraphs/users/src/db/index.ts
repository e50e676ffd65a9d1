export * from './schema.js';
export * from './users.js';
export * from './sessions.js';
export * from './signing-keys.js';
export * from './outbox.js';
export * from './email-tokens.js';
