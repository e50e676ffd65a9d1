/** localStorage key of the refresh token (web/README.md, "Where the tokens live"). */
export const REFRESH_TOKEN_KEY = 'sbor.refreshToken';
/** The BroadcastChannel on which tabs share sign-ins, refreshed tokens and sign-outs. */
export const SESSION_CHANNEL = 'sbor-session';
