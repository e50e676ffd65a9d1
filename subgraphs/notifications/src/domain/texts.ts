/**
 * The words of each notification. Times are shown in UTC with the zone named, since the service
 * does not know the reader's time zone; the client can render `createdAt` and the event locally.
 */
export interface NotificationText {
  title: string;
  body: string;
}

export type TextInput =
  | { type: 'TICKET_PURCHASED'; eventTitle: string | null; code: string | null; startsAt: Date | null; venue: string | null }
  | { type: 'TICKET_CHECKED_IN'; eventTitle: string | null; code: string | null; checkedInAt: Date }
  | { type: 'EVENT_CANCELLED'; eventTitle: string; startsAt: Date | null; reason: string | null }
  | { type: 'EVENT_REMINDER'; eventTitle: string; startsAt: Date; venue: string; offset: '24h' | '1h' };

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Fri, 1 May 2026, 18:00 UTC": hand-built so it reads the same whatever ICU data Node ships. */
export function formatWhen(date: Date): string {
  const day = `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function ticketPurchased(input: Extract<TextInput, { type: 'TICKET_PURCHASED' }>): NotificationText {
  const what = input.eventTitle ?? 'your event';
  const parts = [`Your ticket for ${what} is confirmed.`];
  if (input.startsAt) parts.push(`It starts ${formatWhen(input.startsAt)}${input.venue ? ` at ${input.venue}` : ''}.`);
  if (input.code) parts.push(`Ticket code: ${input.code}. Show its QR code at the door.`);
  else parts.push('Show its QR code at the door.');
  return { title: input.eventTitle ? `Your ticket for ${input.eventTitle}` : 'Your ticket is confirmed', body: parts.join(' ') };
}

function ticketCheckedIn(input: Extract<TextInput, { type: 'TICKET_CHECKED_IN' }>): NotificationText {
  const ticket = input.code ? `Ticket ${input.code}` : 'Your ticket';
  const where = input.eventTitle ? ` for ${input.eventTitle}` : '';
  return {
    title: input.eventTitle ? `Checked in to ${input.eventTitle}` : 'Checked in',
    body: `${ticket}${where} was checked in at ${formatWhen(input.checkedInAt)}. Enjoy the event!`,
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

export function notificationText(input: TextInput): NotificationText {
  switch (input.type) {
    case 'TICKET_PURCHASED':
      return ticketPurchased(input);
    case 'TICKET_CHECKED_IN':
      return ticketCheckedIn(input);
    case 'EVENT_CANCELLED':
      return eventCancelled(input);
    case 'EVENT_REMINDER':
      return eventReminder(input);
  }
}
