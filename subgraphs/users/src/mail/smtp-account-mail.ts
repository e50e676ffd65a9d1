import nodemailer from 'nodemailer';
import type { Logger } from '@sbor/core';
import type { AccountMail } from '../domain/account-mail.js';

export interface AccountMailSettings {
  /** smtp://user:pass@host:port or smtps://…; undefined: nothing is sent, and a warning says so. */
  smtpUrl: string | undefined;
  from: string;
  /** Where browsers reach Sbor; links point there. */
  publicUrl: string;
}

interface Message {
  subject: string;
  text: string;
}

// Tokens go in the fragment, which browsers never send to a server, so no access log records them.
const link = (publicUrl: string, path: string, token: string) => `${new URL(path, publicUrl).href}#token=${encodeURIComponent(token)}`;

/** Account emails over SMTP, as plain text: a link is the whole content. */
export function smtpAccountMail(settings: AccountMailSettings, logger: Logger): AccountMail {
  const transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : undefined;
  const send = (to: string, kind: string, message: Message) => {
    if (!transport) {
      // Never the message itself: it holds a bearer link.
      logger.warn({ kind }, 'SMTP_URL is not set; account email not sent');
      return;
    }
    transport
      .sendMail({ from: settings.from, to, ...message })
      .catch((err: unknown) => logger.error({ err, kind }, 'account email failed'));
  };
  return {
    verification: (to, token) =>
      send(to, 'verification', {
        subject: 'Confirm your email for Sbor',
        text: `Confirm that this address is yours by opening this link within 48 hours:\n\n${link(settings.publicUrl, '/verify-email', token)}\n\nIf you did not create a Sbor account, ignore this email.\n`,
      }),
    alreadyRegistered: (to) =>
      send(to, 'alreadyRegistered', {
        subject: 'Someone tried to register with your email',
        text: `Someone tried to create a Sbor account with this address, which already has one. If it was you, sign in, or reset your password:\n\n${new URL('/reset-password', settings.publicUrl).href}\n\nIf it was not, you can ignore this email: nothing changed in your account.\n`,
      }),
    passwordReset: (to, token) =>
      send(to, 'passwordReset', {
        subject: 'Reset your Sbor password',
        text: `Set a new password by opening this link within an hour; it signs you out everywhere:\n\n${link(settings.publicUrl, '/reset-password', token)}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n`,
      }),
  };
}
