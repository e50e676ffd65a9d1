export * from './database.js';
export * from './scratch.js';
export * from './signing-keys.js';
