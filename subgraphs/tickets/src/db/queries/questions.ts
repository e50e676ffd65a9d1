import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '@sbor/db';
import { questions, type QuestionRow } from '../questions.js';

export type NewQuestion = Omit<typeof questions.$inferInsert, 'createdAt'>;

/** The event's questions become these, in one transaction: readers see the old set or the new one. */
export async function replaceQuestions(db: Db, eventId: string, replacement: readonly NewQuestion[]): Promise<QuestionRow[]> {
  return db.transaction(async (tx) => {
    await tx.delete(questions).where(eq(questions.eventId, eventId));
    if (replacement.length === 0) return [];
    return tx
      .insert(questions)
      .values([...replacement])
      .returning();
  });
}

/** The questions of these events, each event's in its order. */
export function questionsOfEvents(db: Executor, eventIds: readonly string[]): Promise<QuestionRow[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(questions)
    .where(inArray(questions.eventId, [...eventIds]))
    .orderBy(asc(questions.eventId), asc(questions.position));
}
