import { useState } from 'react';
import type { FoundOrder } from '../../app/order-service';
import { findOrders } from '../../app/order-service';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/** Scan a ticket (a wedge scanner types into the field), or type a receipt number or a name. */
export function FindOrder({
  onFound,
}: {
  readonly onFound: (order: FoundOrder | null, query: string) => void;
}) {
  const till = useTill();
  const text = useText();
  const [query, setQuery] = useState('');
  return (
    <form
      className="find-order"
      onSubmit={(e) => {
        e.preventDefault();
        void findOrders(till, query).then((found) => onFound(found[0] ?? null, query));
      }}
    >
      <label>
        {text('ui.refund.search')}
        <input
          value={query}
          placeholder={text('refund.find')}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <button type="submit">{text('ui.refund.searchButton')}</button>
    </form>
  );
}
