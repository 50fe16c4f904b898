import { REFUND_REASONS, type RefundReasonCode } from '../../shared/journal/entry-types';
import { useT } from './i18n-context';

/**
 * "Why do you ask for a refund?" with the journal's reason codes in the customer's words
 * (`request.reason.*`): the customer pages and the back office's phone request ask the same.
 */
export function RefundReasonSelect({
  value,
  onChange,
}: {
  readonly value: RefundReasonCode;
  readonly onChange: (reason: RefundReasonCode) => void;
}) {
  const tr = useT();
  return (
    <label>
      {tr.t('request.reason.legend')}
      <select value={value} onChange={(e) => onChange(e.target.value as RefundReasonCode)}>
        {REFUND_REASONS.map((r) => (
          <option key={r} value={r}>
            {tr.t(`request.reason.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
