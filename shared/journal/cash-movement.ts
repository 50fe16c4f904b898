import type { DomainEntry } from './entry-types';

/** Cash in and out of the drawer for one entry, in minor units (both ≥ 0). */
export interface CashMovement {
  readonly in: number;
  readonly out: number;
}

function cashOf(parts: readonly { readonly kind: string; readonly amount: { amount: number } }[]) {
  let total = 0;
  for (const p of parts) if (p.kind === 'cash') total += p.amount.amount;
  return total;
}

/**
 * What an entry does to the cash drawer, or null when it has no reason to open it: a sale or
 * exchange that took cash, a refund, exchange or void that paid cash back, a paid in or out,
 * a drop, and a no-sale (which moves nothing but is the journalled reason to open). Main opens
 * the drawer only for an entry this says yes to; the page's word is never asked.
 */
export function cashMovedBy(entry: DomainEntry): CashMovement | null {
  switch (entry.type) {
    case 'sale':
      return moved(cashOf(entry.payload.tenders), 0);
    case 'refund':
      return moved(0, cashOf(entry.payload.payouts));
    case 'exchange':
      return moved(cashOf(entry.payload.tenders), cashOf(entry.payload.payouts));
    case 'void':
      return moved(0, cashOf(entry.payload.payouts));
    case 'paid_in':
      return { in: entry.payload.amount.amount, out: 0 };
    case 'paid_out':
    case 'drop':
      return { in: 0, out: entry.payload.amount.amount };
    case 'no_sale':
      return { in: 0, out: 0 };
    // Listed so that a new entry type has to be placed here.
    case 'shift_open':
    case 'shift_close':
    case 'approval':
    case 'login':
    case 'logout':
    case 'training_mode':
    case 'admission':
      return null;
  }
}

function moved(cashIn: number, cashOut: number): CashMovement | null {
  return cashIn > 0 || cashOut > 0 ? { in: cashIn, out: cashOut } : null;
}
