import { IntlMessageFormat } from 'intl-messageformat';
import type { Currency, Money } from '../../shared/money';
import type { DateStyle } from './format-date';
import { formatDate } from './format-date';
import { formatMoney } from './format-money';
import type { Locale, MessageKey } from './locales';
import { CATALOGS } from './locales';
import type { ReasonLike } from './reason-values';
import { detailValues, reasonValues } from './reason-values';

/** What the venue decides about presentation; the cashier's language is separate. */
export interface VenueFormat {
  readonly currency: Currency;
  readonly timeZone: string;
}

/** Money and dates may be passed raw: the translator formats them for the venue. */
export type MessageValue = string | number | Money | Date;
export type MessageValues = Readonly<Record<string, MessageValue>>;

export interface Translator {
  readonly locale: Locale;
  readonly venue: VenueFormat;
  t(key: MessageKey, values?: MessageValues): string;
  /** A refund-policy reason (`reason.<code>`) with the domain's params made readable. */
  reason(reason: ReasonLike): string;
  /** A domain command / PIN check error (`error.<code>`) or a store error (`storage.<code>`). */
  error(error: {
    readonly code: string;
    readonly message?: string;
    readonly details?: unknown;
  }): string;
  /** "3 days" / "5 hours" / "20 minutes", as the domain rounds them. */
  duration(hours: number): string;
  money(amount: Money): string;
  date(instant: Date | string, style?: DateStyle): string;
}

function isMoney(value: MessageValue): value is Money {
  return typeof value === 'object' && !(value instanceof Date) && 'amount' in value;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGS.en, key);
}

/**
 * A value that ends with its own full stop (a Ukrainian date "12 квіт. 2026 р.", an
 * abbreviation) at the end of a sentence: the sentence's stop is not written a second time.
 */
function endSentencesOnce(text: string, values: Readonly<Record<string, string | number>>): string {
  let out = text;
  for (const value of Object.values(values)) {
    if (typeof value === 'string' && value.endsWith('.')) out = out.split(`${value}.`).join(value);
  }
  return out;
}

export function createTranslator(locale: Locale, venue: VenueFormat): Translator {
  const catalog = CATALOGS[locale];
  // Parsing an ICU message costs far more than formatting it; a screen re-renders often.
  const compiled = new Map<MessageKey, IntlMessageFormat>();

  const prepare = (values: MessageValues | undefined): Record<string, string | number> => {
    const out: Record<string, string | number> = {};
    if (values === undefined) return out;
    for (const [name, value] of Object.entries(values)) {
      if (value instanceof Date) out[name] = formatDate(locale, venue.timeZone, value);
      else if (typeof value === 'object')
        out[name] = isMoney(value) ? formatMoney(locale, value) : '';
      else out[name] = value;
    }
    return out;
  };

  const t = (key: MessageKey, values?: MessageValues): string => {
    let message = compiled.get(key);
    if (message === undefined) {
      message = new IntlMessageFormat(catalog[key], locale);
      compiled.set(key, message);
    }
    try {
      const prepared = prepare(values);
      const text = message.format(prepared);
      return endSentencesOnce(typeof text === 'string' ? text : String(text), prepared);
    } catch {
      // A missing value is a programmer error, but a till must still show something readable
      // rather than crash the screen mid-sale: the raw pattern names what was missing.
      return catalog[key];
    }
  };

  const byCode = (
    prefixes: readonly string[],
    code: string,
    values: MessageValues,
    fallback?: string,
  ) => {
    for (const prefix of prefixes) {
      const key = `${prefix}${code}`;
      if (isMessageKey(key)) return t(key, values);
    }
    return fallback ?? code;
  };

  // Same thresholds as the domain's English sentences (shared/refund-policy/reasons.ts).
  const duration = (hours: number): string => {
    if (hours >= 48) return t('duration.days', { count: Math.floor(hours / 24) });
    if (hours >= 1) return t('duration.hours', { count: Math.floor(hours) });
    return t('duration.minutes', { count: Math.max(0, Math.floor(hours * 60)) });
  };
  const role = (id: string): string => {
    const key = `staff.role.${id}`;
    return isMessageKey(key) ? t(key) : id;
  };

  return {
    locale,
    venue,
    t,
    reason: (r) =>
      byCode(
        ['reason.'],
        r.code,
        reasonValues(r.params, { currency: venue.currency, duration, role }),
        r.message,
      ),
    error: (e) => {
      const values: Record<string, MessageValue> = { ...detailValues(e.details) };
      if (typeof values.role === 'string') values.role = role(values.role);
      // A count from an earlier answer (the offline "venue still has N") says when it was true.
      const asOf = `${e.code}_as_of`;
      if (values.venueAt instanceof Date && isMessageKey(`error.${asOf}`)) {
        return byCode(['error.'], asOf, values, e.message);
      }
      return byCode(['error.', 'storage.'], e.code, values, e.message);
    },
    duration,
    money: (amount) => formatMoney(locale, amount),
    date: (instant, style) => formatDate(locale, venue.timeZone, instant, style),
  };
}
