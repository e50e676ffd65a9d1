import type { Messages } from './messages.en';
import { accountRu } from './messages/account';
import { checkoutRu } from './messages/checkout';
import { doorRu } from './messages/door';
import { eventsRu } from './messages/events';
import { notificationsRu } from './messages/notifications';
import { organizerRu } from './messages/organizer';
import { organizerToolsRu, shopToolsRu } from './messages/organizer-tools';
import { ticketsRu } from './messages/tickets';

const core = {
  'app.name': 'Sbor',
  'app.skipToContent': 'Перейти к содержимому',
  'app.loading': 'Загрузка…',

  'nav.label': 'Основное меню',
  'nav.events': 'События',
  'nav.tickets': 'Мои билеты',
  'nav.orders': 'Мои заказы',
  'nav.organizer': 'Организатору',

  'language.switchTo': 'English',
  'language.switchHint': 'Переключить язык на английский',

  'header.signIn': 'Войти',
  'header.register': 'Регистрация',
  'header.account': 'Профиль: {name}',

  'footer.text': 'Sbor: события и билеты',
  'footer.api': 'GraphQL API',

  'events.title': 'События',
  'event.title': 'Событие',
  'tickets.title': 'Мои билеты',
  'orders.title': 'Мои заказы',
  'order.title': 'Заказ',
  'door.title': 'Вход',

  'notFound.title': 'Страница не найдена',
  'notFound.body': 'По этому адресу ничего нет.',
  'notFound.home': 'К событиям',

  'auth.required.title': 'Нужно войти',
  'auth.required.body': 'Войдите, чтобы увидеть эту страницу.',
  'auth.email': 'Эл. почта',
  'auth.password': 'Пароль',
  'auth.displayName': 'Имя',
  'auth.displayNameHint': 'Видно другим, до 60 символов.',
  'auth.passwordHint': 'Не короче 10 символов.',
  'login.title': 'Вход',
  'login.submit': 'Войти',
  'login.noAccount': 'Ещё нет аккаунта?',
  'login.registerLink': 'Зарегистрируйтесь',
  'register.title': 'Регистрация',
  'register.submit': 'Зарегистрироваться',
  'register.haveAccount': 'Уже есть аккаунт?',
  'register.signInLink': 'Войти',
  'account.title': 'Профиль',
  'account.name': 'Имя',
  'account.email': 'Эл. почта',
  'account.role': 'Роль',
  'account.signOut': 'Выйти',
  'role.USER': 'Участник',
  'role.ORGANIZER': 'Организатор',

  'form.submitting': 'Подождите…',
  'form.errorTitle': 'Не получилось',

  'notifications.label': 'Уведомления',

  'error.UNAUTHENTICATED': 'Войдите, чтобы продолжить.',
  'error.INVALID_CREDENTIALS': 'Неверная почта или пароль.',
  'error.SESSION_ENDED': 'Сеанс завершён. Войдите снова.',
  'error.FORBIDDEN': 'У вас нет прав на это действие.',
  'error.BAD_USER_INPUT': 'Некоторые данные указаны неверно. Проверьте их и попробуйте снова.',
  'error.NOT_FOUND': 'Не удалось найти то, что вы ищете.',
  'error.CONFLICT': 'Такой же запрос ещё обрабатывается. Подождите немного.',
  'error.EMAIL_TAKEN': 'Аккаунт с этой почтой уже существует.',
  'error.RATE_LIMITED': 'Слишком много попыток. Подождите немного и попробуйте снова.',
  'error.RATE_LIMITED_FOR': {
    one: 'Слишком много попыток. Попробуйте снова через {count} секунду.',
    few: 'Слишком много попыток. Попробуйте снова через {count} секунды.',
    many: 'Слишком много попыток. Попробуйте снова через {count} секунд.',
    other: 'Слишком много попыток. Попробуйте снова через {count} секунды.',
  },
  'error.INVALID_TRANSITION': 'Это изменение невозможно в текущем состоянии.',
  'error.EVENT_NOT_PUBLISHED': 'Билеты на это событие ещё не продаются.',
  'error.EVENT_CANCELLED': 'Это событие отменено.',
  'error.EVENT_COMPLETED': 'Это событие уже прошло.',
  'error.SALES_NOT_STARTED': 'Продажа билетов ещё не началась.',
  'error.SALES_ENDED': 'Продажа билетов закончилась.',
  'error.SOLD_OUT': 'Осталось недостаточно билетов.',
  'error.TICKET_ALREADY_USED': 'По этому билету уже прошли.',
  'error.TICKET_CANCELLED': 'Этот билет отменён.',
  'error.IDEMPOTENCY_KEY_REUSED': 'Этот запрос уже был отправлен с другими данными. Начните заново.',
  'error.SLUG_TAKEN': 'Такое короткое имя уже занято.',
  'error.PAYMENT_REQUIRED': 'Эти билеты нужно оплатить.',
  'error.HOLD_EXPIRED': 'Бронь истекла, и билеты вернулись в продажу.',
  'error.LIMIT_PER_USER': 'Больше билетов этого типа купить нельзя.',
  'error.ORDER_NOT_PAYABLE': 'Этот заказ сейчас нельзя оплатить.',
  'error.REFUND_FAILED': 'Возврат не прошёл. Ничего не изменилось; попробуйте позже.',
  'error.VOUCHER_INVALID': 'Этот промокод не подходит для этих билетов.',
  'error.VOUCHER_EXHAUSTED': 'Этот промокод больше не действует: его использовали максимальное число раз.',
  'error.NOT_SOLD_OUT': 'Билеты этого типа ещё продаются: забронируйте их, а не вставайте в лист ожидания.',
  'error.ALREADY_WAITING': 'Вы уже в листе ожидания на эти билеты.',
  'error.SERVICE_UNAVAILABLE': 'Часть сервиса сейчас не отвечает. Ничего не изменилось; попробуйте чуть позже.',
  'error.INTERNAL_SERVER_ERROR': 'У нас что-то пошло не так. Попробуйте снова.',
  'error.GRAPHQL_PARSE_FAILED': 'Приложение отправило запрос, который сервер не смог прочитать. Перезагрузите страницу.',
  'error.GRAPHQL_VALIDATION_FAILED': 'Приложение отправило запрос, который сервер не принял. Перезагрузите страницу.',
  'error.BAD_REQUEST': 'Приложение отправило запрос, который сервер не смог прочитать. Перезагрузите страницу.',
  'error.OPERATION_RESOLUTION_FAILURE': 'Приложение отправило запрос, который сервер не принял. Перезагрузите страницу.',
  'error.PERSISTED_QUERY_NOT_FOUND': 'Приложение отправило запрос, который сервер не принял. Перезагрузите страницу.',
  'error.PERSISTED_QUERY_NOT_SUPPORTED': 'Приложение отправило запрос, который сервер не принял. Перезагрузите страницу.',
  'error.PAYLOAD_TOO_LARGE': 'Отправленные данные слишком велики.',
  'error.NETWORK': 'Сервер недоступен. Проверьте подключение и попробуйте снова.',
  'error.OFFLINE': 'Нет подключения к интернету. Попробуйте снова, когда оно появится.',
  'error.SERVER': 'Сервер ответил с ошибкой. Попробуйте чуть позже.',
  'error.UNKNOWN': 'Что-то пошло не так. Попробуйте снова.',
} satisfies Partial<Messages>;

export const ru: Messages = {
  ...core,
  ...eventsRu,
  ...checkoutRu,
  ...accountRu,
  ...ticketsRu,
  ...notificationsRu,
  ...organizerRu,
  ...organizerToolsRu,
  ...shopToolsRu,
  ...doorRu,
};
