import { REFUND_REASONS, type RefundReasonCode } from '../../shared/journal/entry-types';
import { useT } from './i18n-context';
import { refundReasonKey } from './refund-reason';

/**
 * "Why do you ask for a refund?" with the journal's reason codes: in the customer's own words
 * (`request.reason.*`, "I bought the tickets twice") on the customer pages, and in the staff
 * names every other screen and the slips use (`refundReason.*`) for the back office's phone
 * request, so a manager reads one name per reason everywhere.
 */
export function RefundReasonSelect({
  value,
  onChange,
  words,
}: {
  readonly value: RefundReasonCode;
  readonly onChange: (reason: RefundReasonCode) => void;
  readonly words: 'customer' | 'staff';
}) {
  const tr = useT();
  return (
    <label>
      {tr.t('request.reason.legend')}
      <select value={value} onChange={(e) => onChange(e.target.value as RefundReasonCode)}>
        {REFUND_REASONS.map((r) => (
          <option key={r} value={r}>
            {tr.t(words === 'customer' ? `request.reason.${r}` : refundReasonKey(r))}
          </option>
        ))}
      </select>
    </label>
  );
}
