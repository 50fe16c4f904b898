import type { Money } from '../../shared/money/money';
import type { TenderInput } from '../../shared/orders/tenders';
import type { BoxOfficeDb } from '../store';
import { isStoredOrder } from './till-records';

/**
 * Credit vouchers a till can take as a tender: the ones the central server issued for refund
 * requests (issue 14), learnt from the pull (sync/server-refunds.ts stores each under
 * `server-voucher:<code>`). What is left on one is its value less every voucher tender naming
 * it in the orders this till holds — its own sales and exchanges and every other window's it
 * has pulled — so a voucher spent at one window is spent at all of them once they have synced.
 * Two windows offline at once can each take it (as they can each sell a seat): the server's
 * journal shows both redemptions.
 */
export const SERVER_VOUCHER_PREFIX = 'server-voucher:';

export interface StoredServerVoucher {
  readonly code: string;
  readonly value: Money;
  readonly requestId: string;
  /** When the server issued it (ISO 8601). */
  readonly at: string;
}

function isServerVoucher(v: unknown): v is StoredServerVoucher {
  const s = v as Partial<StoredServerVoucher> | undefined;
  return (
    typeof s?.code === 'string' &&
    typeof s.at === 'string' &&
    typeof s.value?.amount === 'number' &&
    typeof s.value.currency === 'string'
  );
}

/** A till's clock may run behind the server's: orders this much older still count. */
const CLOCK_SLACK_MS = 86_400_000;

/**
 * The balances of the vouchers `tenders` offer, for the sell and exchange commands'
 * `voucherBalances` (a voucher this till does not know is left out: the command refuses it).
 */
export async function voucherBalancesFor(
  db: BoxOfficeDb,
  tenders: readonly TenderInput[],
): Promise<Record<string, Money>> {
  const codes = [
    ...new Set(tenders.flatMap((t) => (t.kind === 'voucher' ? [t.voucherId.trim()] : []))),
  ];
  if (codes.length === 0) return {};
  const stored = await db.settings.bulkGet(codes.map((c) => SERVER_VOUCHER_PREFIX + c));
  const vouchers = stored.flatMap((s) => (isServerVoucher(s?.value) ? [s.value] : []));
  if (vouchers.length === 0) return {};
  const since = new Date(
    Math.min(...vouchers.map((v) => Date.parse(v.at))) - CLOCK_SLACK_MS,
  ).toISOString();
  const spent = new Map<string, number>();
  await db.orders
    .where('at')
    .aboveOrEqual(since)
    .each((record) => {
      const order = (record as { order?: unknown }).order;
      if (!isStoredOrder(order)) return;
      const tenders = [
        ...order.sale.tenders,
        ...order.events.flatMap((e) => (e.type === 'exchange' ? e.payload.tenders : [])),
      ];
      for (const t of tenders) {
        if (t.kind === 'voucher')
          spent.set(t.voucherId, (spent.get(t.voucherId) ?? 0) + t.amount.amount);
      }
    });
  const balances: Record<string, Money> = {};
  for (const v of vouchers) {
    const left = v.value.amount - (spent.get(v.code) ?? 0);
    if (left > 0) balances[v.code] = { amount: left, currency: v.value.currency };
  }
  return balances;
}
