export * from './verify.js';
export * from './claims.js';
export * from './bearer.js';
