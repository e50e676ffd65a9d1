import { unauthenticated, type Viewer } from '@sbor/core';

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}
