import { fromPromise } from 'xstate';
import type { Actor } from '../../shared/commands';
import { err, ok } from '../../shared/util/result';
import type {
  CommitActorResult,
  PrintActorResult,
  SellCommitInput,
  SellPrintInput,
} from '../flows/sell/sell-types';
import type { Locale } from '../i18n';
import type { PrintOutcome } from './print-service';
import type { CompletedSale } from './sale-service';
import { commitSale } from './sale-service';
import type { Till } from './till';

/** Prints a committed sale's receipt (print-service `printSale` over the contract client). */
export type PrintSaleFn = (sale: CompletedSale, locale: Locale) => Promise<PrintOutcome>;

/**
 * The sell machine's `commitSale` and `printSale` actors backed by the till services, for
 * `sellMachine.provide({ actors: sellFlowActors(...) })` (the sell screen does so). The
 * commit passes the cart id so the cart's own seat holds become its sold seats.
 */
export function sellFlowActors(
  till: Till,
  print: PrintSaleFn,
  locale: () => Locale,
  /**
   * Who sells: a cart resumed after a change of cashier was started by the previous one,
   * but the sale is made (and journalled) by whoever is signed in now. Default: the flow's.
   */
  currentStaff?: () => Actor,
) {
  // The print step gets only the summary; the full sale (for the receipt) is kept per cart.
  const committed = new Map<string, CompletedSale>();
  return {
    commitSale: fromPromise<CommitActorResult, SellCommitInput>(async ({ input }) => {
      if (committed.has(input.cartId)) return err('invalid_state', 'This cart was already sold.');
      const r = await commitSale(
        till,
        {
          items: input.sell.items.map((i) => ({ ...i })),
          tenders: [...input.sell.tenders],
          ...(input.sell.promoCode !== undefined ? { promoCode: input.sell.promoCode } : {}),
          ...(input.sell.customerId !== undefined ? { customerId: input.sell.customerId } : {}),
        },
        currentStaff?.() ?? input.staff,
        input.cartId,
      );
      if (!r.ok) return r;
      committed.set(input.cartId, r.value);
      const s = r.value.sale;
      return ok({
        orderId: s.orderId,
        receiptNo: s.receiptNo,
        total: s.totals.total,
        change: s.totals.change,
        checkId: r.value.output.checkId,
        tenderKinds: s.tenders.map((t) => t.kind),
        training: s.training,
      });
    }),
    printSale: fromPromise<PrintActorResult, SellPrintInput>(async ({ input }) => {
      const sale = committed.get(input.cartId);
      if (sale === undefined)
        return err('not_found', 'No committed sale for this cart on this page.');
      const printed = await print(sale, locale());
      return printed.state === 'failed'
        ? err('print_failed', printed.message ?? 'Printing failed.')
        : ok({ state: printed.state });
    }),
  };
}
