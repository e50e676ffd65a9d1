import nodemailer from 'nodemailer';
import type { EmailTicket } from '../clients/tickets.js';
import type { Notification } from '../domain/notification.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

export interface SmtpSettings {
  url: string;
  from: string;
  /** Per-step SMTP timeout, so a hung server cannot hold a delivery forever. */
  timeoutMs?: number;
  /** Pooled connections (the worker's concurrency); default 1. */
  maxConnections?: number;
}

/** smtp://user:pass@host:port or smtps://…; parsed here because nodemailer ignores other options next to `url`. */
function smtpOptions(url: string, timeoutMs: number) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

export function createMailer(settings: SmtpSettings): Mailer {
  // Pooled: a backlog of emails reuses open SMTP sessions instead of a connect and handshake per email.
  const transport = nodemailer.createTransport({
    ...smtpOptions(settings.url, settings.timeoutMs ?? 10_000),
    pool: true,
    maxConnections: settings.maxConnections ?? 1,
  });
  return {
    send: async (message) => {
      await transport.sendMail({ from: settings.from, ...message });
    },
    close: () => transport.close(),
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const FOOTER = 'You get this email because email notifications are on in your Sbor notification preferences.';

/** "K7Q2-XR4M-P9TD · Deck · Hana": the code to show at the door, and for what and whom. */
const ticketLine = (t: EmailTicket) =>
  [t.code, t.ticketTypeName, t.attendeeName, t.status === 'ACTIVE' ? null : t.status.toLowerCase()].filter(Boolean).join(' · ');

/**
 * Which types show the tickets they are about: ORDER_PAID lists the order's tickets with their
 * codes, fetched from the tickets service at send time (facts never carry codes).
 */
export const EMAIL_LISTS_TICKETS: ReadonlySet<Notification['type']> = new Set(['ORDER_PAID']);

/**
 * Subject is the title; the body in plain text and the same words in a minimal HTML layout, then
 * the tickets, when the email is about some, with the codes that admit their holder.
 */
export function renderEmail(
  notification: Pick<Notification, 'title' | 'body'>,
  to: string,
  tickets: readonly EmailTicket[] = [],
): EmailMessage {
  const { title, body } = notification;
  const lines = tickets.map(ticketLine);
  const listed = lines.length > 0 ? `\n\nYour tickets:\n${lines.map((l) => `- ${l}`).join('\n')}` : '';
  return {
    to,
    subject: title,
    text: `${title}\n\n${body}${listed}\n\n--\n${FOOTER}\n`,
    html: [
      '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
      `<h1 style="font-size:20px">${escapeHtml(title)}</h1>`,
      `<p>${escapeHtml(body)}</p>`,
      lines.length > 0 ? `<p>Your tickets:</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
      `<hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`,
      '</body></html>',
    ].join(''),
  };
}
