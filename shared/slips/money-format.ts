import { currencyExponent, toDecimalString, type Money } from '../money';
import type { SlipLocale } from './document';

/** Slips take the domain's Money (integer minor units + ISO 4217 currency) as it is. */
export type SlipMoney = Money;

const INTL_LOCALE: Record<SlipLocale, string> = { en: 'en-GB', uk: 'uk-UA', zh: 'zh-CN' };

/**
 * Currency names that every printer code page can carry. Intl would print "₴" for UAH in
 * Ukrainian, which WPC1251 lacks and would force a raster image onto every receipt.
 */
const CURRENCY_WORD: Partial<Record<SlipLocale, Record<string, string>>> = {
  uk: { UAH: 'грн' },
  zh: { CNY: '元' },
};

/** Slip text uses plain spaces: NBSP and narrow NBSP are missing from several code pages. */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** "1 234,50" (uk), "1,234.50" (en/zh) — the number only, for columns of amounts. */
export function formatAmount(money: SlipMoney, locale: SlipLocale): string {
  const exponent = currencyExponent(money.currency);
  const key = `${locale}:${exponent}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: 'decimal',
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    numberFormats.set(key, format);
  }
  // ES2023 Intl formats decimal strings exactly; the cast is for lib typings that predate it.
  return plainSpaces(format.format(toDecimalString(money) as unknown as number));
}

export function currencyLabel(currency: Money['currency'], locale: SlipLocale): string {
  return CURRENCY_WORD[locale]?.[currency] ?? currency;
}

/** "1 234,50 грн", "1,234.50 EUR". */
export function formatMoney(money: SlipMoney, locale: SlipLocale): string {
  return `${formatAmount(money, locale)} ${currencyLabel(money.currency, locale)}`;
}

/** Tax rates travel as basis points (2000 = 20 %), so no float ever reaches a slip. */
export function formatRate(basisPoints: number, locale: SlipLocale): string {
  const whole = Math.trunc(basisPoints / 100);
  const frac = Math.abs(basisPoints % 100);
  const sep = locale === 'uk' ? ',' : '.';
  const fracText = frac === 0 ? '' : `${sep}${frac.toString().padStart(2, '0').replace(/0$/, '')}`;
  return `${whole}${fracText}%`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** ISO instant → local wall time of the venue ("22.11.2026, 19:30"). */
export function formatDateTime(iso: string, locale: SlipLocale, timeZone: string): string {
  const key = `${locale}:${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    dateFormats.set(key, format);
  }
  return plainSpaces(format.format(new Date(iso)));
}

export function formatDate(iso: string, locale: SlipLocale, timeZone: string): string {
  const key = `date:${locale}:${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(key, format);
  }
  return plainSpaces(format.format(new Date(iso)));
}
