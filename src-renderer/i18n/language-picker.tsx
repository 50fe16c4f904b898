import { LOCALES, type Locale } from './locales';
import { useLocale, useT } from './i18n-context';
import type { MessageKey } from './catalogs/en';

/** Each language by its own name: a reader who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  uk: 'Українська',
  'zh-Hans': '中文',
};

/** The language menu of the web apps (back office, customer pages): a labelled select. */
export function LanguagePicker({
  className,
  label,
}: {
  readonly className: string;
  readonly label: MessageKey;
}) {
  const tr = useT();
  const { locale, setLocale } = useLocale();
  return (
    <label className={className}>
      {tr.t(label)}
      <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
