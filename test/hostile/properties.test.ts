import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Mode, type TestPlatform } from '@sbor/platform';
import { inHours, PASSWORD } from '../e2e/support/actors.js';
import {
  assertWellFormed,
  field,
  fingerprinter,
  oneHostile,
  nastyDate,
  nastyId,
  nastyNumber,
  nastyString,
  SEED,
  validOnly,
  wrongType,
  type FieldFn,
} from './support/hostile.js';
import { as, buildWorld, future, junkToken, title, type MutationSpec, type World } from './support/specs.js';
import { ORGANIZER_QUERY_SPECS, ORGANIZER_SPECS } from './support/organizer-specs.js';
import { TICKET_QUERY_SPECS, TICKET_SPECS } from './support/ticket-specs.js';

/**
 * Property: whatever a client puts in a mutation's variables, the answer is a success (when the
 * input happens to be valid) or GraphQL errors with a code, never a 5xx, INTERNAL_SERVER_ERROR or a
 * stack trace; and in full mode a refused request leaves the owning service's tables unchanged.
 */

/**
 * The door's mutations write every refused scan to the event's scan log (`tickets.door_scans`) by
 * design: a person turned away is logged. For them, and only them, the log is left out of the comparison.
 */
const LOGS_REFUSALS = new Set(['validateTicket', 'checkInTicket', 'undoCheckIn']);
const SCAN_LOG = 'tickets.door_scans';

const scheduleItem = (f: FieldFn) =>
  fc.record({
    title: f(title, nastyString),
    startsAt: f(fc.constant(inHours(49)), nastyDate),
    endsAt: f(fc.constant(inHours(50)), nastyDate),
    speaker: f(fc.string({ maxLength: 20 }), nastyString),
    location: f(fc.string({ maxLength: 20 }), nastyString),
  });

const SPECS: MutationSpec[] = [
  {
    name: 'register',
    service: 'users',
    query: 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
    variables: (_w, f) =>
      fc.record({
        i: f(
          fc.record({
            email: f(
              fc.uuid().map((u) => `${u}@example.com`),
              nastyString,
            ),
            password: f(fc.constant(PASSWORD), nastyString),
            displayName: f(title, nastyString),
          }),
          wrongType,
        ),
      }),
    token: as('none'),
  },
  {
    name: 'login',
    service: 'users',
    query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    variables: (w, f) => fc.record({ e: f(fc.constant(w.email), nastyString), p: f(fc.constant(PASSWORD), nastyString) }),
    token: as('none'),
  },
  {
    name: 'refreshToken',
    service: 'users',
    query: 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }',
    variables: (_w, f) => fc.record({ t: f(fc.base64String({ minLength: 40, maxLength: 48 }), nastyString) }),
    token: as('none'),
  },
  {
    name: 'logout',
    service: 'users',
    query: 'mutation ($t: String!) { logout(refreshToken: $t) }',
    variables: (_w, f) => fc.record({ t: f(fc.base64String({ minLength: 40, maxLength: 48 }), nastyString) }),
    token: as('none'),
  },
  {
    name: 'updateProfile',
    service: 'users',
    query: 'mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { id displayName } }',
    variables: (_w, f) => fc.record({ i: f(fc.record({ displayName: f(title, nastyString) }), wrongType) }),
    token: as('user'),
  },
  {
    name: 'becomeOrganizer',
    service: 'users',
    query: 'mutation ($x: String) { becomeOrganizer { accessToken } }',
    variables: (_w, f) => fc.record({ x: f(fc.string(), nastyString) }),
    token: junkToken,
  },
  {
    name: 'markNotificationRead',
    service: 'notifications',
    query: 'mutation ($id: ID!) { markNotificationRead(id: $id) { id read } }',
    variables: () => fc.record({ id: nastyId }),
    token: as('user'),
  },
  {
    name: 'markAllNotificationsRead',
    service: 'notifications',
    query: 'mutation { markAllNotificationsRead }',
    variables: () => fc.constant({}),
    token: junkToken,
  },
  {
    name: 'updateNotificationPreferences',
    service: 'notifications',
    query: 'mutation ($i: PreferencesInput!) { updateNotificationPreferences(input: $i) { email push inApp mutedTypes } }',
    variables: (_w, f) =>
      fc.record({
        i: f(
          fc.record({
            email: f(fc.boolean(), wrongType),
            push: f(fc.boolean(), nastyString),
            inApp: f(fc.boolean(), nastyNumber),
            mutedTypes: f(
              fc.subarray([
                'TICKET_PURCHASED',
                'TICKET_CHECKED_IN',
                'EVENT_CANCELLED',
                'EVENT_REMINDER',
                'ORDER_PAID',
                'ORDER_EXPIRED',
                'REFUND_ISSUED',
              ]),
              fc.oneof(fc.array(nastyString, { maxLength: 5 }), fc.constant(Array.from({ length: 5000 }, () => 'EVENT_REMINDER'))),
            ),
          }),
          wrongType,
        ),
      }),
    token: as('user'),
  },
  {
    name: 'registerPushSubscription',
    service: 'notifications',
    query: 'mutation ($i: PushSubscriptionInput!) { registerPushSubscription(input: $i) }',
    variables: (_w, f) =>
      fc.record({
        i: f(
          fc.record({
            endpoint: f(fc.webUrl({ validSchemes: ['https'] }), nastyString),
            keys: f(
              fc.record({
                p256dh: f(
                  fc.uint8Array({ minLength: 65, maxLength: 65 }).map((b) => Buffer.from(b).toString('base64url')),
                  nastyString,
                ),
                auth: f(
                  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64url')),
                  nastyString,
                ),
              }),
              wrongType,
            ),
          }),
          wrongType,
        ),
      }),
    token: as('user'),
  },
  {
    name: 'createEvent',
    service: 'events',
    query: 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    variables: (_w, f) =>
      fc.record({
        i: f(
          fc.record({
            title: f(title, nastyString),
            description: f(fc.string(), nastyString),
            categoryId: f(fc.constant(null), nastyId),
            venue: f(title, nastyString),
            startsAt: f(future(24), nastyDate),
            endsAt: f(future(130), nastyDate),
          }),
          wrongType,
        ),
      }),
    token: as('organizer'),
  },
  {
    name: 'updateEvent',
    service: 'events',
    query: 'mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { id } }',
    variables: (w, f) =>
      fc.record({
        id: f(fc.constantFrom(w.draftId, w.eventId), nastyId),
        i: f(
          fc.record(
            {
              title: f(title, nastyString),
              description: f(fc.string(), nastyString),
              venue: f(title, nastyString),
              startsAt: f(future(24), nastyDate),
              endsAt: f(future(130), nastyDate),
            },
            { requiredKeys: [] },
          ),
          wrongType,
        ),
      }),
    token: as('organizer'),
  },
  {
    name: 'publishEvent',
    service: 'events',
    query: 'mutation ($id: ID!) { publishEvent(id: $id) { id status } }',
    variables: (w, f) => fc.record({ id: f(fc.constant(w.eventId), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'cancelEvent',
    service: 'events',
    query: 'mutation ($id: ID!, $r: String) { cancelEvent(id: $id, reason: $r) { id status } }',
    variables: (w, f) => fc.record({ id: f(fc.constant(w.cancellableId), nastyId), r: f(fc.string({ maxLength: 30 }), nastyString) }),
    token: as('organizer'),
  },
  {
    name: 'createCategory',
    service: 'events',
    query: 'mutation ($i: CreateCategoryInput!) { createCategory(input: $i) { id slug } }',
    variables: (_w, f) =>
      fc.record({ i: f(fc.record({ name: f(title, nastyString), slug: f(fc.constant(undefined), nastyString) }), wrongType) }),
    token: as('organizer'),
  },
  {
    name: 'updateCategory',
    service: 'events',
    query: 'mutation ($id: ID!, $i: UpdateCategoryInput!) { updateCategory(id: $id, input: $i) { id name slug } }',
    variables: (w, f) =>
      fc.record({
        id: f(fc.constant(w.categories.toUpdate), nastyId),
        i: f(
          fc.record(
            { name: f(title, nastyString), slug: f(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10})?$/), nastyString) },
            { requiredKeys: [] },
          ),
          wrongType,
        ),
      }),
    token: as('organizer'),
  },
  {
    name: 'deleteCategory',
    service: 'events',
    query: 'mutation ($id: ID!) { deleteCategory(id: $id) }',
    variables: (w, f) => fc.record({ id: f(fc.constant(w.categories.toDelete), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'setSchedule',
    service: 'events',
    query: 'mutation ($e: ID!, $items: [ScheduleItemInput!]!) { setSchedule(eventId: $e, items: $items) { id } }',
    variables: (w, f) =>
      fc.record({
        e: f(fc.constant(w.eventId), nastyId),
        items: f(
          fc.array(scheduleItem(f), { maxLength: 4 }),
          fc.oneof(
            fc.constant(Array.from({ length: 101 }, () => ({ title: 't', startsAt: inHours(49), endsAt: inHours(50) }))),
            fc.constant([[[[[]]]]]),
            fc.array(wrongType, { maxLength: 3 }),
          ),
        ),
      }),
    token: as('organizer'),
  },
  ...TICKET_SPECS,
  ...ORGANIZER_SPECS,
];

/** Queries with arguments get the same treatment (a refused read must not change anything either). */
const QUERY_SPECS: MutationSpec[] = [
  {
    name: 'query events',
    service: 'events',
    query: 'query ($f: EventFilter, $n: Int, $a: String) { events(filter: $f, first: $n, after: $a) { edges { cursor node { id } } } }',
    variables: (_w, f) =>
      fc.record(
        {
          f: f(
            fc.record(
              {
                search: f(fc.string({ maxLength: 20 }), nastyString),
                from: f(future(0), nastyDate),
                to: f(future(200), nastyDate),
                categoryId: f(fc.constant(null), nastyId),
              },
              { requiredKeys: [] },
            ),
            wrongType,
          ),
          n: f(fc.integer({ min: 1, max: 100 }), nastyNumber),
          a: f(fc.constant(null), nastyString),
        },
        { requiredKeys: [] },
      ),
    token: junkToken,
  },
  {
    name: 'query event',
    service: 'events',
    query: 'query ($id: ID!) { event(id: $id) { id title } }',
    variables: (w, f) => fc.record({ id: f(fc.constant(w.eventId), nastyId) }),
    token: junkToken,
  },
  {
    name: 'query myEvents',
    service: 'events',
    query: 'query ($s: EventStatus) { myEvents(status: $s) { id } }',
    variables: (_w, f) => fc.record({ s: f(fc.constantFrom('DRAFT', 'PUBLISHED', null), nastyString) }),
    token: as('organizer'),
  },
  {
    name: 'query notifications',
    service: 'notifications',
    query: 'query ($n: Int, $a: String, $u: Boolean) { notifications(first: $n, after: $a, unreadOnly: $u) { edges { cursor } } }',
    variables: (_w, f) =>
      fc.record(
        { n: f(fc.integer({ min: 1, max: 100 }), nastyNumber), a: f(fc.constant(null), nastyString), u: f(fc.boolean(), wrongType) },
        { requiredKeys: [] },
      ),
    token: as('user'),
  },
  {
    name: 'query notification',
    service: 'notifications',
    query: 'query ($id: ID!) { notification(id: $id) { id } }',
    variables: (_w, f) => fc.record({ id: f(fc.uuid(), nastyId) }),
    token: as('user'),
  },
  ...TICKET_QUERY_SPECS,
  ...ORGANIZER_QUERY_SPECS,
];

/** Heavy runs in full mode (where the database is checked); a light pass in embedded mode. */
const RUNS: Record<Mode, number> = { full: 25, embedded: 5 };

describe.each(['full', 'embedded'] as const)(`hostile mutation input (%s mode, seed ${SEED})`, (mode) => {
  let platform: TestPlatform;
  let world: World;
  let prints: ReturnType<typeof fingerprinter> | undefined;

  /** The tables of the spec's service, the scan log left out for the door's mutations. */
  async function tablesOf(spec: MutationSpec) {
    const print = await prints!.of(spec.service);
    if (LOGS_REFUSALS.has(spec.name)) delete print[SCAN_LOG];
    return print;
  }

  beforeAll(async () => {
    // The world's holds must outlast the run: an expiry mid-run would change the tables under a refusal.
    platform = await startTestPlatform(mode, { HOLD_MINUTES: '1440' });
    world = await buildWorld(platform);
    if (mode === 'full') prints = fingerprinter(platform.databaseUrls);
    console.info(`hostile properties (${mode}): fast-check seed ${SEED} (set HOSTILE_SEED to change)`);
  });
  afterAll(async () => {
    await prints?.close();
    await platform?.stop();
  });

  it('covers every mutation of the supergraph', async () => {
    const { readSupergraph } = await import('@sbor/schema');
    const { buildSchema } = await import('graphql');
    const sdl = readSupergraph();
    const mutations = Object.keys(buildSchema(sdl, { assumeValidSDL: true }).getMutationType()!.getFields());
    expect(SPECS.map((s) => s.name).sort()).toEqual(mutations.sort());
  });

  it.each([...SPECS, ...QUERY_SPECS].map((s) => [s.name, s] as const))(
    '%s: answers a code, never a 500, and changes nothing when it refuses',
    async (_name, spec) => {
      const counts = { ok: 0, refused: 0 };
      await fc.assert(
        // Half the runs: any field may be hostile. Half: a valid request with exactly one value
        // (anywhere in it) replaced or removed, so every field is reached past the others' checks.
        fc.asyncProperty(
          fc.oneof(spec.variables(world, field), oneHostile(spec.variables(world, validOnly))),
          spec.token(world),
          async (variables, token) => {
            const before = prints ? await tablesOf(spec) : undefined;
            const res = await platform.gql(spec.query, variables, { token });
            const outcome = assertWellFormed(res, spec.name);
            counts[outcome] += 1;
            if (outcome === 'refused' && prints) {
              expect(await tablesOf(spec), `${spec.name} refused but changed ${spec.service}: ${JSON.stringify(res.errors)}`).toEqual(
                before,
              );
            }
          },
        ),
        { numRuns: RUNS[mode], seed: SEED, endOnFailure: true },
      );
      // The generators are meant to be mostly hostile: most requests must have been refused.
      expect(counts.refused).toBeGreaterThan(0);
    },
  );
});
