/**
 * The emails the users service sends about an account. Each carries a bearer secret or answers a
 * question only the mailbox owner should learn, so they go straight to SMTP from here, never
 * through Kafka. Sending is fire and forget: a slow or failing mail server must neither delay an
 * answer (its timing would tell a taken address from a free one) nor fail it.
 */
export interface AccountMail {
  /** A link that confirms `to` belongs to the account. */
  verification(to: string, token: string): void;
  /** Sent instead of an answer to whoever tried to register `to`, which already has an account. */
  alreadyRegistered(to: string): void;
  /** A link that sets a new password and ends every session. */
  passwordReset(to: string, token: string): void;
}

export interface SentAccountMail {
  kind: keyof AccountMail;
  to: string;
  token?: string;
}

/** Keeps what would be sent: for spec tests, and for a service without SMTP configured. */
export function recordingAccountMail(): AccountMail & { sent: SentAccountMail[] } {
  const sent: SentAccountMail[] = [];
  return {
    sent,
    verification: (to, token) => sent.push({ kind: 'verification', to, token }),
    alreadyRegistered: (to) => sent.push({ kind: 'alreadyRegistered', to }),
    passwordReset: (to, token) => sent.push({ kind: 'passwordReset', to, token }),
  };
}
