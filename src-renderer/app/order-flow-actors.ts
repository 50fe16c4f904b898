import { fromPromise } from 'xstate';
import { err, ok } from '../../shared/util/result';
import type {
  FindActorResult,
  FindErrorCode,
  FindQuery,
  LoadOrderActorResult,
  LoadOrderInput,
  OrderMatch,
} from '../flows/order-lookup';
import type { TicketScanVerdict, TicketScanVerdictCode } from '../scan';
import { orderByReceipt, ordersByCustomer, ticketByCode } from '../store';
import type { FoundOrder } from './order-service';
import { reloadOrder } from './order-service';
import type { Till } from './till';
import { parseReceiptNumber } from '../../shared/orders/receipt-number';

/**
 * The `findOrders` and `loadOrder` actors the refund and exchange machines share, over the
 * till's store. A scanned or typed ticket code is verified first (signature, revocation) by
 * the app's ticket scanner, so a forged code is a refusal and never opens anybody's order.
 */
export interface OrderLookupDeps {
  readonly till: Till;
  /**
   * The app's ticket scanner, read at each lookup (scanning starts after the screen may have
   * mounted); null before it has started, and then only codes this store holds match.
   */
  readonly ticketScanner: () => { scan(code: string): Promise<TicketScanVerdict> } | null;
}

/** A verdict that opens no order, as the find error the machines know. */
const REFUSALS: Readonly<Record<Exclude<TicketScanVerdictCode, 'genuine'>, FindErrorCode>> = {
  malformed: 'invalid_code',
  bad_signature: 'forged',
  unknown_key: 'unknown_key',
  revoked: 'revoked',
  not_found: 'not_found',
  store_error: 'store_error',
  // Admitted or for another venue: not an order this window can open from the code.
  used: 'invalid_code',
  wrong_venue: 'invalid_code',
  // These carry the stored ticket, so they open its order (without preselecting it).
  mismatch: 'not_found',
  refunded: 'not_found',
  exchanged: 'not_found',
  voided: 'not_found',
};

function matchOf(found: FoundOrder, ticketId?: string): OrderMatch {
  const r = found.record;
  return {
    orderId: r.id,
    receiptNo: r.receiptNumber,
    at: r.at,
    total: r.total,
    terminalId: r.terminalId,
    ...(found.view.sale.customerId !== undefined ? { customerId: found.view.sale.customerId } : {}),
    ...(ticketId !== undefined ? { ticketId } : {}),
  };
}

async function byTicketCode(deps: OrderLookupDeps, code: string): Promise<FindActorResult> {
  const scanner = deps.ticketScanner();
  if (scanner === null) {
    // Only a code this store issued or replicated matches exactly: nothing forged gets through.
    const t = await ticketByCode(deps.till.store.db, code);
    const found = t ? await reloadOrder(deps.till, t.orderId) : null;
    return ok(found ? [matchOf(found, t?.id)] : []);
  }
  const v = await scanner.scan(code);
  if (!('scanned' in v)) return err(REFUSALS[v.code], v.message, { verdict: v });
  const found = await reloadOrder(deps.till, v.scanned.record.orderId);
  if (found === null) return err('not_found', v.message, { verdict: v });
  // Only a genuine, still valid ticket is preselected; a refunded one just opens its order.
  return ok([matchOf(found, v.code === 'genuine' ? v.scanned.ticket.ticketId : undefined)]);
}

export async function findOrderMatches(
  deps: OrderLookupDeps,
  query: FindQuery,
): Promise<FindActorResult> {
  const { till } = deps;
  try {
    switch (query.kind) {
      case 'ticket_code':
        return await byTicketCode(deps, query.code);
      case 'receipt': {
        const r = await orderByReceipt(
          till.store.db,
          query.terminalId ?? till.terminalId,
          query.receiptNo,
        );
        const found = r ? await reloadOrder(till, r.id) : null;
        return ok(found ? [matchOf(found)] : []);
      }
      case 'customer': {
        const out: OrderMatch[] = [];
        for (const r of await ordersByCustomer(till.store.db, query.text.trim(), 20)) {
          const found = await reloadOrder(till, r.id);
          if (found) out.push(matchOf(found));
        }
        return ok(out);
      }
    }
  } catch (e) {
    return err('store_error', `The order could not be read: ${String(e)}`);
  }
}

/**
 * What the cashier typed into the search, as a query: a receipt number ("T-7F3K2Q9M-000042",
 * "R-T-7F3K2Q9M-000042" from the receipt barcode, or just "42"), a signed ticket code (they are
 * ~150 characters; checked before the receipt shape, as the old search did), else a name.
 */
export function findQueryOf(text: string): FindQuery | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.length >= 40) return { kind: 'ticket_code', code: t };
  const receipt = parseReceiptNumber(t);
  if (receipt !== null) return { kind: 'receipt', ...receipt };
  return { kind: 'customer', text: t };
}

export function orderLookupActors(deps: OrderLookupDeps) {
  return {
    findOrders: fromPromise<FindActorResult, FindQuery>(({ input }) =>
      findOrderMatches(deps, input),
    ),
    loadOrder: fromPromise<LoadOrderActorResult, LoadOrderInput>(async ({ input }) => {
      try {
        const found = await reloadOrder(deps.till, input.orderId);
        return found ? ok(found.view) : err('not_found', 'The order is not in this till.');
      } catch (e) {
        return err('store_error', `The order could not be read: ${String(e)}`);
      }
    }),
  };
}
