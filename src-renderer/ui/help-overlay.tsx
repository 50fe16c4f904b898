import { useEffect, useRef } from 'react';
import { LET_IN_KEY } from './scan-verdict-panel';
import { NEXT_CUSTOMER_KEY } from './sell/sale-done';
import { TENDER_KEYS } from './sell/tender-words';
import { useText } from './use-text';

export function HelpOverlay({ onClose }: { readonly onClose: () => void }) {
  const text = useText();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
      <div className="dialog">
        <h2 id="help-title">{text('ui.help.title')}</h2>
        <ul>
          <li>{text('ui.help.sell')}</li>
          <li>{text('ui.help.refund')}</li>
          <li>{text('ui.help.exchange')}</li>
          <li>{text('ui.help.shift')}</li>
          <li>{text('ui.help.cancel')}</li>
          <li>{text('ui.help.seats')}</li>
          <li>{text('ui.help.pickPerformance')}</li>
          <li>{text('ui.help.bestN')}</li>
          <li>{text('ui.help.cashTyped')}</li>
          <li>{text('ui.help.exactCash', { key: TENDER_KEYS.exactCash })}</li>
          <li>{text('ui.help.card', { key: TENDER_KEYS.card })}</li>
          <li>{text('ui.help.pay', { key: TENDER_KEYS.pay })}</li>
          <li>{text('ui.help.nextCustomer', { key: NEXT_CUSTOMER_KEY })}</li>
          <li>{text('ui.help.letIn', { key: LET_IN_KEY })}</li>
          <li>{text('ui.help.signIn')}</li>
          <li>{text('ui.help.help')}</li>
          <li>Ctrl+F — {text('customers.shortcut')}</li>
        </ul>
        <button ref={close} type="button" onClick={onClose}>
          {text('common.close')}
        </button>
      </div>
    </div>
  );
}
