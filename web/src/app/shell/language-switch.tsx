import { useI18n } from '@/lib/i18n';

/** Two languages: one button that names the other in its own language ("Русский", "English"). */
export function LanguageSwitch() {
  const { locale, t, setLocale } = useI18n();
  const other = locale === 'ru' ? 'en' : 'ru';
  return (
    <button type="button" className="language-switch" lang={other} title={t('language.switchHint')} onClick={() => setLocale(other)}>
      {t('language.switchTo')}
    </button>
  );
}
