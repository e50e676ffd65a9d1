/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote, CR or LF, quotes inside doubled), made safe to open in a spreadsheet: a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula (OWASP "CSV
 * injection"), so it gets a leading `'` and is shown as the text it is. Names, answers and ticket
 * type names are typed by buyers and organizers, so every cell goes through this.
 */

export type CsvValue = string | number | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Excel reads a file without a byte-order mark as the local code page; with it, as UTF-8 (Cyrillic names stay readable). */
export const UTF8_BOM = '\uFEFF';

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
