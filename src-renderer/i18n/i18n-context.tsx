import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Locale } from './locales';
import { DEFAULT_LOCALE } from './locales';
import type { Translator, VenueFormat } from './translator';
import { createTranslator } from './translator';

/**
 * Where the chosen language is remembered. The store implements it per terminal
 * (`localePreference(db, terminalId)` in store/settings.ts), so two tills at one venue can
 * speak different languages and each keeps its choice across restarts.
 */
export interface LocalePreference {
  load(): Promise<Locale | null>;
  save(locale: Locale): Promise<void>;
}

interface I18nValue {
  readonly translator: Translator;
  readonly setLocale: (locale: Locale) => Promise<void>;
}

const I18nContext = createContext<I18nValue | null>(null);

export interface I18nProviderProps {
  readonly venue: VenueFormat;
  readonly preference: LocalePreference;
  /** Shown until the remembered locale has loaded (and when none is remembered). */
  readonly initialLocale?: Locale;
  readonly children: ReactNode;
}

export function I18nProvider({ venue, preference, initialLocale, children }: I18nProviderProps) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale ?? DEFAULT_LOCALE);

  useEffect(() => {
    let live = true;
    preference.load().then(
      (saved) => {
        if (live && saved !== null) setLocaleState(saved);
      },
      // An unreadable preference is not worth blocking the till: keep the default language.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [preference]);

  // The page says which language it is in (WCAG 3.1.1): a screen reader then reads Ukrainian
  // or Chinese with that language's voice, and Chinese text gets Simplified Chinese glyphs.
  // index.html starts as "en"; every switch, and a remembered choice, updates it.
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(
    async (next: Locale) => {
      setLocaleState(next);
      await preference.save(next);
    },
    [preference],
  );

  const value = useMemo<I18nValue>(
    () => ({ translator: createTranslator(locale, venue), setLocale }),
    [locale, venue, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useT() needs an <I18nProvider> above it');
  return value;
}

/** The translator for the current language: `const tr = useT(); tr.t('nav.sell')`. */
export function useT(): Translator {
  return useI18n().translator;
}

/** The current language and a switch that also remembers it for this terminal. */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => Promise<void> } {
  const { translator, setLocale } = useI18n();
  return { locale: translator.locale, setLocale };
}
