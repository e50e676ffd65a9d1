/**
 * A real SMTP server standing in for the mail relay, and what a person does with what lands in
 * their inbox: read a mail by its subject, follow the verification link. The users service emails
 * account links and the notifications service emails notifications, both through this one sink.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import type { actorsOn } from './actors.js';

export interface Mail {
  to: string[];
  subject: string;
  /** The message as sent (headers and every part, still transfer-encoded). */
  raw: string;
  /** The parts' text, quoted-printable decoded: what a mail client shows. */
  text: string;
}

/** The subject the users service gives the verification email. */
export const VERIFICATION_SUBJECT = 'Confirm your email for Sbor';

const unfold = (headers: string) => headers.replace(/\r?\n[ \t]+/g, ' ');

/** `=?utf-8?Q?…?=` and `=?utf-8?B?…?=` words, as nodemailer writes a subject that is not plain ASCII. */
const decodeWords = (value: string) =>
  value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** Each part's body decoded by its own Content-Transfer-Encoding (a single-part mail is one part). */
function textOf(raw: string): string {
  return raw
    .split(/\r?\n--[^\r\n]+\r?\n/)
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) return part;
      const headers = unfold(part.slice(0, split));
      const body = part.slice(split).trimStart();
      if (/^content-transfer-encoding:\s*quoted-printable/im.test(headers)) return decodeQuotedPrintable(body);
      if (/^content-transfer-encoding:\s*base64/im.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
      return body;
    })
    .join('\n');
}

function parse(to: string[], raw: string): Mail {
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const headers = unfold(raw.slice(0, headerEnd));
  const subject = decodeWords(/^subject:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? '');
  return { to, subject, raw, text: textOf(raw) };
}

export async function startMailSink() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(
          parse(
            session.envelope.rcptTo.map((r) => r.address),
            Buffer.concat(chunks).toString('utf8'),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  /** The mails to `address` whose subject matches: never "the first mail", which may be another service's. */
  const mailsTo = (address: string, subject: RegExp | string) =>
    mails.filter((m) => m.to.includes(address) && (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    mailsTo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MailSink = Awaited<ReturnType<typeof startMailSink>>;

/**
 * Verifies `address` the way its owner does: waits for the users service's verification email,
 * takes the token from its link (`/verify-email#token=…`) and confirms it with `verifyEmail`
 * through the router. Nothing reaches into the users service's database.
 */
export async function verifyThroughLink(api: ReturnType<typeof actorsOn>, sink: MailSink, address: string): Promise<void> {
  const [mail] = await api.eventually(
    async () => sink.mailsTo(address, VERIFICATION_SUBJECT),
    (found) => found.length > 0,
  );
  expect(mail, `no verification email to ${address}; got ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`).toBeDefined();
  const link = /https?:\/\/\S+\/verify-email#token=([\w-]+)/.exec(mail!.text);
  expect(link, `no verification link in: ${mail!.text}`).not.toBeNull();
  expect(await api.ok<boolean>('mutation ($t: String!) { verifyEmail(token: $t) }', { t: link![1] })).toBe(true);
}
