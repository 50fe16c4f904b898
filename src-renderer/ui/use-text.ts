import { IntlMessageFormat } from 'intl-messageformat';
import { useMemo } from 'react';
import type { Locale, MessageKey, MessageValues, Translator } from '../i18n';
import { isMessageKey, useT } from '../i18n';
import type { UiMessageKey } from './messages/en';
import { uiEn } from './messages/en';
import { uiUk } from './messages/uk';
import { uiZh } from './messages/zh';

const FRAGMENTS: Record<Locale, Record<UiMessageKey, string>> = {
  en: uiEn,
  uk: uiUk,
  'zh-Hans': uiZh,
};

export interface Text {
  /** A shared catalog key or a key of this folder's fragment; money and dates as values. */
  (key: MessageKey | UiMessageKey, values?: MessageValues): string;
  readonly tr: Translator;
}

function isUiKey(key: string): key is UiMessageKey {
  return Object.hasOwn(uiEn, key);
}

/**
 * The screens' one way to get words: the shared translator for catalog keys, and the same
 * ICU formatting (money and dates through the translator) for the fragment's own keys.
 */
export function useText(): Text {
  const tr = useT();
  return useMemo(() => {
    const compiled = new Map<string, IntlMessageFormat>();
    const fn = (key: MessageKey | UiMessageKey, values?: MessageValues): string => {
      if (!isUiKey(key)) return isMessageKey(key) ? tr.t(key, values) : key;
      const pattern = FRAGMENTS[tr.locale][key];
      let message = compiled.get(key);
      if (message === undefined) {
        message = new IntlMessageFormat(pattern, tr.locale);
        compiled.set(key, message);
      }
      const prepared: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(values ?? {})) {
        if (value instanceof Date) prepared[name] = tr.date(value);
        else if (typeof value === 'object') prepared[name] = tr.money(value);
        else prepared[name] = value;
      }
      try {
        const out = message.format(prepared);
        return typeof out === 'string' ? out : String(out);
      } catch {
        return pattern;
      }
    };
    return Object.assign(fn, { tr });
  }, [tr]);
}
