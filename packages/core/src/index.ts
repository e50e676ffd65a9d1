export * from './config.js';
export * from './errors.js';
export * from './headers.js';
export * from './logger.js';
export * from './secrets.js';
export * from './subgraph-server.js';
export * from './viewer.js';
export * from './scalars.js';
