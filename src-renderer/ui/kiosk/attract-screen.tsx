import type { Locale } from '../../i18n';
import { LOCALES, useLocale } from '../../i18n';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';

const LANGUAGE_KEY = {
  en: 'locale.en',
  uk: 'locale.uk',
  'zh-Hans': 'locale.zh-Hans',
} as const satisfies Record<Locale, string>;

/**
 * The screen a kiosk waits on: what it is for, in the customer's choice of language, and the
 * one big button to start. Languages are named in themselves, so anyone finds theirs.
 */
export function AttractScreen({
  onBuy,
  onRefund,
  onExchange,
}: {
  readonly onBuy: () => void;
  /** self-refund (kiosk-refund.tsx) */
  readonly onRefund?: () => void;
  /** self-exchange (kiosk-exchange.tsx) */
  readonly onExchange?: () => void;
}) {
  const text = useText();
  const { locale, setLocale } = useLocale();
  return (
    <KioskFrame
      id="kiosk-attract-title"
      title={text('kiosk.attract.title')}
      top={<p>{text('kiosk.attract.subtitle')}</p>}
    >
      <div role="group" aria-label={text('locale.label')} className="kiosk-languages">
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={l === locale}
            onClick={() => void setLocale(l)}
          >
            {text(LANGUAGE_KEY[l])}
          </button>
        ))}
      </div>
      <button type="button" className="kiosk-primary" onClick={onBuy}>
        {text('kiosk.attract.buy')}
      </button>
      {onRefund !== undefined ? (
        <button type="button" className="kiosk-secondary" onClick={onRefund}>
          {text('kiosk.attract.refund')}
        </button>
      ) : null}
      {onExchange !== undefined ? (
        <button type="button" className="kiosk-secondary" onClick={onExchange}>
          {text('kiosk.exchange.attract')}
        </button>
      ) : null}
    </KioskFrame>
  );
}
