import type { ReactNode } from 'react';

/** Stands where a page's content will be, until its feature fills it. */
export function Placeholder({ children }: { children: ReactNode }) {
  return <p className="placeholder">{children}</p>;
}
