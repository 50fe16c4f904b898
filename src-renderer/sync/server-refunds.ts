import Dexie from 'dexie';
import type { ServerRefund } from '../../shared/orders/server-refund';
import type { PullResponse } from '../../shared/sync/contract';
import type { BoxOfficeDb } from '../store';
import { appendEvent, settleTicket } from '../app/order-service';
import { isStoredOrder } from '../app/till-records';
import { SERVER_VOUCHER_PREFIX, type StoredServerVoucher } from '../app/voucher-balances';

/**
 * Refunds the central server paid itself (issue 14: a card refund through the payment
 * provider, a credit voucher issued), from the pull's `serverRefunds`, applied to this till's
 * read models: the order gains a `server_refund` event — so the one refund decision
 * (planRefund) refuses its tickets with "Refunded online on …, request R-…" — and each ticket
 * turns `refunded`, so the door scan refuses it and its seat goes back on sale. A voucher the
 * server issued is kept for the tender (app/voucher-balances.ts).
 *
 * Nothing enters this till's journal: it is this terminal's own hash chain, and the payout
 * is the server's ledger's. The transaction below does not include the journal table.
 */

/** The server-ledger seq this till has applied up to. */
export const SERVER_REFUNDS_CURSOR_SETTING = 'sync-server-refunds-cursor';

export async function serverRefundsCursor(db: BoxOfficeDb): Promise<number> {
  const value = (await db.settings.get(SERVER_REFUNDS_CURSOR_SETTING))?.value;
  return typeof value === 'number' ? value : 0;
}

export interface ServerRefundsOutcome {
  readonly applied: number;
  /** Already applied (a page seen twice): nothing written. */
  readonly seen: number;
  /** The order is not in this till (not an upcoming performance's) or does not fit: skipped. */
  readonly kept: number;
}

function isStorageError(e: unknown): boolean {
  return e instanceof Dexie.DexieError || e instanceof DOMException;
}

/**
 * Applies one pulled list and moves the cursor to its `next`, in one transaction: killed
 * half-way, the till applies it again from the old cursor, and the request id on each order's
 * event makes that a no-op for what was written. Called once the feed page is caught up, so
 * an order the server paid back (pushed before it was paid) is already here if it ever will be.
 */
export async function applyServerRefunds(
  db: BoxOfficeDb,
  page: NonNullable<PullResponse['serverRefunds']>,
): Promise<ServerRefundsOutcome> {
  let applied = 0;
  let seen = 0;
  let kept = 0;
  await db.transaction(
    'rw',
    [db.orders, db.tickets, db.ticketCounts, db.seatStates, db.settings],
    async () => {
      for (const refund of page.entries) {
        // A voucher is spendable here whether or not this till holds the order it refunds.
        if (refund.voucherCode !== undefined) {
          const voucher: StoredServerVoucher = {
            code: refund.voucherCode,
            value: refund.amount,
            requestId: refund.requestId,
            at: refund.at,
          };
          await db.settings.put({
            key: SERVER_VOUCHER_PREFIX + refund.voucherCode,
            value: voucher,
          });
        }
        const outcome = await applyOne(db, refund);
        if (outcome === 'applied') applied++;
        else if (outcome === 'seen') seen++;
        else kept++;
      }
      const cursor = await serverRefundsCursor(db);
      await db.settings.put({
        key: SERVER_REFUNDS_CURSOR_SETTING,
        value: Math.max(cursor, page.next),
      });
    },
  );
  return { applied, seen, kept };
}

async function applyOne(
  db: BoxOfficeDb,
  refund: ServerRefund,
): Promise<'applied' | 'seen' | 'kept'> {
  const record = await db.orders.get(refund.orderId);
  const stored = (record as { order?: unknown } | undefined)?.order;
  if (!isStoredOrder(stored)) return 'kept';
  if (
    stored.events.some(
      (e) => e.type === 'server_refund' && e.payload.requestId === refund.requestId,
    )
  )
    return 'seen';
  try {
    // The order first: projectOrder refuses a ticket the order does not have before anything
    // is written, so a refused payout leaves no ticket half-settled.
    await appendEvent(db, refund.orderId, { type: 'server_refund', payload: refund });
  } catch (e) {
    if (isStorageError(e)) throw e;
    console.warn(`Sync: server refund ${refund.requestId} kept unapplied:`, e);
    return 'kept';
  }
  for (const ticketId of refund.ticketIds) await settleTicket(db, ticketId, 'refunded');
  return 'applied';
}
