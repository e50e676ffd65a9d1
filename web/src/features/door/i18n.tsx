/** @jsxImportSource preact */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { Locale } from '@/lib/i18n/translate';
import { createDoorTranslator, type DoorTranslate } from '@/lib/i18n/door-translate';

export { createDoorTranslator, type DoorMessageKey, type DoorTranslate } from '@/lib/i18n/door-translate';

/** The choice the shop's language switch keeps too, so both faces speak the language the user picked. */
const STORAGE_KEY = 'sbor.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'ru') return stored;
  } catch {
    // storage disabled: the browser's language it is
  }
  const first = (navigator.languages[0] ?? navigator.language ?? '').toLowerCase();
  return first === 'ru' || first.startsWith('ru-') ? 'ru' : 'en';
}

interface DoorI18n {
  locale: Locale;
  t: DoorTranslate;
  setLocale: (locale: Locale) => void;
}

const DoorI18nContext = createContext<DoorI18n | null>(null);

export function DoorI18nProvider({ children, locale: fixed }: { children: ComponentChildren; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
  const t = useMemo(() => createDoorTranslator(locale), [locale]);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not kept; the choice still holds for this page
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = createDoorTranslator(locale)('door.app.title');
  }, [locale]);
  const value = useMemo(() => ({ locale, t, setLocale }), [locale, t, setLocale]);
  return <DoorI18nContext.Provider value={value}>{children}</DoorI18nContext.Provider>;
}

export function useDoorI18n(): DoorI18n {
  const i18n = useContext(DoorI18nContext);
  if (!i18n) throw new Error('useDoorI18n must be used inside <DoorI18nProvider>.');
  return i18n;
}
