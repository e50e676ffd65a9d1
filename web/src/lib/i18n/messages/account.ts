import type { Message } from '../messages.en';

/** Confirming an email address and resetting a password, from the links users emails. */
export const accountEn = {
  'account.verify.title': 'Confirm your email',
  'account.verify.checking': 'Confirming your address…',
  'account.verify.done': 'Your email address is confirmed. Sbor will send your tickets and notices there.',
  'account.verify.expired': 'This link is used or out of date. Sign in and ask for a new one on your account page.',
  'account.verify.noToken': 'Open the link from the email we sent you; it carries what confirms your address.',
  'account.verify.toAccount': 'Your account',
  'account.reset.title': 'Reset your password',
  'account.reset.intro': 'Enter the address you registered with. We email it a link to set a new password.',
  'account.reset.send': 'Email me a link',
  'account.reset.sent': 'If {email} has a Sbor account, a link is on its way. It works for an hour.',
  'account.reset.backToLogin': 'Back to sign in',
  'account.reset.newPassword': 'New password',
  'account.reset.save': 'Set the new password',
  'account.reset.done': 'Your password is changed, and you are signed out on every device. Sign in with the new one.',
  'account.reset.expired': 'This link is used or out of date.',
  'account.reset.again': 'Ask for a new link',
  'login.forgot': 'Forgot your password?',
} satisfies Record<string, Message>;

export const accountRu: Record<keyof typeof accountEn, Message> = {
  'account.verify.title': 'Подтверждение email',
  'account.verify.checking': 'Подтверждаем адрес…',
  'account.verify.done': 'Адрес подтверждён. Sbor будет присылать туда билеты и уведомления.',
  'account.verify.expired': 'Ссылка уже использована или устарела. Войдите и запросите новую на странице учётной записи.',
  'account.verify.noToken': 'Откройте ссылку из письма, которое мы прислали: по ней подтверждается адрес.',
  'account.verify.toAccount': 'Учётная запись',
  'account.reset.title': 'Сброс пароля',
  'account.reset.intro': 'Укажите адрес, с которым вы регистрировались. Мы пришлём на него ссылку для нового пароля.',
  'account.reset.send': 'Прислать ссылку',
  'account.reset.sent': 'Если у {email} есть учётная запись Sbor, ссылка уже в пути. Она действует час.',
  'account.reset.backToLogin': 'Вернуться ко входу',
  'account.reset.newPassword': 'Новый пароль',
  'account.reset.save': 'Сохранить новый пароль',
  'account.reset.done': 'Пароль изменён, и вы вышли на всех устройствах. Войдите с новым паролем.',
  'account.reset.expired': 'Ссылка уже использована или устарела.',
  'account.reset.again': 'Запросить новую ссылку',
  'login.forgot': 'Забыли пароль?',
};
