export { startUsersService, USERS_SCHEMA_PATH, type UsersDeps } from './service.js';
export { loadUsersConfig, loadUsersSettings, usersConfigSchema, type UsersConfig, type UsersSettings } from './config.js';
