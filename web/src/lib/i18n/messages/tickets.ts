import type { Message } from '../messages.en';

/**
 * The tickets feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `tickets.`; the feature's pages (and the shared ticket card) use them through `t()`.
 */
export const ticketsEn = {
  'tickets.status.ACTIVE': 'Valid',
  'tickets.status.USED': 'Used',
  'tickets.status.CANCELLED': 'Cancelled',
  'tickets.card.label': '{name} ticket {code}',
  'tickets.qrAlt': 'QR code of the {name} ticket',
  'tickets.cancelledHint': 'This ticket is void and will not be let in.',
  'tickets.usedHint': 'This ticket has been checked in.',
  'tickets.checkedInAt': 'Checked in {date}',
  'tickets.past': 'over',
  'tickets.empty': 'You have no tickets yet.',
  'tickets.offline.title': 'Offline.',
  'tickets.stale.title': 'Not updated.',
  'tickets.offline.body': 'These are your tickets as last updated {date}.',
  'tickets.offline.retry': 'Try again',
} satisfies Record<string, Message>;

export const ticketsRu: Record<keyof typeof ticketsEn, Message> = {
  'tickets.status.ACTIVE': 'Действует',
  'tickets.status.USED': 'Использован',
  'tickets.status.CANCELLED': 'Аннулирован',
  'tickets.card.label': 'Билет «{name}» {code}',
  'tickets.qrAlt': 'QR-код билета «{name}»',
  'tickets.cancelledHint': 'Билет аннулирован, по нему не пропустят.',
  'tickets.usedHint': 'По этому билету уже прошли.',
  'tickets.checkedInAt': 'Вход отмечен {date}',
  'tickets.past': 'прошло',
  'tickets.empty': 'У вас пока нет билетов.',
  'tickets.offline.title': 'Нет подключения.',
  'tickets.stale.title': 'Не обновлено.',
  'tickets.offline.body': 'Показаны ваши билеты по состоянию на {date}.',
  'tickets.offline.retry': 'Обновить',
};
