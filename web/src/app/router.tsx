import { createBrowserRouter } from 'react-router';
import { RequireSignIn } from '@/features/auth/components/require-sign-in';
import { AppShell } from './shell/app-shell';
import { NotFound } from './shell/not-found';
import { RouteError } from './shell/route-error';

/** Each feature's pages load on first visit, so the event list does not carry the back office. */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('@/features/events/components/events-page')).EventsPage }) },
      { path: 'events/:id', lazy: async () => ({ Component: (await import('@/features/events/components/event-page')).EventPage }) },
      { path: 'login', lazy: async () => ({ Component: (await import('@/features/auth/components/login-page')).LoginPage }) },
      { path: 'register', lazy: async () => ({ Component: (await import('@/features/auth/components/register-page')).RegisterPage }) },
      {
        path: 'verify-email',
        lazy: async () => ({ Component: (await import('@/features/auth/components/verify-email-page')).VerifyEmailPage }),
      },
      {
        path: 'reset-password',
        lazy: async () => ({ Component: (await import('@/features/auth/components/reset-password-page')).ResetPasswordPage }),
      },
      { path: 'door/*', lazy: async () => ({ Component: (await import('@/features/door/components/door-page')).DoorPage }) },
      {
        element: <RequireSignIn />,
        children: [
          { path: 'tickets', lazy: async () => ({ Component: (await import('@/features/tickets/components/tickets-page')).TicketsPage }) },
          { path: 'orders', lazy: async () => ({ Component: (await import('@/features/checkout/components/orders-page')).OrdersPage }) },
          { path: 'orders/:id', lazy: async () => ({ Component: (await import('@/features/checkout/components/order-page')).OrderPage }) },
          {
            path: 'account',
            lazy: async () => {
              const [{ AccountPage }, { NotificationPreferences }] = await Promise.all([
                import('@/features/auth/components/account-page'),
                import('@/features/notifications/components/notification-preferences'),
              ]);
              return { Component: () => <AccountPage sections={<NotificationPreferences />} /> };
            },
          },
          {
            path: 'organizer/*',
            lazy: async () => ({ Component: (await import('@/features/organizer/components/organizer-page')).OrganizerPage }),
          },
        ],
      },
      { path: '*', Component: NotFound },
    ],
  },
]);
