import type { MessageKey } from './catalogs/en';
import { en } from './catalogs/en';
import { uk } from './catalogs/uk';
import { zhHans } from './catalogs/zh-hans';

/** The three languages the till speaks. Tags are BCP 47 and go straight into `Intl`. */
export const LOCALES = ['en', 'uk', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en,
  uk,
  'zh-Hans': zhHans,
};

export type { MessageKey };
