export * from './wait.js';
export * from './token-issuer.js';
export { createScratchDatabase, type ScratchDatabase } from '@sbor/db';
export * from './tcp-proxy.js';
export * from './counted-database.js';
