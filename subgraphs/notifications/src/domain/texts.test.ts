import { describe, expect, it } from 'vitest';
import { formatWhen, notificationText } from './texts.js';

const startsAt = new Date('2026-05-01T18:00:00Z');

describe('notificationText', () => {
  it('TICKET_PURCHASED names the event, when and where it is, and the ticket code', () => {
    const text = notificationText({ type: 'TICKET_PURCHASED', eventTitle: 'Jazz Night', code: 'K7Q2-XR4M', startsAt, venue: 'Blue Hall' });
    expect(text.title).toBe('Your ticket for Jazz Night');
    expect(text.body).toBe(
      'Your ticket for Jazz Night is confirmed. It starts Fri, 1 May 2026, 18:00 UTC at Blue Hall. Ticket code: K7Q2-XR4M. Show its QR code at the door.',
    );
  });

  it('TICKET_PURCHASED still reads well when the event is not known yet', () => {
    const text = notificationText({ type: 'TICKET_PURCHASED', eventTitle: null, code: null, startsAt: null, venue: null });
    expect(text).toEqual({
      title: 'Your ticket is confirmed',
      body: 'Your ticket for your event is confirmed. Show its QR code at the door.',
    });
  });

  it('TICKET_CHECKED_IN says which ticket and when', () => {
    const text = notificationText({
      type: 'TICKET_CHECKED_IN',
      eventTitle: 'Jazz Night',
      code: 'K7Q2',
      checkedInAt: new Date('2026-05-01T17:52:00Z'),
    });
    expect(text.title).toBe('Checked in to Jazz Night');
    expect(text.body).toBe('Ticket K7Q2 for Jazz Night was checked in at Fri, 1 May 2026, 17:52 UTC. Enjoy the event!');
  });

  it('EVENT_CANCELLED gives the reason when there is one', () => {
    const text = notificationText({ type: 'EVENT_CANCELLED', eventTitle: 'Jazz Night', startsAt, reason: 'The band is ill' });
    expect(text.title).toBe('Jazz Night is cancelled');
    expect(text.body).toBe(
      'Jazz Night, planned for Fri, 1 May 2026, 18:00 UTC, has been cancelled by the organizer. Reason: The band is ill. Your tickets for it are cancelled.',
    );
    expect(notificationText({ type: 'EVENT_CANCELLED', eventTitle: 'Jazz Night', startsAt: null, reason: null }).body).toBe(
      'Jazz Night has been cancelled by the organizer. Your tickets for it are cancelled.',
    );
  });

  it('EVENT_REMINDER says how soon and where', () => {
    expect(notificationText({ type: 'EVENT_REMINDER', eventTitle: 'Jazz Night', startsAt, venue: 'Blue Hall', offset: '1h' })).toEqual({
      title: 'Jazz Night starts in 1 hour at Blue Hall',
      body: "Jazz Night starts Fri, 1 May 2026, 18:00 UTC at Blue Hall. Have your ticket's QR code ready at the door.",
    });
    expect(notificationText({ type: 'EVENT_REMINDER', eventTitle: 'Jazz Night', startsAt, venue: '', offset: '24h' }).title).toBe(
      'Jazz Night starts tomorrow',
    );
  });
});

describe('formatWhen', () => {
  it('writes UTC with the zone named, padding the minutes', () => {
    expect(formatWhen(new Date('2026-01-04T09:05:00Z'))).toBe('Sun, 4 January 2026, 09:05 UTC');
  });
});
