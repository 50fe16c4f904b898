import { fromPromise } from 'xstate';
import type { ContractClient } from '../../shared/ipc/client';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { TicketRecord } from '../../shared/orders/records';
import { err, ok } from '../../shared/util/result';
import type { FlowResult, PrintOutcome } from '../flows/flow-types';
import type {
  CommittedRefund,
  RefundCommitInput,
  RefundPlan,
  RefundPlanErrorCode,
  RefundPlanInput,
  RefundPrintInput,
} from '../flows/refund/refund-types';
import { verifyApproverActor } from './approval-service';
import type { Locale } from '../i18n';
import { orderLookupActors, type OrderLookupDeps } from './order-flow-actors';
import { reloadOrder } from './order-service';
import { printRefundSlips } from './refund-print';
import type { Till } from './till';
import { commitRefund, otherWindowOffline, planTillRefund } from './refund-service';

export interface RefundFlowDeps extends OrderLookupDeps {
  readonly client: ContractClient;
  /** The cashier's language when the voucher prints (they may switch mid-shift). */
  readonly locale: () => Locale;
}

/**
 * The refund machine's planRefund actor: the domain's one refund decision on the till's
 * catalog, settings and clock, so what the screen reads out is what `refund` will commit
 * (the command calls the same planRefund).
 */
export function planRefundActor(
  till: Pick<Till, 'catalog' | 'settings' | 'ports'>,
  /** Whether the offline cap applies to an order (see `otherWindowOffline`); never if absent. */
  offline: (orderId: string) => Promise<boolean> = () => Promise.resolve(false),
) {
  return fromPromise<FlowResult<RefundPlan, RefundPlanErrorCode>, RefundPlanInput>(({ input }) =>
    input.order === null
      ? Promise.resolve(err('not_found', 'Load the order first.'))
      : planTillRefund(
          till,
          input.order,
          {
            ticketIds: input.ticketIds,
            ...(input.override !== undefined ? { override: input.override } : {}),
          },
          { role: input.actorRole, staffId: input.actorStaffId },
          offline,
        ),
  );
}

/**
 * Every actor the refund machine declares, backed by the till services, for
 * `refundMachine.provide({ actors: refundFlowActors(...) })`. The commit is the same
 * `commitRefund` service the screen called before: the domain `refund` command and the
 * store's one strict commit path, untouched. The PIN check is the PBKDF2 one with lockout.
 */
export function refundFlowActors(deps: RefundFlowDeps) {
  const { till } = deps;
  // The print step gets the summary; the full payload (for the voucher) is kept per refund.
  const committed = new Map<
    string,
    {
      payload: RefundPayload;
      originalReceiptNo: number;
      /** the order's tickets: the voucher names the refunded seats */
      saleTickets: readonly TicketRecord[];
    }
  >();
  return {
    ...orderLookupActors(deps),
    planRefund: planRefundActor(till, (orderId) => otherWindowOffline(till, orderId)),
    verifyApprover: verifyApproverActor(till),
    commitRefund: fromPromise<FlowResult<CommittedRefund, string>, RefundCommitInput>(
      async ({ input }) => {
        const r = input.refund;
        // The order as it stands now, not as the screen loaded it: another window may have
        // refunded a ticket since, and the domain must judge the current state.
        const found = await reloadOrder(till, r.orderId);
        if (found === null) return err('not_found', 'The order is not in this till.');
        const done = await commitRefund(
          till,
          found.view,
          {
            ticketIds: [...r.ticketIds],
            method: r.method,
            reasonCode: r.reasonCode,
            ...(r.note !== undefined ? { note: r.note } : {}),
            ...(r.cardApprovals !== undefined ? { cardApprovals: { ...r.cardApprovals } } : {}),
            ...(r.override !== undefined ? { override: { reason: r.override.reason } } : {}),
          },
          input.staff,
          r.approver,
        );
        if (!done.ok) return done;
        const p = done.value;
        committed.set(p.refundId, {
          payload: p,
          originalReceiptNo: found.record.receiptNumber,
          saleTickets: found.view.sale.tickets,
        });
        return ok({
          refundId: p.refundId,
          receiptNo: p.receiptNo,
          total: p.total,
          method: p.method,
          training: p.training,
        });
      },
    ),
    printRefund: fromPromise<FlowResult<PrintOutcome, string>, RefundPrintInput>(
      async ({ input }) => {
        const refund = committed.get(input.refund.refundId);
        if (refund === undefined)
          return err('not_found', 'No committed refund with this number on this page.');
        const printed = await printRefundSlips(deps.client, till, refund, deps.locale());
        if (printed.state === 'failed')
          return err('print_failed', printed.message ?? 'The refund voucher did not print.');
        return ok({ state: printed.state });
      },
    ),
  };
}
