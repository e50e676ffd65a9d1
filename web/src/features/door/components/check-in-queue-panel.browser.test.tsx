/** @jsxImportSource preact */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { checkInSender } from '../api/check-in-ticket';
import { createDoorApi } from '../api/client';
import { DoorI18nProvider } from '../i18n';
import { createCheckInQueue } from '../offline/check-in-queue';
import { memoryStorage } from '../offline/storage';
import { CheckInQueuePanel } from './check-in-queue-panel';

const EVENT = 'b7c5a1e2-0000-4000-8000-000000000001';
const TOKEN = 'door-access-token';

/** The router's answers, in order; a function answers from the request. */
type ServerAnswer = object | 'no connection';

function server(answers: ServerAnswer[]) {
  const requests: { body: { query: string; variables: Record<string, unknown> }; authorization: string | null }[] = [];
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ body: JSON.parse(String(init?.body)), authorization: new Headers(init?.headers).get('authorization') });
    const answer = answers.shift();
    if (!answer || answer === 'no connection') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}

const checkedIn = (ownerName: string) => ({
  data: {
    checkInTicket: { id: 't1', checkedInAt: new Date().toISOString(), ticketType: { name: 'Standing' }, owner: { displayName: ownerName } },
  },
});
const alreadyUsed = (checkedInAt: string) => ({
  data: null,
  errors: [{ message: 'This ticket has already been checked in.', extensions: { code: 'TICKET_ALREADY_USED', checkedInAt } }],
});

/** The browser says offline or online, and tells the page as it does when the network changes. */
let online = true;
function setOnline(value: boolean) {
  online = value;
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

/** The panel over a real queue (memory storage) whose check-ins go through the door's real fetch client. */
function renderQueue() {
  const api = createDoorApi({ graphqlUrl: '/graphql', session: { accessToken: async () => TOKEN, refresh: async () => TOKEN } });
  const queue = createCheckInQueue({ storage: memoryStorage(), send: checkInSender(api) });
  const stopSync = queue.autoSync();
  const container = document.createElement('div');
  document.body.append(container);
  render(
    <DoorI18nProvider locale="en">
      <CheckInQueuePanel queue={queue} eventId={EVENT} />
    </DoorI18nProvider>,
    container,
  );
  cleanups.push(() => {
    stopSync();
    render(null, container);
    container.remove();
  });
  const scan = (code: string) =>
    queue.add({ eventId: EVENT, code, verified: true, ticketId: `ticket-${code}`, ticket: { typeName: 'Standing' } });
  return { queue, scan };
}

const cleanups: (() => void)[] = [];

describe('CheckInQueuePanel (the offline check-in queue)', () => {
  beforeEach(() => {
    online = true;
    vi.spyOn(Navigator.prototype, 'onLine', 'get').mockImplementation(() => online);
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps a check-in made offline as pending, and syncs it by itself when the connection returns', async () => {
    const { requests } = server([checkedIn('Ann Attendee')]);
    setOnline(false);
    const { scan } = renderQueue();

    await scan('QR-PAYLOAD-1');
    await expect.element(page.getByText('1 waiting to sync · 0 conflicts · 0 synced')).toBeVisible();
    await expect.element(page.getByText('Waiting to sync', { exact: true })).toBeVisible();
    await expect.element(page.getByText(/Offline: check-ins are kept on this device/)).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    expect(requests).toEqual([]);

    setOnline(true);
    await expect.element(page.getByText('0 waiting to sync · 0 conflicts · 1 synced')).toBeVisible();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]!.body.query).toContain('checkInTicket(code: $code, eventId: $eventId)');
    expect(requests[0]!.body.variables).toEqual({ code: 'QR-PAYLOAD-1', eventId: EVENT });
    await expect.element(page.getByText('Waiting to sync', { exact: true })).not.toBeInTheDocument();
  });

  it('tries again with "Sync now" after a request got no answer, one check-in at a time, oldest first', async () => {
    const { requests } = server(['no connection', checkedIn('Ann'), checkedIn('Bob')]);
    setOnline(false);
    const { scan } = renderQueue();
    await scan('QR-A');
    await scan('QR-B');

    setOnline(true); // the connection is back, but the first request gets no answer
    await expect.poll(() => requests.length).toBe(1);
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await expect.element(syncNow).toBeEnabled();
    await expect.element(page.getByText('2 waiting to sync · 0 conflicts · 0 synced')).toBeVisible();

    await userEvent.click(syncNow);
    await expect.element(page.getByText('0 waiting to sync · 0 conflicts · 2 synced')).toBeVisible();
    expect(requests.map((r) => r.body.variables.code)).toEqual(['QR-A', 'QR-A', 'QR-B']);
  });

  it('shows a conflict when the server says another door already checked the ticket in', async () => {
    const otherDoor = new Date(Date.now() - 60_000).toISOString();
    server([alreadyUsed(otherDoor)]);
    const { queue, scan } = renderQueue();

    const entry = await scan('QR-USED-ELSEWHERE');
    await expect.element(page.getByText('0 waiting to sync · 1 conflict · 0 synced')).toBeVisible();
    const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date(otherDoor));
    await expect.element(page.getByText(`Conflict: already checked in at another door at ${time}`)).toBeVisible();
    expect(queue.get(entry.id)).toMatchObject({ state: 'conflict', refusal: { reason: 'USED', checkedInAt: otherDoor } });
  });

  it('counts "already used" as its own check-in, not a conflict, when its earlier request landed but the answer was lost', async () => {
    const { requests } = server(['no connection', alreadyUsed(new Date().toISOString())]);
    setOnline(false);
    const { scan } = renderQueue();
    await scan('QR-LOST-ANSWER');

    setOnline(true);
    await expect.poll(() => requests.length).toBe(1);
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await expect.element(syncNow).toBeEnabled();
    await userEvent.click(syncNow);
    await expect.element(page.getByText('0 waiting to sync · 0 conflicts · 1 synced')).toBeVisible();
  });
});
