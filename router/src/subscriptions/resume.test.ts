import { describe, expect, it } from 'vitest';
import { RESUME_OVERLAP, ResumeCursors } from './resume.js';

describe('ResumeCursors', () => {
  it('has nothing to resume after before the first item or position', () => {
    expect(new ResumeCursors().resumeAfter()).toBeUndefined();
  });

  it('resumes with the position when nothing else arrived', () => {
    const cursors = new ResumeCursors();
    cursors.record('p');
    expect(cursors.resumeAfter()).toEqual(['p']);
  });

  it('keeps the latest cursors, oldest first, and each once', () => {
    const cursors = new ResumeCursors();
    for (let i = 0; i < RESUME_OVERLAP + 3; i++) cursors.record(`c${i}`);
    cursors.record(`c${RESUME_OVERLAP + 2}`);
    const held = cursors.resumeAfter()!;
    expect(held).toHaveLength(RESUME_OVERLAP);
    expect(held[0]).toBe('c3');
    expect(held.at(-1)).toBe(`c${RESUME_OVERLAP + 2}`);
  });
});
