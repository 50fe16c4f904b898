import { fromPromise } from 'xstate';
import type { ContractClient } from '../../shared/ipc/client';
import { err, ok } from '../../shared/util/result';
import type {
  CommitActorResult,
  PrintActorResult,
  SellCommitInput,
  SellPrintInput,
} from '../flows/sell-types';
import type { Locale } from '../i18n';
import { printSale } from './print-service';
import type { CompletedSale } from './sale-service';
import { commitSale } from './sale-service';
import type { Till } from './till';

/**
 * The sell machine's `commitSale` and `printSale` actors backed by the till services, for
 * `sellMachine.provide({ actors: sellFlowActors(...) })`. The screens in src-renderer/ui do
 * not drive the machine yet; these adapters let them (or a kiosk UI) switch to it.
 */
export function sellFlowActors(till: Till, client: ContractClient, locale: () => Locale) {
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
        input.staff,
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
      });
    }),
    printSale: fromPromise<PrintActorResult, SellPrintInput>(async ({ input }) => {
      const sale = committed.get(input.cartId);
      if (sale === undefined)
        return err('not_found', 'No committed sale for this cart on this page.');
      const printed = await printSale(client, till, sale, locale());
      return printed.state === 'failed'
        ? err('print_failed', printed.message ?? 'Printing failed.')
        : ok({ state: printed.state });
    }),
  };
}
