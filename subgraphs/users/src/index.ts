export { usersSubgraph } from './subgraph.js';
export { usersSettings, type UsersSettings } from './config.js';
export { ACCESS_KEY_ROTATION, KEY_RELOAD_MS, newAccessTokenKey } from './domain/key-ring.js';
export { accessKeyStore } from './db/signing-keys.js';
