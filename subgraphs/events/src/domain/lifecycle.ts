/**
 * The event state machine: DRAFT → PUBLISHED → CANCELLED, and PUBLISHED reads as COMPLETED once
 * `endsAt` passes (by the clock, never by a mutation). What may be edited depends on the state.
 */
import { AppError, ErrorCode } from '@sbor/core';
import type { EventStatus } from './model.js';

/** The moves a mutation may make. PUBLISHED → COMPLETED happens by time alone, so it is not here. */
const MOVES: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  DRAFT: ['PUBLISHED'],
  PUBLISHED: ['CANCELLED'],
  CANCELLED: [],
  COMPLETED: [],
};

/** Fields of a published event that may still change (its schedule too, through setSchedule). */
export const EDITABLE_WHEN_PUBLISHED: readonly string[] = ['description', 'venue'];

const completed = (action: string) =>
  new AppError(ErrorCode.EVENT_COMPLETED, `This event is COMPLETED: it has ended, so it can no longer ${action}.`, {
    status: 'COMPLETED',
  });

/** Checks a move and returns the new state, or throws INVALID_TRANSITION naming both states. */
export function transition(from: EventStatus, to: EventStatus): EventStatus {
  if (MOVES[from].includes(to)) return to;
  if (from === 'COMPLETED') throw completed(`become ${to}`);
  throw new AppError(ErrorCode.INVALID_TRANSITION, `An event cannot go from ${from} to ${to}.${allowedHint(from)}`, { from, to });
}

function allowedHint(from: EventStatus): string {
  const allowed = MOVES[from];
  return allowed.length > 0 ? ` From ${from} it can only become ${allowed.join(' or ')}.` : ` A ${from} event cannot change any more.`;
}

/** Checks that `fields` may change in `status`; `schedule` is the programme (setSchedule). */
export function assertEditable(status: EventStatus, fields: readonly string[]): void {
  if (status === 'DRAFT') return;
  if (status === 'COMPLETED') throw completed('be edited');
  if (status === 'CANCELLED') {
    throw new AppError(ErrorCode.INVALID_TRANSITION, 'This event is CANCELLED, so it can no longer be edited.', {
      from: 'CANCELLED',
      to: 'CANCELLED',
    });
  }
  const locked = fields.find((field) => field !== 'schedule' && !EDITABLE_WHEN_PUBLISHED.includes(field));
  if (locked) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `A PUBLISHED event's ${locked} can no longer change; only its description, venue and schedule can.`,
      { field: locked, status: 'PUBLISHED' },
    );
  }
}
