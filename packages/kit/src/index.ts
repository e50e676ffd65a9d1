export * from './define.js';
export * from './settings.js';
export * from './start.js';
export * from './standalone.js';
export * from './server.js';
export * from './websocket.js';
export * from './parts.js';
