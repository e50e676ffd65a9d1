/** Time rules of events and schedules. Pure: `now` is passed in, so tests pin the clock. */
import { badInput } from '@sbor/core';
import { LIMITS } from './validation.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

/**
 * An event's own span: it ends after it starts and lasts at most a year. With `startMustBeFuture`
 * (a new start is being set) it must also start after `now`: an event in the past can never be
 * published, so accepting one would only defer the error.
 */
export function checkEventSpan(span: Span, now: Date, startMustBeFuture: boolean): void {
  if (startMustBeFuture && span.startsAt.getTime() <= now.getTime()) {
    throw badInput('startsAt must be in the future.', 'startsAt');
  }
  if (span.endsAt.getTime() <= span.startsAt.getTime()) {
    throw badInput('endsAt must be after startsAt.', 'endsAt');
  }
  if (span.endsAt.getTime() - span.startsAt.getTime() > LIMITS.maxDurationDays * DAY_MS) {
    throw badInput(`An event lasts at most ${LIMITS.maxDurationDays} days; check the year of endsAt.`, 'endsAt');
  }
}

/** Publishing needs a start still ahead and an end after the start. */
export function checkPublishable(span: Span, now: Date): void {
  if (span.startsAt.getTime() <= now.getTime()) {
    throw badInput('This event starts in the past; move startsAt into the future before publishing.', 'startsAt');
  }
  if (span.endsAt.getTime() <= span.startsAt.getTime()) {
    throw badInput('endsAt must be after startsAt before publishing.', 'endsAt');
  }
}

/** Every item ends no earlier than it starts and lies within the event's span. `field` prefixes the path. */
export function checkScheduleFits(items: readonly Span[], event: Span, field = 'items'): void {
  items.forEach((item, i) => {
    if (item.endsAt.getTime() < item.startsAt.getTime()) {
      throw badInput(`Schedule item ${i + 1} ends before it starts.`, `${field}.${i}.endsAt`);
    }
    if (item.startsAt.getTime() < event.startsAt.getTime()) {
      throw badInput(`Schedule item ${i + 1} starts before the event does.`, `${field}.${i}.startsAt`);
    }
    if (item.endsAt.getTime() > event.endsAt.getTime()) {
      throw badInput(`Schedule item ${i + 1} ends after the event does.`, `${field}.${i}.endsAt`);
    }
  });
}
