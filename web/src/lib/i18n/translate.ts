import { en, type Message, type MessageKey, type Messages } from './messages.en';
import { ru } from './messages.ru';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGES: Record<Locale, Messages> = { en, ru };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** Russian for any `ru*` browser language (`ru`, `ru-RU`), English for everything else. */
export function detectLocale(languages: readonly string[]): Locale {
  const first = languages[0]?.toLowerCase() ?? '';
  return first === 'ru' || first.startsWith('ru-') ? 'ru' : 'en';
}

/** `t(key, params)`: fills `{name}` placeholders; plural messages pick their form by `params.count`. */
export function createTranslator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  const plurals = new Intl.PluralRules(locale);
  return (key, params = {}) => fill(pick(messages[key], params.count, plurals), params);
}

function pick(message: Message, count: string | number | undefined, plurals: Intl.PluralRules): string {
  if (typeof message === 'string') return message;
  return message[plurals.select(Number(count ?? 0))] ?? message.other;
}

function fill(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
