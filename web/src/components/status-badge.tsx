import './ui.css';

export type BadgeTone = 'neutral' | 'good' | 'waiting' | 'bad';

/** A short status in a pill: the words carry the meaning, the colour only repeats it. */
export function StatusBadge({ tone, children }: { tone: BadgeTone; children: string }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}
