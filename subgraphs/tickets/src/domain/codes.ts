/**
 * Ticket codes: the short form people type at the door when a QR code will not scan.
 * 140 random bits (more than the 128 DESIGN.md asks) in Crockford base32, which has no I, L, O or
 * U, so a code read aloud or typed by hand survives common mix-ups (O→0, I/L→1).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 28;
const GROUP = 4;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{28}$/;

/** Crockford base32 of the bytes, most significant bits first, `length` characters. */
export function toCrockford(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

const group = (canonical: string) => canonical.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/** A fresh code, grouped for reading: `K7Q2-XR4M-…` (7 groups of 4). */
export function newTicketCode(): string {
  return group(toCrockford(randomBytes(18), CODE_LENGTH));
}

/**
 * The stored (grouped) form of what someone typed, or undefined when it cannot be a code.
 * Case, spaces and dashes are ignored; O reads as 0 and I/L as 1, as Crockford intends.
 */
export function normalizeTicketCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(cleaned) ? group(cleaned) : undefined;
}
