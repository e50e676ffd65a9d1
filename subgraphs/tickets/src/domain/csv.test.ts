import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.js';

describe('csvCell', () => {
  it('leaves plain text, numbers and empty values as they are', () => {
    expect(csvCell('Anna Petrova')).toBe('Anna Petrova');
    expect(csvCell('Анна Петрова')).toBe('Анна Петрова');
    expect(csvCell(2500)).toBe('2500');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('writes times as ISO-8601 in UTC', () => {
    expect(csvCell(new Date('2026-05-01T18:00:00.000Z'))).toBe('2026-05-01T18:00:00.000Z');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('defuses a cell that a spreadsheet would run as a formula: %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('only looks at the first character: a formula sign inside the text is harmless', () => {
    expect(csvCell('Rock & Roll = fun')).toBe('Rock & Roll = fun');
    expect(csvCell('a-b')).toBe('a-b');
  });

  it('quotes a cell with a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvCell('The "Blue" Hall')).toBe('"The ""Blue"" Hall"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });
});

describe('csvRow', () => {
  it('joins the cells with commas and ends the line with CRLF', () => {
    expect(csvRow(['SB-1', 'PAID', 2500, null, 'Smith, Ann'])).toBe('SB-1,PAID,2500,,"Smith, Ann"\r\n');
  });
});
