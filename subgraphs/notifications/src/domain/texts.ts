/**
 * The words of each notification. Times are shown in UTC with the zone named, since the service
 * does not know the reader's time zone; the client can render `createdAt` and the event locally.
 */
export interface NotificationText {
  title: string;
  body: string;
}

/** An amount in minor units (cents, or none for JPY) and its ISO 4217 currency. */
export interface Money {
  minorUnits: number;
  currency: string;
}

export type TextInput =
  | { type: 'TICKET_CHECKED_IN'; eventTitle: string | null; checkedInAt: Date }
  | { type: 'EVENT_CANCELLED'; eventTitle: string; startsAt: Date | null; reason: string | null }
  | { type: 'EVENT_REMINDER'; eventTitle: string; startsAt: Date; venue: string; offset: '24h' | '1h' }
  | {
      type: 'ORDER_PAID';
      eventTitle: string | null;
      orderNumber: string;
      ticketCount: number;
      total: Money;
      startsAt: Date | null;
      venue: string | null;
    }
  | { type: 'ORDER_EXPIRED'; eventTitle: string | null; orderNumber: string }
  | {
      type: 'REFUND_ISSUED';
      eventTitle: string | null;
      orderNumber: string;
      amount: Money;
      /** Tickets the refund cancelled; 0 when it returns a payment that came after the hold ended. */
      ticketCount: number;
      reason: string | null;
      /** True for a payment that arrived after its reservation had expired or was cancelled. */
      latePayment: boolean;
      /** True for a payment the order did not need (a second one, or one made through a withdrawn payment), returned whole. */
      duplicatePayment?: boolean;
      /** Some tickets of the order stay valid. */
      partial: boolean;
    }
  | {
      type: 'WAITING_LIST_OFFER';
      eventTitle: string | null;
      /** Null for facts written before the tickets service named the type. */
      ticketTypeName: string | null;
      quantity: number;
      /** The held order: paying it claims the tickets. */
      orderNumber: string;
      total: Money;
      offerExpiresAt: Date;
    };

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Fri, 1 May 2026, 18:00 UTC": hand-built so it reads the same whatever ICU data Node ships. */
export function formatWhen(date: Date): string {
  const day = `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const tickets = (count: number) => (count === 1 ? '1 ticket' : `${count} tickets`);
const forEvent = (eventTitle: string | null) => (eventTitle ? ` for ${eventTitle}` : '');

/** "€40.00", "¥1,500", "KWD 12.345": the minor units each currency has, as Intl knows them. */
export function formatMoney({ minorUnits, currency }: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

function ticketCheckedIn(input: Extract<TextInput, { type: 'TICKET_CHECKED_IN' }>): NotificationText {
  // Never the ticket's code: notifications are stored and pushed, and a code admits whoever holds it.
  const where = input.eventTitle ? ` for ${input.eventTitle}` : '';
  return {
    title: input.eventTitle ? `Checked in to ${input.eventTitle}` : 'Checked in',
    body: `Your ticket${where} was checked in at ${formatWhen(input.checkedInAt)}. Enjoy the event!`,
  };
}

function eventCancelled(input: Extract<TextInput, { type: 'EVENT_CANCELLED' }>): NotificationText {
  const parts = [
    `${input.eventTitle}${input.startsAt ? `, planned for ${formatWhen(input.startsAt)},` : ''} has been cancelled by the organizer.`,
  ];
  if (input.reason?.trim()) parts.push(`Reason: ${sentence(input.reason.trim())}`);
  parts.push('Your tickets for it are cancelled.');
  return { title: `${input.eventTitle} is cancelled`, body: parts.join(' ') };
}

function eventReminder(input: Extract<TextInput, { type: 'EVENT_REMINDER' }>): NotificationText {
  const soon = input.offset === '1h' ? 'in 1 hour' : 'tomorrow';
  const venue = input.venue.trim();
  return {
    title: `${input.eventTitle} starts ${soon}${venue ? ` at ${venue}` : ''}`,
    body: `${input.eventTitle} starts ${formatWhen(input.startsAt)}${venue ? ` at ${venue}` : ''}. Have your ticket's QR code ready at the door.`,
  };
}

function orderPaid(input: Extract<TextInput, { type: 'ORDER_PAID' }>): NotificationText {
  const one = input.ticketCount === 1;
  const title = `Your ${one ? 'ticket' : 'tickets'}${forEvent(input.eventTitle)} ${one ? 'is' : 'are'} ready`;
  const paid = input.total.minorUnits > 0 ? `, ${formatMoney(input.total)} paid` : '';
  const parts = [
    `Order ${input.orderNumber} is confirmed: ${tickets(input.ticketCount)}${forEvent(input.eventTitle ?? 'your event')}${paid}.`,
  ];
  if (input.startsAt) parts.push(`It starts ${formatWhen(input.startsAt)}${input.venue ? ` at ${input.venue}` : ''}.`);
  parts.push(one ? 'Show its QR code at the door.' : 'Show their QR codes at the door.');
  return { title, body: parts.join(' ') };
}

function orderExpired(input: Extract<TextInput, { type: 'ORDER_EXPIRED' }>): NotificationText {
  return {
    title: `Your reservation${forEvent(input.eventTitle)} ended`,
    body: `Order ${input.orderNumber}${forEvent(input.eventTitle)} was not paid in time, so its tickets went back on sale. Reserve again if you still want to go.`,
  };
}

function refundIssued(input: Extract<TextInput, { type: 'REFUND_ISSUED' }>): NotificationText {
  const amount = formatMoney(input.amount);
  const reason = input.reason?.trim() ? ` Reason: ${sentence(input.reason.trim())}` : '';
  if (input.latePayment) {
    return {
      title: `Your payment of ${amount} was returned`,
      body: `Your payment for order ${input.orderNumber}${forEvent(input.eventTitle)} arrived after the reservation had ended, so no tickets were issued and ${amount} was returned to you.`,
    };
  }
  if (input.duplicatePayment) {
    return {
      title: `Your extra payment of ${amount} was returned`,
      body: `Order ${input.orderNumber}${forEvent(input.eventTitle)} did not need this payment of ${amount}, so it was returned to you.`,
    };
  }
  const cancelled = `${tickets(input.ticketCount)} ${input.ticketCount === 1 ? 'was' : 'were'} cancelled.`;
  const rest = input.partial ? ' Your other tickets in this order stay valid.' : '';
  if (input.amount.minorUnits === 0) {
    return {
      title: `${input.ticketCount === 1 ? 'Your ticket' : 'Tickets'}${forEvent(input.eventTitle)} cancelled`,
      body: `Order ${input.orderNumber}: ${cancelled}${rest} Nothing was charged, so there is nothing to return.${reason}`,
    };
  }
  return {
    title: `Refund of ${amount}${forEvent(input.eventTitle)}`,
    body: `${amount} for order ${input.orderNumber} is on its way back to you. ${cancelled}${rest}${reason}`,
  };
}

function waitingListOffer(input: Extract<TextInput, { type: 'WAITING_LIST_OFFER' }>): NotificationText {
  const one = input.quantity === 1;
  const held = `${one ? 'a ticket' : `${input.quantity} tickets`}${forEvent(input.eventTitle)} ${one ? 'is' : 'are'} held for you`;
  const kind = input.ticketTypeName?.trim() ? ` (${input.ticketTypeName.trim()})` : '';
  const them = one ? 'it' : 'them';
  const claim =
    input.total.minorUnits > 0
      ? `Pay order ${input.orderNumber} (${formatMoney(input.total)}) by then to claim ${them}`
      : `Complete order ${input.orderNumber} (free of charge) by then to claim ${them}`;
  return {
    title: `Your turn: ${held}`,
    body:
      `From the waiting list: ${tickets(input.quantity)}${kind}${forEvent(input.eventTitle)} ${one ? 'is' : 'are'} held for you ` +
      `until ${formatWhen(input.offerExpiresAt)}. ${claim}; after that ${one ? 'it goes' : 'they go'} to the next person in line.`,
  };
}

export function notificationText(input: TextInput): NotificationText {
  switch (input.type) {
    case 'TICKET_CHECKED_IN':
      return ticketCheckedIn(input);
    case 'EVENT_CANCELLED':
      return eventCancelled(input);
    case 'EVENT_REMINDER':
      return eventReminder(input);
    case 'ORDER_PAID':
      return orderPaid(input);
    case 'ORDER_EXPIRED':
      return orderExpired(input);
    case 'REFUND_ISSUED':
      return refundIssued(input);
    case 'WAITING_LIST_OFFER':
      return waitingListOffer(input);
  }
}
