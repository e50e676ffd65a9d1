import { ApolloLink } from '@apollo/client';
import { MockLink, MockSubscriptionLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { OperationTypeNode } from 'graphql';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { I18nProvider } from '@/lib/i18n';
import { RECENT, RecentNotificationsQuery, UnreadCountQuery } from '../api/notifications';
import { NotificationBell } from './notification-bell';

const event = { __typename: 'Event', id: 'e1', title: 'Jazz Night' };
const notification = (id: string, read: boolean, type = 'ORDER_PAID') => ({
  __typename: 'Notification',
  id,
  type,
  title: `Server title ${id}`,
  body: `Server body ${id}`,
  read,
  createdAt: '2026-05-01T12:00:00.000Z',
  event,
  ticket: type === 'ORDER_PAID' ? { __typename: 'Ticket', id: `t-${id}`, order: { __typename: 'Order', id: `o-${id}` } } : null,
});

function renderBell(unread: number, listed = [notification('n1', false), notification('n0', true, 'EVENT_REMINDER')]) {
  localStorage.setItem('sbor.locale', 'en');
  const live = new MockSubscriptionLink();
  const mocks = new MockLink([
    { request: { query: UnreadCountQuery }, result: { data: { unreadCount: unread } } },
    {
      request: { query: RecentNotificationsQuery, variables: { first: RECENT } },
      result: {
        data: {
          notifications: { __typename: 'NotificationConnection', edges: listed.map((node) => ({ __typename: 'NotificationEdge', node })) },
        },
      },
    },
  ]);
  const link = ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, live, mocks);
  const screen = render(
    <I18nProvider>
      <MockedProvider link={link}>
        <MemoryRouter>
          <NotificationBell />
        </MemoryRouter>
      </MockedProvider>
    </I18nProvider>,
  );
  return { screen, live };
}

describe('NotificationBell', () => {
  afterEach(() => localStorage.clear());

  it('shows the unread count from the API in its name and its badge', async () => {
    const { screen } = renderBell(2);
    const bell = (await screen).getByRole('button', { name: 'Notifications, 2 unread' });
    await expect.element(bell).toBeVisible();
    await expect.element(bell).toHaveTextContent('2');
    await expect.element(bell).toHaveAttribute('aria-expanded', 'false');
  });

  it('says plainly when nothing is unread', async () => {
    const { screen } = renderBell(0);
    await expect.element((await screen).getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  });

  it('bumps the count and announces a notification pushed through the subscription', async () => {
    const { screen: rendered, live } = renderBell(1);
    const screen = await rendered;
    await expect.element(screen.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
    await expect.poll(() => live.operation?.operationName).toBe('NotificationAdded');

    live.simulateResult({ result: { data: { notificationAdded: notification('n2', false) } } });

    await expect.element(screen.getByRole('button', { name: 'Notifications, 2 unread' })).toBeVisible();
    const region = screen.container.querySelector('.bell [aria-live="polite"]')!;
    await expect.poll(() => region.textContent).toBe('New notification: Your tickets for Jazz Night are ready');

    // The same notification delivered twice (a reconnect) counts once.
    live.simulateResult({ result: { data: { notificationAdded: notification('n2', false) } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect.element(screen.getByRole('button', { name: 'Notifications, 2 unread' })).toBeVisible();
  });

  it('opens a list of recent notifications that Escape closes, giving focus back to the bell', async () => {
    const { screen: rendered } = renderBell(1);
    const screen = await rendered;
    const bell = screen.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.click();
    await expect.element(bell).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    await expect
      .element(panel.getByRole('link', { name: 'Your tickets for Jazz Night are ready' }))
      .toHaveAttribute('href', '/orders/o-n1');
    await expect.element(panel.getByRole('link', { name: 'Jazz Night starts soon' })).toHaveAttribute('href', '/events/e1');
    await expect.element(panel.getByRole('button', { name: 'Mark “Your tickets for Jazz Night are ready” as read' })).toBeVisible();

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await expect.element(bell).toHaveAttribute('aria-expanded', 'false');
    expect(panel.query()).toBeNull();
    expect(document.activeElement).toBe(bell.element());
  });
});
