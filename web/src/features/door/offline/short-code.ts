/**
 * The short code people type when a QR code will not scan (subgraphs/tickets/src/domain/codes.ts):
 * 28 Crockford base32 characters in groups of four. Case, spaces and dashes do not matter; O reads
 * as 0 and I/L as 1.
 */
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{28}$/;

/** The stored, grouped form (`K7Q2-XR4M-…`) of what someone typed, or undefined when it cannot be a code. */
export function normalizeShortCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(cleaned) ? cleaned.match(/.{1,4}/g)!.join('-') : undefined;
}
