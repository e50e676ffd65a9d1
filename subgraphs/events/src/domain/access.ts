import { forbidden, unauthenticated, type Viewer } from '@sbor/core';

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** Organizer-only actions: a signed-in USER is told what would let them, not just "no". */
export function requireOrganizer(viewer: Viewer | null): Viewer {
  const who = requireViewer(viewer);
  if (who.role !== 'ORGANIZER') {
    throw forbidden('Only organizers can do this. Become one with Mutation.becomeOrganizer, then use the new access token.');
  }
  return who;
}
