import nodemailer from 'nodemailer';
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

/** Subject is the title; the body in plain text and the same words in a minimal HTML layout. */
export function renderEmail(notification: Pick<Notification, 'title' | 'body'>, to: string): EmailMessage {
  const { title, body } = notification;
  return {
    to,
    subject: title,
    text: `${title}\n\n${body}\n\n--\n${FOOTER}\n`,
    html: [
      '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
      `<h1 style="font-size:20px">${escapeHtml(title)}</h1>`,
      `<p>${escapeHtml(body)}</p>`,
      `<hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`,
      '</body></html>',
    ].join(''),
  };
}
