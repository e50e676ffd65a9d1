import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { TestPlatform } from '@sbor/platform';
import { createDoorTranslator, type DoorTranslate } from '../src/lib/i18n/door-translate';
import { browser as sandboxPage } from '../../test/e2e/support/orders';
import { launchWithCamera } from './support/fake-camera';
import { expectNoSeriousA11yViolations, screenshot, test, uniqueEmail } from './support/web-app';

/**
 * The door app (/door) in Chromium through the real router, embedded mode: the organizer signs in,
 * picks the event and scans the attendee's QR code from a fake camera (a .y4m video of the code);
 * offline, scans still judge by signature and queue their check-ins, which sync when the
 * connection returns; a refunded ticket reads CANCELLED offline once the revocation list refreshed.
 */

const PASSWORD = 'correct horse battery';
const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

interface Person {
  email: string;
  token: string;
}

interface Ticket {
  id: string;
  code: string;
  qrPayload: string;
}

/** Calls through the router as a front end would; fails the test on any GraphQL error. */
function api(platform: TestPlatform) {
  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await platform.gql<Record<string, T>>(query, variables, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0]!;
  }

  async function person(name: string, organizer = false): Promise<Person> {
    const email = uniqueEmail(name.split(' ')[0]!);
    const session = await ok<{ accessToken: string }>('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email, password: PASSWORD, displayName: name },
    });
    if (!organizer) return { email, token: session.accessToken };
    const upgraded = await ok<{ accessToken: string }>('mutation { becomeOrganizer { accessToken } }', {}, session.accessToken);
    return { email, token: upgraded.accessToken };
  }

  return { ok, person };
}

/** A plain USER (never an organizer) the scene's organizer names door staff of the scene's event. */
async function doorStaffOf(platform: TestPlatform, scene: Awaited<ReturnType<typeof doorScene>>): Promise<Person> {
  const staff = await api(platform).person('Sasha Staff');
  await scene.addDoorStaff(staff.email);
  return staff;
}

/** An organizer, a published event with a free and a priced ticket type, and an attendee holding tickets. */
async function doorScene(platform: TestPlatform, title: string) {
  const { ok, person } = api(platform);
  const organizer = await person('Olga Organizer', true);
  const attendee = await person('Ann Attendee');
  /** Another published event of the organizer's (its id). */
  const publishedEvent = async (eventTitle: string) => {
    const created = await ok<{ id: string }>(
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      { i: { title: eventTitle, description: 'Quartets until late.', venue: 'Blue Hall', startsAt: inHours(48), endsAt: inHours(51) } },
      organizer.token,
    );
    await ok('mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: created.id }, organizer.token);
    return created.id;
  };
  const draft = { id: await publishedEvent(title) };
  const ticketType = (name: string, priceCents: number) =>
    ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: draft.id, i: { name, priceCents, currency: 'EUR', quantity: 20, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
  const standing = await ticketType('Standing', 0);
  const seat = await ticketType('Seat', 2500);

  const freeTickets = (quantity: number) =>
    ok<Ticket[]>(
      'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id code qrPayload } }',
      { i: { eventId: draft.id, ticketTypeId: standing.id, quantity, idempotencyKey: randomUUID() } },
      attendee.token,
    );

  /** Free tickets ordered with a name for each (`OrderInput.attendees`): paid at once, as they cost nothing. */
  async function namedTickets(names: string[]): Promise<Ticket[]> {
    const order = await ok<{ status: string; tickets: Ticket[] }>(
      'mutation ($i: OrderInput!) { reserveTickets(input: $i) { status tickets { id code qrPayload } } }',
      {
        i: {
          eventId: draft.id,
          items: [{ ticketTypeId: standing.id, quantity: names.length }],
          attendees: names.map((name) => ({ ticketTypeId: standing.id, name })),
          idempotencyKey: randomUUID(),
        },
      },
      attendee.token,
    );
    expect(order.status).toBe('PAID');
    return order.tickets;
  }

  /** The organizer names a user door staff of the event, by the email they signed up with. */
  const addDoorStaff = (email: string) =>
    ok('mutation ($e: ID!, $m: String!) { addDoorStaff(eventId: $e, email: $m) { addedAt } }', { e: draft.id, m: email }, organizer.token);

  /** The organizer takes a check-in back through the API (another door's undo). */
  const undoElsewhere = (ticket: Ticket) =>
    ok('mutation ($t: ID!) { undoCheckIn(ticketId: $t) { id } }', { t: ticket.id }, organizer.token);

  /** A seat bought through the sandbox checkout: reserve, checkout, press Pay on the hosted page. */
  async function paidSeat(): Promise<{ orderId: string; ticket: Ticket }> {
    const order = await ok<{ id: string }>(
      'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id } }',
      { i: { eventId: draft.id, items: [{ ticketTypeId: seat.id, quantity: 1 }], idempotencyKey: randomUUID() } },
      attendee.token,
    );
    const payment = await ok<{ checkoutUrl: string }>(
      'mutation ($o: ID!) { checkout(orderId: $o, provider: SANDBOX) { checkoutUrl } }',
      { o: order.id },
      attendee.token,
    );
    const hosted = await sandboxPage.open(payment.checkoutUrl);
    expect((await sandboxPage.press(hosted, payment.checkoutUrl, 'pay')).status).toBe(303);
    const paid = await ok<{ status: string; tickets: Ticket[] }>(
      'query ($id: ID!) { order(id: $id) { status tickets { id code qrPayload } } }',
      { id: order.id },
      attendee.token,
    );
    expect(paid.status).toBe('PAID');
    return { orderId: order.id, ticket: paid.tickets[0]! };
  }

  const refund = (orderId: string) =>
    ok('mutation ($o: ID!) { refundOrder(orderId: $o, reason: "Cannot come") { status } }', { o: orderId }, organizer.token);

  /** What the API says of a ticket now (its holder asks). */
  const ticketStatus = async (id: string) =>
    (await ok<{ status: string }>('query ($id: ID!) { ticket(id: $id) { status } }', { id }, attendee.token)).status;

  /** Another door (the organizer's own API call) checks a ticket in. */
  const checkInElsewhere = (ticket: Ticket) =>
    ok('mutation ($c: String!, $e: ID!) { checkInTicket(code: $c, eventId: $e) { id } }', { c: ticket.code, e: draft.id }, organizer.token);

  return {
    organizer,
    event: { id: draft.id, title },
    publishedEvent,
    freeTickets,
    namedTickets,
    addDoorStaff,
    paidSeat,
    refund,
    ticketStatus,
    checkInElsewhere,
    undoElsewhere,
  };
}

/** The door's pages, as a person uses them: roles and visible names from the door's message file. */
function door(page: Page, t: DoorTranslate) {
  const result = page.getByRole('region', { name: t('door.result.label') }).getByRole('status');
  return {
    result,
    async signIn(email: string) {
      await page.goto('/door');
      await page.getByRole('heading', { level: 1, name: t('door.signIn.title') }).waitFor();
      await page.getByLabel(t('door.signIn.email')).fill(email);
      await page.getByLabel(t('door.signIn.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('door.signIn.submit') }).click();
      await page.getByRole('heading', { level: 1, name: t('door.events.title') }).waitFor();
    },
    async pick(title: string) {
      await page.getByRole('button', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // The keys and the revocation list are on the device: scans no longer need the network.
      await page.getByText(t('door.lists.updated', { time: '\u0000', count: 0 }).split('\u0000')[0]!).waitFor();
      // The service worker controls the page, so /door opens with no connection.
      await page.waitForFunction('navigator.serviceWorker.controller !== null');
    },
    /** Waits for the verdict's big word, e.g. "Valid". */
    verdict: (status: Parameters<typeof statusKey>[0]) => result.getByText(t(statusKey(status)), { exact: true }),
    queueSummary: (pending: number, conflicts: number, synced: number) =>
      page.getByText(
        `${t('door.queue.pending', { count: pending })} · ${t('door.queue.conflicts', { count: conflicts })} · ${t('door.queue.synced', { count: synced })}`,
      ),
    /** Types a code and presses Enter, as at a door with a keyboard or a hand scanner. */
    async type(code: string) {
      const field = page.getByLabel(t('door.manual.label'));
      await field.fill(code);
      await field.press('Enter');
    },
  };
}

const statusKey = (status: 'VALID' | 'USED' | 'CANCELLED' | 'WRONG_EVENT' | 'INVALID' | 'UNVERIFIED') => `door.status.${status}` as const;

const visible = (locator: Locator) => expect.poll(() => locator.isVisible(), { timeout: 15_000 }).toBe(true);

describe('the door app (/door)', () => {
  test('the organizer signs in, picks the event, scans a ticket from the camera: VALID and checked in; scanned again: USED', async ({
    app,
  }) => {
    const scene = await doorScene(app.platform, 'Camera Night');
    const [ticket] = await scene.freeTickets(1);
    const camera = await launchWithCamera(app.baseUrl, ticket!.qrPayload);
    try {
      const t = createDoorTranslator('en');
      const page = await camera.newPage({ device: 'phone', locale: 'en' });
      const ui = door(page, t);

      await page.goto('/door');
      await page.getByRole('heading', { level: 1, name: t('door.signIn.title') }).waitFor();
      expect(await page.evaluate<string>('document.title')).toBe(t('door.app.title'));
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'door-sign-in-en-phone');

      // A wrong password reads as a sentence, never a code.
      await page.getByLabel(t('door.signIn.email')).fill(scene.organizer.email);
      await page.getByLabel(t('door.signIn.password')).fill('not the password');
      await page.getByRole('button', { name: t('door.signIn.submit') }).click();
      await visible(page.getByRole('alert').getByText(t('door.error.credentials')));

      await ui.signIn(scene.organizer.email);
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'door-events-en-phone');
      await ui.pick(scene.event.title);

      await page.getByRole('button', { name: t('door.camera.start') }).click();
      await visible(ui.verdict('VALID'));
      await visible(ui.result.getByText(t('door.result.ticketType', { name: 'Standing' })));
      // Checked in online: the server's answer names the holder.
      await visible(ui.result.getByText(t('door.result.holder', { name: 'Ann Attendee' })));
      await visible(ui.result.getByText(/^Checked in at \d\d:\d\d\.$/));
      expect(await scene.ticketStatus(ticket!.id)).toBe('USED');
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'door-scan');

      // The same code in front of the camera is judged again only after "Scan next".
      await page.getByRole('button', { name: t('door.scan.next') }).click();
      await visible(ui.verdict('USED'));
      await visible(ui.result.getByText(/^Checked in on this device at \d\d:\d\d\. Do not admit again\.$/));
      await visible(ui.result.getByText(t('door.result.holder', { name: 'Ann Attendee' })));
      await visible(ui.queueSummary(0, 0, 1));
      await screenshot(page, 'door-scan-used');
    } finally {
      await camera.close();
    }
  }, 120_000);

  test('offline, a camera scan still validates by signature and queues its check-in, which syncs when back online; a conflict shows', async ({
    app,
  }) => {
    const scene = await doorScene(app.platform, 'Offline Evening');
    const [scanned, typed, elsewhere] = await scene.freeTickets(3);
    const camera = await launchWithCamera(app.baseUrl, scanned!.qrPayload);
    try {
      const t = createDoorTranslator('ru');
      const page = await camera.newPage({ device: 'phone', locale: 'ru' });
      const ui = door(page, t);
      await ui.signIn(scene.organizer.email);
      await ui.pick(scene.event.title);

      await page.context().setOffline(true);
      // The door opens with no connection: its service worker serves the page and its files.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: scene.event.title }).waitFor();
      await visible(page.getByText(t('door.connection.offline'), { exact: true }));

      await page.getByRole('button', { name: t('door.camera.start') }).click();
      await visible(ui.verdict('VALID'));
      await visible(ui.result.getByText(t('door.sync.saved')));
      // Judged by the QR code alone: the name on the ticket is the server's to tell.
      await visible(ui.result.getByText(t('door.result.nameOffline')));
      await page.getByRole('button', { name: t('door.camera.stop') }).click();

      // A typed code carries no signature: offline it is queued, unverified.
      await ui.type(typed!.code.toLowerCase());
      await visible(ui.verdict('UNVERIFIED'));
      // Meanwhile another door admits a ticket; this door, offline, cannot know and admits it too.
      await scene.checkInElsewhere(elsewhere!);
      await ui.type(elsewhere!.qrPayload);
      await visible(ui.verdict('VALID'));
      await visible(ui.queueSummary(3, 0, 0));
      expect(await scene.ticketStatus(scanned!.id)).toBe('ACTIVE');
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'door-offline-queue');

      await page.context().setOffline(false);
      await expect.poll(() => scene.ticketStatus(scanned!.id), { timeout: 30_000 }).toBe('USED');
      await expect.poll(() => scene.ticketStatus(typed!.id), { timeout: 30_000 }).toBe('USED');
      await visible(ui.queueSummary(0, 1, 2));
      // The last scan was the ticket another door admitted: its verdict turns into a visible conflict.
      await visible(ui.verdict('USED'));
      await visible(ui.result.getByText(t('door.result.conflict')));
      await visible(page.getByText(/^Конфликт: уже отмечен на другом входе в \d\d:\d\d$/));
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'door-offline-synced-conflict');
    } finally {
      await camera.close();
    }
  }, 150_000);

  test('a refunded ticket scans as CANCELLED offline once the revocation list refreshed', async ({ app, newPage }) => {
    const scene = await doorScene(app.platform, 'Refund Matinee');
    const { orderId, ticket } = await scene.paidSeat();
    const t = createDoorTranslator('en');
    const page = await newPage({ device: 'desktop', locale: 'en' });
    const ui = door(page, t);
    await ui.signIn(scene.organizer.email);
    await ui.pick(scene.event.title);
    await visible(page.getByText(/0 cancelled tickets for this event\.$/));

    await scene.refund(orderId);
    await page.getByRole('button', { name: t('door.lists.refresh') }).click();
    await visible(page.getByText(/1 cancelled ticket for this event\.$/));

    await page.context().setOffline(true);
    await visible(page.getByText(t('door.connection.offline'), { exact: true }));
    await ui.type(ticket.qrPayload);
    await visible(ui.verdict('CANCELLED'));
    await visible(ui.result.getByText(t('door.detail.CANCELLED')));
    await visible(ui.result.getByText(t('door.result.ticketType', { name: 'Seat' })));
    await visible(ui.queueSummary(0, 0, 0));
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'door-cancelled-en-desktop');

    // Its short code, typed, is on the same list.
    await page.getByRole('button', { name: t('door.scan.next') }).click();
    await ui.type(ticket.code);
    await visible(ui.verdict('CANCELLED'));
  }, 120_000);

  test('door staff (a USER the organizer named) sees only the event they staff, checks a ticket in by its code, sees the name on it and undoes it', async ({
    app,
    newPage,
  }) => {
    const scene = await doorScene(app.platform, 'Staff Night');
    await scene.publishedEvent('Organizer Only Gala');
    const staff = await doorStaffOf(app.platform, scene);
    const [ticket] = await scene.namedTickets(['Boris Guest']);
    const t = createDoorTranslator('en');
    const page = await newPage({ device: 'phone', locale: 'en' });
    const ui = door(page, t);

    await ui.signIn(staff.email);
    await visible(page.getByRole('button', { name: scene.event.title }));
    expect(await page.getByRole('button', { name: 'Organizer Only Gala' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'door-staff-events-en-phone');
    await ui.pick(scene.event.title);

    await ui.type(ticket!.code);
    await visible(ui.verdict('VALID'));
    await visible(ui.result.getByText(t('door.result.attendee', { name: 'Boris Guest' })));
    await visible(ui.result.getByText(/^Checked in at \d\d:\d\d\.$/));
    expect(await scene.ticketStatus(ticket!.id)).toBe('USED');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'door-staff-checked-in-en-phone');

    await page.getByRole('button', { name: t('door.undo.submit') }).click();
    await visible(ui.result.getByText(t('door.result.undone'), { exact: true }));
    await visible(ui.result.getByText(t('door.result.undoneDetail')));
    await visible(ui.result.getByText(t('door.result.attendee', { name: 'Boris Guest' })));
    expect(await page.getByRole('button', { name: t('door.undo.submit') }).count()).toBe(0);
    expect(await scene.ticketStatus(ticket!.id)).toBe('ACTIVE');
    await visible(ui.queueSummary(0, 0, 0));
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'door-staff-undone-en-phone');

    // Undone, the ticket is valid again: the door admits it once more.
    await page.getByRole('button', { name: t('door.scan.next') }).click();
    await ui.type(ticket!.code);
    await visible(ui.verdict('VALID'));
    await expect.poll(() => scene.ticketStatus(ticket!.id), { timeout: 15_000 }).toBe('USED');
  }, 120_000);

  test('door staff see a refused undo as a sentence: another door already took the check-in back', async ({ app, newPage }) => {
    const scene = await doorScene(app.platform, 'Staff Matinee');
    const staff = await doorStaffOf(app.platform, scene);
    const [ticket] = await scene.namedTickets(['Vera Guest']);
    const t = createDoorTranslator('ru');
    const page = await newPage({ device: 'phone', locale: 'ru' });
    const ui = door(page, t);

    await ui.signIn(staff.email);
    await ui.pick(scene.event.title);
    await ui.type(ticket!.code);
    await visible(ui.verdict('VALID'));
    await visible(ui.result.getByText(t('door.result.attendee', { name: 'Vera Guest' })));
    await visible(page.getByRole('button', { name: t('door.undo.submit') }));

    await scene.undoElsewhere(ticket!);
    await page.getByRole('button', { name: t('door.undo.submit') }).click();
    await visible(page.getByRole('alert').getByText(t('door.undo.error.INVALID_TRANSITION')));
    // Nothing left to undo: the button goes, and this device no longer counts the check-in.
    expect(await page.getByRole('button', { name: t('door.undo.submit') }).count()).toBe(0);
    await visible(ui.queueSummary(0, 0, 0));
    expect(await scene.ticketStatus(ticket!.id)).toBe('ACTIVE');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'door-staff-undo-refused-ru-phone');
  }, 120_000);
});
