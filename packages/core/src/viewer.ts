import { AppError, ErrorCode } from './errors.js';
export const Roles = ['USER', 'ORGANIZER'] as const;
export type Role = (typeof Roles)[number];

/** Who is asking, as proven by a verified access token. */
export interface Viewer {
  userId: string;
  role: Role;
  tokenId: string;
}

/** What every subgraph resolver can rely on. Services extend it with their own dependencies. */
export interface BaseContext {
  viewer: Viewer | null;
  requestId: string;
  clientIp: string | undefined;
}

/** The signed-in viewer, or UNAUTHENTICATED: the first check of every resolver that needs one. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'You must be signed in to do this.');
  return viewer;
}
