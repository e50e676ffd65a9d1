import { describe, expect, it } from 'vitest';
import { draftsOf, moved, newDraft, optionLines, questionControl, questionsInput } from './questions';

describe('questionsInput', () => {
  it('sends CHOICE options one per typed line, trimmed, without blank lines', () => {
    const draft = { ...newDraft(), label: '  T-shirt size ', kind: 'CHOICE' as const, required: true, options: ' S\n\nM \r\nL\n' };
    expect(questionsInput([draft])).toEqual([{ label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M', 'L'] }]);
  });

  it('never sends options for TEXT or CHECKBOX, even when some were typed before the kind changed', () => {
    const text = { ...newDraft(), label: 'Diet', kind: 'TEXT' as const, options: 'a\nb' };
    const box = { ...newDraft(), label: 'House rules', kind: 'CHECKBOX' as const, required: true, options: 'x' };
    expect(questionsInput([text, box]).map((q) => q.options)).toEqual([null, null]);
  });

  it('round-trips the questions the API holds', () => {
    const asked = [{ label: 'Size', kind: 'CHOICE' as const, required: false, options: ['S', 'M'] }];
    expect(questionsInput(draftsOf(asked))).toEqual([{ ...asked[0], options: ['S', 'M'] }]);
  });
});

describe('optionLines', () => {
  it('reads nothing from an empty box', () => {
    expect(optionLines(' \n\n')).toEqual([]);
  });
});

describe('moved', () => {
  it('moves an item up or down one place', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('never moves past either end', () => {
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moved(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('questionControl', () => {
  it('points an option’s error at its question’s options box', () => {
    expect(questionControl('questions.1.options.2')).toBe('questions.1.options');
    expect(questionControl('questions.1.options')).toBe('questions.1.options');
    expect(questionControl('questions.0.label')).toBe('questions.0.label');
  });
});
