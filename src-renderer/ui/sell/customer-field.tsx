import { useState } from 'react';
import type { Text } from '../use-text';
import { useText } from '../use-text';

/**
 * The customer on the order (optional): a name, phone or e-mail, kept with the sale so the
 * refund and exchange search find the order by it, and so the performance's per-customer
 * limit (anti-scalping) counts what this customer already holds.
 */
export function CustomerField({
  value,
  problem,
  onChange,
}: {
  readonly value: string | null;
  /** Why the cart cannot be sold to this customer, in words; null when it can. */
  readonly problem: string | null;
  readonly onChange: (customerId: string) => void;
}) {
  const text = useText();
  const [typed, setTyped] = useState(value ?? '');
  return (
    <>
      <label>
        {text('sell.customer')}
        <input
          value={typed}
          autoComplete="off"
          maxLength={64}
          placeholder={text('sell.customerHint')}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? 'customer-error' : undefined}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(e.target.value);
          }}
        />
      </label>
      {problem !== null ? (
        <p className="field-error" id="customer-error">
          {problem}
        </p>
      ) : null}
    </>
  );
}

/**
 * A refusal of the per-customer limit in words (the domain's `checkPurchaseLimits` refuses with
 * `details: {limit, held, requested}`); null when the refusal is something else.
 */
export function customerProblem(
  text: Text,
  error: { readonly code: string; readonly details?: unknown },
  customer: string | null,
): string | null {
  if (error.code !== 'limit_exceeded' || customer === null) return null;
  const d = error.details as { limit?: unknown; held?: unknown; requested?: unknown } | undefined;
  if (typeof d?.held !== 'number' || typeof d.limit !== 'number') return null;
  return text('ui.sell.customerLimit', {
    customer,
    held: d.held,
    limit: d.limit,
    room: Math.max(0, d.limit - d.held),
  });
}
