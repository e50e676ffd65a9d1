import { randomUUID } from 'node:crypto';
import type { Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { ownOpenEvent } from './organizer.js';
import type { QuestionRow, TicketsRepositories } from './repositories.js';
import type { QuestionsInput } from './validation.js';

/** What an event asks each attendee: set by its organizer, read by anyone, answered when ordering. */
export class Questions {
  constructor(
    private readonly repositories: Pick<TicketsRepositories, 'questions'>,
    private readonly events: EventsClient,
  ) {}

  /** `setQuestions`: replaces the event's questions with these, in this order (an empty list removes them). */
  async set(organizer: Viewer, eventId: string, questions: QuestionsInput): Promise<QuestionRow[]> {
    const event = await ownOpenEvent(this.events, organizer, eventId);
    return this.repositories.questions.replace(
      event.id,
      questions.map((q, position) => ({
        id: randomUUID(),
        eventId: event.id,
        organizerId: event.organizerId,
        position,
        label: q.label,
        kind: q.kind,
        required: q.required,
        options: q.kind === 'CHOICE' ? (q.options ?? []) : [],
      })),
    );
  }
}
