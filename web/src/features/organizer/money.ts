/**
 * Prices in the form are major units ("25.50"); the API takes integer minor units (2550). How many
 * minor digits a currency has comes from Intl, the same source `formatMoney` uses to show them.
 */

/** Digits after the decimal separator: EUR 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as the form shows them, plain and unambiguous: 2550 EUR → "25.50", 500 JPY → "500". */
export function minorToMajorInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  const whole = Math.trunc(minor / scale);
  const fraction = String(Math.abs(minor % scale)).padStart(digits, '0');
  return `${whole}.${fraction}`;
}

const SPACES = /[\s\u00a0\u202f'’]/g;

/**
 * What a person typed as a price, in minor units; undefined when it is not a price. Either "." or ","
 * may separate the fraction (people type both, whatever their language): the last separator is the
 * decimal one when at most `digits` digits follow it and it differs from any earlier separator.
 * Otherwise separators group thousands, every group three digits: "1,500" EUR is 1500.00,
 * "1.500,25" is 1500.25, "1,5" is 1.50. Spaces and apostrophes group thousands too.
 */
export function parseMajorUnits(text: string, currency: string): number | undefined {
  const compact = text.replace(SPACES, '');
  if (!/^\d[\d.,]*$/.test(compact) || /[.,]$/.test(compact)) return undefined;
  const digits = currencyDigits(currency);
  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  let whole = compact;
  let fraction = '';
  if (last >= 0) {
    const separator = compact[last]!;
    const tail = compact.slice(last + 1);
    const head = compact.slice(0, last);
    const decimal = tail.length <= digits && !head.includes(separator);
    if (decimal) {
      whole = head;
      fraction = tail;
    }
  }
  const wholeDigits = groupedDigits(whole);
  if (wholeDigits === undefined || /[.,]/.test(fraction)) return undefined;
  const minor = Number(wholeDigits) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/** "1,500,000" or "1.500" → "1500000" / "1500"; undefined when a group is not three digits. */
function groupedDigits(text: string): string | undefined {
  if (/^\d+$/.test(text)) return text;
  const separator = text.includes(',') ? ',' : '.';
  if (text.includes(separator === ',' ? '.' : ',')) return undefined;
  const [first, ...groups] = text.split(separator);
  if (!first || !/^\d{1,3}$/.test(first) || !groups.every((group) => /^\d{3}$/.test(group))) return undefined;
  return first + groups.join('');
}
