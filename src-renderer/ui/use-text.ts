import { useMemo } from 'react';
import type { MessageKey, MessageValues, Translator } from '../i18n';
import { isMessageKey, useT } from '../i18n';

export interface Text {
  /** A catalog key; money and dates as values (the translator formats them for the venue). */
  (key: MessageKey, values?: MessageValues): string;
  readonly tr: Translator;
}

/**
 * The screens' one way to get words: the translator of the one catalog per language. A key
 * built at run time that the catalog lacks comes back as itself, so a gap shows, never throws.
 */
export function useText(): Text {
  const tr = useT();
  return useMemo(() => {
    const fn = (key: MessageKey, values?: MessageValues): string =>
      isMessageKey(key) ? tr.t(key, values) : key;
    return Object.assign(fn, { tr });
  }, [tr]);
}
