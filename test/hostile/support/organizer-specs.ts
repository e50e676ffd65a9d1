import fc from 'fast-check';
import { nastyDate, nastyId, nastyNumber, nastyString, wrongType, type FieldFn } from './hostile.js';
import { as, future, junkToken, title, type MutationSpec, type World } from './specs.js';

/**
 * The organizer tools' operations for properties.test.ts: vouchers, questions, the waiting list and
 * door staff; and, at the end, the account-email mutations of issue 16.
 */

const question = (f: FieldFn) =>
  fc.record(
    {
      label: f(title, nastyString),
      kind: f(fc.constantFrom('TEXT', 'CHOICE', 'CHECKBOX'), nastyString),
      required: f(fc.boolean(), wrongType),
      options: f(fc.constant(undefined), fc.oneof(fc.array(nastyString, { maxLength: 4 }), fc.constant(['same', 'same']))),
    },
    { requiredKeys: ['label', 'kind', 'required'] },
  );

export const ORGANIZER_SPECS: MutationSpec[] = [
  {
    name: 'createVoucher',
    service: 'tickets',
    query: 'mutation ($e: ID!, $i: VoucherInput!) { createVoucher(eventId: $e, input: $i) { id code used } }',
    variables: (w, f) =>
      fc.record({
        e: f(fc.constant(w.eventId), nastyId),
        i: f(
          fc.record(
            {
              code: f(fc.stringMatching(/^[A-Z0-9]{3,12}$/), nastyString),
              kind: f(fc.constantFrom('PERCENT', 'AMOUNT', 'FREE'), nastyString),
              value: f(fc.integer({ min: 0, max: 100 }), nastyNumber),
              ticketTypeIds: f(
                fc.subarray([w.ticketTypeId, w.pricedTypeId]),
                fc.oneof(fc.array(nastyId, { maxLength: 3 }), fc.constant([w.pricedTypeId, w.pricedTypeId])),
              ),
              maxUses: f(fc.integer({ min: 1, max: 50 }), nastyNumber),
              validFrom: f(fc.constant(undefined), nastyDate),
              validUntil: f(future(10), nastyDate),
            },
            { requiredKeys: ['code', 'kind', 'value'] },
          ),
          wrongType,
        ),
      }),
    token: as('organizer'),
  },
  {
    name: 'setQuestions',
    service: 'tickets',
    // The draft: a required question on the event on sale would turn every order of the other specs away.
    query: 'mutation ($e: ID!, $q: [QuestionInput!]!) { setQuestions(eventId: $e, questions: $q) { id questions { id } } }',
    variables: (w: World, f) =>
      fc.record({
        e: f(fc.constant(w.draftId), nastyId),
        q: f(
          fc.array(question(f), { maxLength: 4 }),
          fc.oneof(
            fc.constant(Array.from({ length: 101 }, () => ({ label: 'q', kind: 'TEXT', required: false }))),
            fc.constant([{ label: 'Size', kind: 'CHOICE', required: true, options: [] }]),
            fc.array(wrongType, { maxLength: 3 }),
          ),
        ),
      }),
    token: as('organizer'),
  },
  {
    name: 'joinWaitingList',
    service: 'tickets',
    query: 'mutation ($t: ID!, $q: Int!) { joinWaitingList(ticketTypeId: $t, quantity: $q) { id status position } }',
    variables: (w, f) =>
      fc.record({
        t: f(fc.constantFrom(w.soldOutTypeId, w.ticketTypeId, w.pricedTypeId), nastyId),
        q: f(fc.integer({ min: 1, max: 3 }), nastyNumber),
      }),
    token: as('user'),
  },
  {
    name: 'leaveWaitingList',
    service: 'tickets',
    query: 'mutation ($id: ID!) { leaveWaitingList(id: $id) { id status } }',
    variables: (w, f) => fc.record({ id: f(fc.constant(w.waitingEntryId), nastyId) }),
    token: as('user'),
  },
  {
    name: 'addDoorStaff',
    service: 'tickets',
    query: 'mutation ($e: ID!, $m: String!) { addDoorStaff(eventId: $e, email: $m) { email addedAt } }',
    variables: (w, f) =>
      fc.record({
        e: f(fc.constant(w.eventId), nastyId),
        m: f(fc.constantFrom(w.email, w.email.toUpperCase(), 'nobody@example.com'), nastyString),
      }),
    token: as('organizer'),
  },
  {
    name: 'removeDoorStaff',
    service: 'tickets',
    query: 'mutation ($e: ID!, $u: ID!) { removeDoorStaff(eventId: $e, userId: $u) }',
    variables: (w, f) => fc.record({ e: f(fc.constant(w.eventId), nastyId), u: f(fc.constant(w.user.id), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'undoCheckIn',
    service: 'tickets',
    query: 'mutation ($id: ID!) { undoCheckIn(ticketId: $id) { id status } }',
    variables: (w, f) => fc.record({ id: f(fc.constant(w.ticketId), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'verifyEmail',
    service: 'users',
    query: 'mutation ($t: String!) { verifyEmail(token: $t) }',
    variables: (_w, f) =>
      fc.record({
        t: f(
          fc.base64String({ minLength: 40, maxLength: 48 }).map((t) => `sbr_et_${t}`),
          nastyString,
        ),
      }),
    token: as('none'),
  },
  {
    name: 'requestEmailVerification',
    service: 'users',
    query: 'mutation ($x: String) { requestEmailVerification }',
    variables: (_w, f) => fc.record({ x: f(fc.string(), nastyString) }),
    token: junkToken,
  },
  {
    name: 'requestPasswordReset',
    service: 'users',
    query: 'mutation ($e: String!) { requestPasswordReset(email: $e) }',
    variables: (w, f) => fc.record({ e: f(fc.constant(w.email), nastyString) }),
    token: as('none'),
  },
  {
    name: 'resetPassword',
    service: 'users',
    query: 'mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }',
    variables: (_w, f) =>
      fc.record({
        t: f(
          fc.base64String({ minLength: 40, maxLength: 48 }).map((t) => `sbr_et_${t}`),
          nastyString,
        ),
        p: f(fc.constant('a brand new password'), nastyString),
      }),
    token: as('none'),
  },
];

/** The organizer's new reads with arguments. */
export const ORGANIZER_QUERY_SPECS: MutationSpec[] = [
  {
    name: 'query Event.waitingList',
    service: 'tickets',
    query: 'query ($id: ID!, $t: ID) { event(id: $id) { waitingList(ticketTypeId: $t) { id position } } }',
    variables: (w, f) =>
      fc.record(
        { id: f(fc.constant(w.eventId), nastyId), t: f(fc.constantFrom(w.soldOutTypeId, null), nastyId) },
        { requiredKeys: ['id'] },
      ),
    token: as('organizer'),
  },
  {
    name: 'query Event.checkIns',
    service: 'tickets',
    query:
      'query ($id: ID!, $n: Int, $a: String) { event(id: $id) { checkIns(first: $n, after: $a) { edges { cursor node { result } } } } }',
    variables: (w, f) =>
      fc.record(
        {
          id: f(fc.constant(w.eventId), nastyId),
          n: f(fc.integer({ min: 1, max: 100 }), nastyNumber),
          a: f(
            fc.constant(null),
            fc.oneof(
              nastyString,
              fc.base64String().map((s) => s.replace(/=/g, '')),
            ),
          ),
        },
        { requiredKeys: ['id'] },
      ),
    token: as('organizer'),
  },
];
