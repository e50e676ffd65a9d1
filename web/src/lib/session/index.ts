export { createBrowserSession } from './browser-session';
export { REFRESH_TOKEN_KEY } from './keys';
export type { Role, TokenClaims } from './claims';
export { SessionProvider, useSession, useSessionState } from './session-provider';
export type { Session, SessionState } from './session';
export type { TokenPair } from './single-flight';
