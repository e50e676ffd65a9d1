import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { StatusBadge, type BadgeTone } from './status-badge';
import { TicketQr } from './ticket-qr';
import './ui.css';

export type TicketStatusName = 'ACTIVE' | 'USED' | 'CANCELLED';

export const TICKET_STATUS: Record<TicketStatusName, { label: MessageKey; tone: BadgeTone }> = {
  ACTIVE: { label: 'tickets.status.ACTIVE', tone: 'good' },
  USED: { label: 'tickets.status.USED', tone: 'neutral' },
  CANCELLED: { label: 'tickets.status.CANCELLED', tone: 'bad' },
};

interface TicketCardProps {
  ticket: { id: string; code: string; status: TicketStatusName; qrCodeSvg: string };
  /** What the ticket is for, e.g. its type's name; the card's heading. */
  title: string;
  headingLevel?: 2 | 3 | 4;
  children?: ReactNode;
}

/** One ticket as it is shown at the door: its status, a QR code large enough to scan, and its short code. */
export function TicketCard({ ticket, title, headingLevel = 3, children }: TicketCardProps) {
  const { t } = useI18n();
  const status = TICKET_STATUS[ticket.status];
  const Heading = `h${headingLevel}` as const;
  return (
    <article
      className={`card ticket-card status-${ticket.status.toLowerCase()}`}
      aria-label={t('tickets.card.label', { name: title, code: ticket.code })}
    >
      <div className="ticket-card-head">
        <Heading>{title}</Heading>
        <StatusBadge tone={status.tone}>{t(status.label)}</StatusBadge>
      </div>
      {children}
      <TicketQr svg={ticket.qrCodeSvg} code={ticket.code} alt={t('tickets.qrAlt', { name: title })} void={ticket.status !== 'ACTIVE'} />
      {ticket.status === 'CANCELLED' && <p className="ticket-void">{t('tickets.cancelledHint')}</p>}
      {ticket.status === 'USED' && <p className="ticket-void">{t('tickets.usedHint')}</p>}
    </article>
  );
}
