import type { Message } from './messages.en';
import { doorEn, doorRu } from './messages/door';
import type { Locale } from './translate';

/**
 * The door's own small translator over its message file only (`messages/door.ts`): the shop's
 * `createTranslator` carries every feature's sentences, which the door's budget cannot afford.
 * Same rules: `{name}` placeholders, plural forms by `{count}` through `Intl.PluralRules`.
 */
export type DoorMessageKey = keyof typeof doorEn;
export type DoorTranslate = (key: DoorMessageKey, params?: Record<string, string | number>) => string;

const MESSAGES: Record<Locale, Record<DoorMessageKey, Message>> = { en: doorEn, ru: doorRu };

export function createDoorTranslator(locale: Locale): DoorTranslate {
  const plurals = new Intl.PluralRules(locale);
  return (key, params = {}) => {
    const message = MESSAGES[locale][key];
    const text = typeof message === 'string' ? message : (message[plurals.select(Number(params.count ?? 0))] ?? message.other);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
