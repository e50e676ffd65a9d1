export { usersSubgraph } from './subgraph.js';
export { usersSettings, type UsersSettings } from './config.js';
