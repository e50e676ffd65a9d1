/**
 * The facts notifications checks with their owner before applying them: a forged event.cancelled
 * would tell every holder their event is off, a forged user.registered would send someone's
 * notifications to an attacker's address, a forged user.email_verified would have email go to an
 * address nobody proved (someone else's, registered by an attacker). A contradicted fact is parked
 * (`ForgedFactError`).
 */
import { ForgedFactError, Topics, type Fact, type Topic } from '@sbor/messaging';
import type { Owners } from '../clients/owners.js';

export const CHECKED_TOPICS: readonly Topic[] = [Topics.eventCancelled, Topics.userRegistered, Topics.userEmailVerified];

export function factChecker(owners: Owners) {
  return async (fact: Fact): Promise<void> => {
    if (fact.event === Topics.eventCancelled) {
      const { event_id: eventId, organizer_id: organizerId } = (fact as Fact<'event.cancelled'>).data;
      const event = await owners.event(eventId);
      if (!event) throw new ForgedFactError(fact.event, 'the events service does not know the event');
      if (event.status !== 'CANCELLED') throw new ForgedFactError(fact.event, `the event is ${event.status}`);
      if (event.organizerId !== organizerId) throw new ForgedFactError(fact.event, 'the event has another organizer');
    }
    if (fact.event === Topics.userRegistered) {
      const { user_id: userId, email } = (fact as Fact<'user.registered'>).data;
      if ((await owners.userIdByEmail(email)) !== userId) throw new ForgedFactError(fact.event, 'the address is not this user’s');
    }
    if (fact.event === Topics.userEmailVerified) {
      const { user_id: userId } = (fact as Fact<'user.email_verified'>).data;
      if ((await owners.emailVerified(userId)) !== true)
        throw new ForgedFactError(fact.event, 'the users service has not verified this user’s address');
    }
  };
}
