export type { MessageKey } from './catalogs/en';
export { LOCALES, DEFAULT_LOCALE, CATALOGS, isLocale, type Locale } from './locales';
export { formatMoney } from './format-money';
export { formatDate, formatDay, formatTimeZone, localDay, type DateStyle } from './format-date';
export {
  createTranslator,
  isMessageKey,
  type Translator,
  type VenueFormat,
  type MessageValue,
  type MessageValues,
} from './translator';
export {
  I18nProvider,
  useT,
  useLocale,
  type LocalePreference,
  type I18nProviderProps,
} from './i18n-context';
export { LanguagePicker, LANGUAGE_NAMES } from './language-picker';
export { RefundReasonSelect } from './refund-reason-select';
export { refundReasonKey } from './refund-reason';
