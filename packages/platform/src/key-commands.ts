/**
 * `npm run keys`: the operator's rotation and retirement of signing keys. It writes to the owning
 * service's database; running replicas re-read their keys every 20 s, and a rotation's new key
 * signs only after a minute, so every replica and verifier has it by then.
 */
import type { NewSigningKey, Rotation, SigningKeyStore, StoredSigningKey } from '@sbor/db';

export type KeyKind = 'jwt' | 'qr';

export interface KeyKindSetup {
  store: SigningKeyStore;
  make: () => Promise<NewSigningKey> | NewSigningKey;
  rotation: Rotation;
  /** What its keys sign, for messages. */
  signs: string;
}

export type KeyCommand =
  | { action: 'list' }
  | { action: 'rotate'; kind: KeyKind; graceMs?: number }
  | { action: 'retire'; kind: KeyKind; kid: string; graceMs: number };

export class KeyCommandError extends Error {
  override name = 'KeyCommandError';
}

export const KEYS_USAGE = [
  'Usage: npm run keys -- <command>',
  '  list                                   every key, its state and dates',
  '  rotate <jwt|qr> [--grace <duration>]   a new key signs in a minute; the old one keeps verifying for the grace',
  '                                         (jwt: until its last token expires; qr: 30d by default)',
  '  retire <jwt|qr> <kid> [--grace <duration>]',
  '                                         stop a key now (a leaked key): it signs nothing more and verifies',
  '                                         for the grace (default 0: not at all); a new key signs if it was the signer',
  'Durations: 0, 90s, 15m, 12h, 30d.',
].join('\n');

const ARITY = { list: 1, rotate: 2, retire: 3 };
const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^(\d{1,6})([smhd]?)$/.exec(text.trim());
  if (!match || (match[2] === '' && match[1] !== '0')) {
    throw new KeyCommandError(`"${text}" is not a duration: write 0, 90s, 15m, 12h or 30d.`);
  }
  return Number(match[1]) * (UNITS[match[2]!] ?? 0);
}

function kindOf(text: string | undefined): KeyKind {
  if (text === 'jwt' || text === 'qr') return text;
  throw new KeyCommandError(
    `Say which keys: jwt (access tokens) or qr (ticket codes), not ${text ? `"${text}"` : 'nothing'}.\n\n${KEYS_USAGE}`,
  );
}

export function parseKeyCommand(argv: readonly string[]): KeyCommand {
  const args = [...argv];
  const graceAt = args.indexOf('--grace');
  let graceMs: number | undefined;
  if (graceAt >= 0) {
    const value = args[graceAt + 1];
    if (value === undefined) throw new KeyCommandError(`--grace needs a duration.\n\n${KEYS_USAGE}`);
    graceMs = parseDuration(value);
    args.splice(graceAt, 2);
  }
  const [action, kind, kid] = args;
  const expected = action && Object.hasOwn(ARITY, action) ? ARITY[action as keyof typeof ARITY] : undefined;
  if (expected === undefined) throw new KeyCommandError(KEYS_USAGE);
  if (args.length > expected) throw new KeyCommandError(`Unexpected "${args[expected]}".\n\n${KEYS_USAGE}`);
  if (action === 'list') {
    if (graceMs !== undefined) throw new KeyCommandError(`list takes no --grace.\n\n${KEYS_USAGE}`);
    return { action };
  }
  if (action === 'rotate') return { action, kind: kindOf(kind), graceMs };
  if (!kid) throw new KeyCommandError(`retire needs the key id (see npm run keys -- list).\n\n${KEYS_USAGE}`);
  return { action: 'retire', kind: kindOf(kind), kid, graceMs: graceMs ?? 0 };
}

function stateOf(key: StoredSigningKey, now: number): string {
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  if (key.retiredAt && key.retiredAt.getTime() <= now) return 'retired';
  if (key.activatesAt.getTime() > now) return 'next';
  return 'signing';
}

const when = (date: Date | null) => (date ? date.toISOString().replace('.000Z', 'Z') : '-');

export function formatKeys(kind: KeyKind, keys: readonly StoredSigningKey[], now = Date.now()): string[] {
  return keys.map((key) =>
    [
      kind.padEnd(4),
      key.kid.padEnd(36),
      stateOf(key, now).padEnd(8),
      `signs from ${when(key.activatesAt)}`,
      `until ${when(key.retiredAt)}`,
      `verifies until ${when(key.expiresAt)}`,
    ].join('  '),
  );
}

/** Runs one command; returns the lines to print. */
export async function runKeyCommand(command: KeyCommand, kinds: Record<KeyKind, KeyKindSetup>): Promise<string[]> {
  if (command.action === 'list') {
    const lines: string[] = [];
    for (const kind of ['jwt', 'qr'] as const) lines.push(...formatKeys(kind, await kinds[kind].store.all()));
    return lines;
  }
  const setup = kinds[command.kind];
  if (command.action === 'rotate') {
    const graceMs = command.graceMs ?? setup.rotation.graceMs;
    const before = await setup.store.all();
    // With nothing signing yet there is nothing to switch from: the key signs at once.
    const activationDelayMs = before.some((k) => stateOf(k, Date.now()) === 'signing') ? setup.rotation.activationDelayMs : 0;
    const next = await setup.store.rotate(await setup.make(), { activationDelayMs, graceMs });
    const replaced = before.filter((k) => !k.retiredAt || k.retiredAt > next.activatesAt).map((k) => k.kid);
    return [
      `New ${command.kind} key ${next.kid} signs ${setup.signs} from ${when(next.activatesAt)}; running replicas pick it up before then.`,
      replaced.length
        ? `Replaced ${replaced.join(', ')}: it verifies until ${when(new Date(next.activatesAt.getTime() + graceMs))}.`
        : 'No key was signing.',
    ];
  }
  const retired = await setup.store.retire(command.kid, command.graceMs, setup.make);
  if (!retired) throw new KeyCommandError(`There is no ${command.kind} key ${command.kid}; npm run keys -- list shows them.`);
  const signer = (await setup.store.live()).findLast((k) => stateOf(k, Date.now()) === 'signing');
  return [
    `Retired ${command.kind} key ${retired.kid}: it signs nothing more and verifies until ${when(retired.expiresAt)}.`,
    `Key ${signer?.kid ?? '(none)'} signs ${setup.signs} now; running replicas switch within 20 s.`,
  ];
}
