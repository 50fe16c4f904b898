import type { CommandErrorCode, ExchangeInput, SellItem } from '../../shared/commands';
import { exchange, planExchange, type ExchangePlan } from '../../shared/commands';
import type { Actor } from '../../shared/commands/types';
import { approvedCommand, type ApprovalErrorCode, type ApprovalToken } from './approval-service';
import type { ExchangePayload } from '../../shared/journal/entry-types';
import type { OrderView } from '../../shared/orders/order-view';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { StoreErrorCode } from '../store';
import { projectExchange } from './order-service';
import { claimForSale, inventoriesFor, recheckGaQuota } from './sale-service';
import type { ClaimCode } from '../inventory/inventory-source';
import type { Till } from './till';
import { voucherBalancesFor } from './voucher-balances';

/**
 * The exchange as the commit will do it (the domain's `planExchange` over this till's stored
 * inventory), for the settle screen to read out before the customer pays or is paid.
 */
export async function previewExchange(
  till: Till,
  order: OrderView,
  ticketIds: readonly string[],
  items: readonly SellItem[],
  holdId?: string,
): Promise<Result<ExchangePlan, CommandErrorCode>> {
  const inventory = await inventoriesFor(till, items, holdId);
  return planExchange(
    { catalog: till.catalog, inventory, order },
    { ticketIds, items },
    till.ports.clock(),
  );
}

export async function commitExchange(
  till: Till,
  order: OrderView,
  input: Omit<ExchangeInput, 'orderId'>,
  actor: Actor,
  approval?: ApprovalToken,
  holdId?: string,
): Promise<
  Result<ExchangePayload, CommandErrorCode | ApprovalErrorCode | StoreErrorCode | ClaimCode>
> {
  const [inventory, voucherBalances] = await Promise.all([
    inventoriesFor(till, input.items, holdId),
    voucherBalancesFor(till.store.db, input.tenders ?? []),
  ]);
  // The new tickets' places no hold claimed (GA) come from the venue's shared inventory first,
  // as for a sale (see claimForSale); given back if the exchange is not committed.
  const claims = till.state().training ? ok([]) : await claimForSale(till, input.items, holdId);
  if (!claims.ok) return claims;
  let payload: ExchangePayload | undefined;
  const run = approvedCommand(till, approval, (terminal, approver) =>
    exchange(
      {
        terminal,
        settings: till.settings,
        catalog: till.catalog,
        inventory,
        order,
        voucherBalances,
      },
      { ...input, orderId: order.orderId, ...(approver ? { approver } : {}) },
      actor,
      till.ports,
    ),
  );
  const committed = await till.commit<CommandErrorCode | ApprovalErrorCode>(
    async (terminal) => {
      const result = await run(terminal);
      if (!result.ok) return result;
      payload = result.value.exchange;
      return ok(result.value.drafts);
    },
    async ({ db, entries, now }) => {
      for (const e of entries) {
        if (e.type !== 'exchange') continue;
        const counts = await projectExchange(db, e.payload, holdId, now);
        // The new GA places were counted before the transaction, as a sale's: the same recheck
        // inside it, so an exchange racing a sale never takes the last place twice.
        if (counts !== undefined) recheckGaQuota(till, e.payload.issued, counts);
      }
    },
  );
  if (!committed.ok) {
    await Promise.all(claims.value.map((id) => till.inventory.releaseHold(id)));
    return committed;
  }
  return payload ? ok(payload) : err('invalid_state', 'The exchange was not recorded.');
}
