import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { OrderMatch } from '../../flows/order-lookup';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/** Several orders match a name: one button per order, newest first as the store gave them. */
export function OrderMatches({
  matches,
  onPick,
}: {
  readonly matches: readonly OrderMatch[];
  readonly onPick: (orderId: string) => void;
}) {
  const till = useTill();
  const text = useText();
  return (
    <section className="order-matches" aria-labelledby="order-matches-title">
      <h3 id="order-matches-title">{text('ui.flow.matches')}</h3>
      <ul>
        {matches.map((m) => (
          <li key={m.orderId}>
            <button type="button" onClick={() => onPick(m.orderId)}>
              {text('ui.flow.match', {
                receipt: formatReceiptNumber(m.terminalId ?? till.terminalId, m.receiptNo),
                date: new Date(m.at),
                amount: m.total,
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
