export { startPlatform, type Platform } from './platform.js';
export { loadPlatformConfig, type PlatformConfig } from './config.js';
export * from './testing.js';
