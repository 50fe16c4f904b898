import { isLocale, type Locale, type LocalePreference } from '../i18n';

const KEY = 'box-office.manage.locale';

/**
 * The back office remembers its language per browser (a manager's own laptop or the office
 * PC), unlike a till, which remembers it per terminal in its store.
 */
export const browserLocalePreference: LocalePreference = {
  load(): Promise<Locale | null> {
    const saved = globalThis.localStorage?.getItem(KEY);
    return Promise.resolve(isLocale(saved) ? saved : null);
  },
  save(locale: Locale): Promise<void> {
    globalThis.localStorage?.setItem(KEY, locale);
    return Promise.resolve();
  },
};
