import { forbidden, requireViewer, type Viewer } from '@sbor/core';

/**
 * Organizer-only actions: a signed-in USER is told what would let them, not just "no". Resolvers
 * call it before parsing input, so a USER is refused whatever they sent; the domain methods check
 * again, since the rule is theirs whoever calls them.
 */
export function requireOrganizer(viewer: Viewer | null): Viewer {
  const who = requireViewer(viewer);
  if (who.role !== 'ORGANIZER') {
    throw forbidden('Only organizers can do this. Become one with Mutation.becomeOrganizer, then use the new access token.');
  }
  return who;
}
