import { accountEn } from './messages/account';
import { checkoutEn } from './messages/checkout';
import { doorEn } from './messages/door';
import { eventsEn } from './messages/events';
import { notificationsEn } from './messages/notifications';
import { organizerEn } from './messages/organizer';
import { organizerToolsEn, shopToolsEn } from './messages/organizer-tools';
import { ticketsEn } from './messages/tickets';

/**
 * A message is a sentence with `{name}` placeholders, or plural forms chosen by `{count}` through
 * `Intl.PluralRules` (English needs `one` and `other`; Russian `one`, `few`, `many` and `other`).
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;

/** English is the reference: its keys are the keys every language must have (`Messages`). */
const core = {
  'app.name': 'Sbor',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading…',

  'nav.label': 'Main',
  'nav.events': 'Events',
  'nav.tickets': 'My tickets',
  'nav.orders': 'My orders',
  'nav.organizer': 'Organizer',

  'language.switchTo': 'Русский',
  'language.switchHint': 'Switch the language to Russian',

  'header.signIn': 'Sign in',
  'header.register': 'Register',
  'header.account': 'Account: {name}',

  'footer.text': 'Sbor: events and tickets',
  'footer.api': 'GraphQL API',

  'events.title': 'Events',
  'event.title': 'Event',
  'tickets.title': 'My tickets',
  'orders.title': 'My orders',
  'order.title': 'Order',
  'door.title': 'Door',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.home': 'Go to events',

  'auth.required.title': 'Please sign in',
  'auth.required.body': 'Sign in to see this page.',
  'auth.email': 'Email',
  'auth.password': 'Password',
  'auth.displayName': 'Name',
  'auth.displayNameHint': 'Shown to others, up to 60 characters.',
  'auth.passwordHint': 'At least 10 characters.',
  'login.title': 'Sign in',
  'login.submit': 'Sign in',
  'login.noAccount': 'No account yet?',
  'login.registerLink': 'Create one',
  'register.title': 'Create an account',
  'register.submit': 'Create account',
  'register.haveAccount': 'Already have an account?',
  'register.signInLink': 'Sign in',
  'account.title': 'Account',
  'account.name': 'Name',
  'account.email': 'Email',
  'account.role': 'Role',
  'account.signOut': 'Sign out',
  'role.USER': 'Attendee',
  'role.ORGANIZER': 'Organizer',

  'form.submitting': 'Please wait…',
  'form.errorTitle': 'That did not work',

  'notifications.label': 'Notifications',

  // Every code a Sbor API error can carry (docs/api.md), and the client's own failures.
  'error.UNAUTHENTICATED': 'Please sign in to continue.',
  'error.INVALID_CREDENTIALS': 'The email or password is wrong.',
  'error.SESSION_ENDED': 'Your session has ended. Please sign in again.',
  'error.FORBIDDEN': 'You are not allowed to do this.',
  'error.BAD_USER_INPUT': 'Some of the entered data is not valid. Please check it and try again.',
  'error.NOT_FOUND': 'We could not find what you are looking for.',
  'error.CONFLICT': 'The same request is still being processed. Please wait a moment.',
  'error.EMAIL_TAKEN': 'An account with this email already exists.',
  'error.RATE_LIMITED': 'Too many attempts. Please wait a little and try again.',
  'error.RATE_LIMITED_FOR': {
    one: 'Too many attempts. Try again in {count} second.',
    other: 'Too many attempts. Try again in {count} seconds.',
  },
  'error.INVALID_TRANSITION': 'This change is not possible in the current state.',
  'error.EVENT_NOT_PUBLISHED': 'This event is not on sale yet.',
  'error.EVENT_CANCELLED': 'This event has been cancelled.',
  'error.EVENT_COMPLETED': 'This event is over.',
  'error.SALES_NOT_STARTED': 'Ticket sales have not started yet.',
  'error.SALES_ENDED': 'Ticket sales have ended.',
  'error.SOLD_OUT': 'There are not enough tickets left.',
  'error.TICKET_ALREADY_USED': 'This ticket has already been checked in.',
  'error.TICKET_CANCELLED': 'This ticket has been cancelled.',
  'error.IDEMPOTENCY_KEY_REUSED': 'This request was already made with different details. Please start again.',
  'error.SLUG_TAKEN': 'This short name is already in use.',
  'error.PAYMENT_REQUIRED': 'These tickets must be paid for.',
  'error.HOLD_EXPIRED': 'Your reservation has expired and the tickets went back on sale.',
  'error.LIMIT_PER_USER': 'You cannot buy more tickets of this type.',
  'error.ORDER_NOT_PAYABLE': 'This order cannot be paid now.',
  'error.REFUND_FAILED': 'The refund did not go through. Nothing was changed; please try again later.',
  'error.VOUCHER_INVALID': 'This voucher code is not valid for these tickets.',
  'error.VOUCHER_EXHAUSTED': 'This voucher has been used up.',
  'error.NOT_SOLD_OUT': 'Tickets of this type are still on sale: reserve them instead of joining the waiting list.',
  'error.ALREADY_WAITING': 'You are already on the waiting list for these tickets.',
  'error.SERVICE_UNAVAILABLE': 'Part of Sbor is not answering right now. Nothing was changed; please try again shortly.',
  'error.INTERNAL_SERVER_ERROR': 'Something went wrong on our side. Please try again.',
  'error.GRAPHQL_PARSE_FAILED': 'The app sent a request Sbor could not read. Please reload the page.',
  'error.GRAPHQL_VALIDATION_FAILED': 'The app sent a request Sbor could not accept. Please reload the page.',
  'error.BAD_REQUEST': 'The app sent a request Sbor could not read. Please reload the page.',
  'error.OPERATION_RESOLUTION_FAILURE': 'The app sent a request Sbor could not accept. Please reload the page.',
  'error.PERSISTED_QUERY_NOT_FOUND': 'The app sent a request Sbor could not accept. Please reload the page.',
  'error.PERSISTED_QUERY_NOT_SUPPORTED': 'The app sent a request Sbor could not accept. Please reload the page.',
  'error.PAYLOAD_TOO_LARGE': 'What you sent is too large.',
  'error.NETWORK': 'Sbor cannot be reached. Check your connection and try again.',
  'error.OFFLINE': 'You are offline. Try again once you are connected.',
  'error.SERVER': 'Sbor did not answer properly. Please try again in a moment.',
  'error.UNKNOWN': 'Something went wrong. Please try again.',
} satisfies Record<string, Message>;

/** The shell's and errors' sentences, then each feature's own file (`messages/<feature>.ts`). */
export const en = {
  ...core,
  ...eventsEn,
  ...checkoutEn,
  ...accountEn,
  ...ticketsEn,
  ...notificationsEn,
  ...organizerEn,
  ...organizerToolsEn,
  ...shopToolsEn,
  ...doorEn,
};

export type MessageKey = keyof typeof en;

/** A language's messages: exactly English's keys, no fewer and no more. */
export type Messages = Record<MessageKey, Message>;
