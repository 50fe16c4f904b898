import type { LocalePreference } from '../i18n/i18n-context';
import type { Locale } from '../i18n/locales';
import { isLocale } from '../i18n/locales';
import type { BoxOfficeDb } from './db';

/** Key/value settings of this till. Values must be structured-cloneable. */
export async function getSetting(db: BoxOfficeDb, key: string): Promise<unknown> {
  return (await db.settings.get(key))?.value;
}

export async function setSetting(db: BoxOfficeDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/**
 * The setting's value if `accept` takes it; otherwise `candidate` is stored and returned —
 * read and written in ONE transaction, so two starts of the till racing on a first run (two
 * windows, or a page that boots twice) agree on one value instead of each keeping its own.
 * `candidate` is made before the transaction: IndexedDB transactions cannot wait for other
 * promises (a WebCrypto key generation, say).
 */
export async function settingOrPut<T>(
  db: BoxOfficeDb,
  key: string,
  accept: (value: unknown) => value is T,
  candidate: T,
): Promise<T> {
  return db.transaction('rw', db.settings, async () => {
    const current = (await db.settings.get(key))?.value;
    if (accept(current)) return current;
    await db.settings.put({ key, value: candidate });
    return candidate;
  });
}

export function localeSettingKey(terminalId: string): string {
  return `locale:${terminalId}`;
}

/**
 * The cashier's language, remembered per terminal (two windows at one venue may speak
 * different languages; a shared tablet keeps its own). Implements the i18n layer's port.
 */
export function localePreference(db: BoxOfficeDb, terminalId: string): LocalePreference {
  const key = localeSettingKey(terminalId);
  return {
    async load(): Promise<Locale | null> {
      const value = await getSetting(db, key);
      return isLocale(value) ? value : null;
    },
    async save(locale: Locale): Promise<void> {
      await setSetting(db, key, locale);
    },
  };
}

export function cartTimeoutSettingKey(terminalId: string): string {
  return `cartTimeoutMs:${terminalId}`;
}

/**
 * How long an untouched cart keeps its seats before it is abandoned, per till (a quiet
 * daytime window can afford longer than a queue before the show). Null = the flow's default.
 * Values under 1 s or not whole milliseconds are ignored: they would abandon every cart.
 */
export async function cartTimeoutMs(db: BoxOfficeDb, terminalId: string): Promise<number | null> {
  const value = await getSetting(db, cartTimeoutSettingKey(terminalId));
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1000 ? value : null;
}
