export { errorMessage } from './error-message';
export { formatDateTime, formatMoney } from './format';
export { I18nProvider, useI18n } from './i18n-provider';
export type { MessageKey } from './messages.en';
export { LOCALES, createTranslator, detectLocale, type Locale, type Translate } from './translate';
