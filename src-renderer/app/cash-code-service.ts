import type { CashCodePayload } from '../../shared/cash-codes/cash-code-payload';
import type { CashCodeVerdict } from '../../shared/cash-codes/verify-cash-code';
import { verifyCashCode } from '../../shared/cash-codes/verify-cash-code';
import type { CommandErrorCode } from '../../shared/commands';
import { priorCashCodePayout } from '../../shared/commands/cash-code-refund';
import type { Actor } from '../../shared/commands/types';
import { preferredEd25519Backend } from '../../shared/crypto/ed25519';
import type { ContractClient } from '../../shared/ipc/client';
import type { CashCodeRef, RefundPayload } from '../../shared/journal/entry-types';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { Locale } from '../i18n';
import { catalogCurrentAt, type StoreErrorCode } from '../store';
import { loadCashCodeKeyRing } from '../sync/cash-code-keys';
import type { ApprovalErrorCode } from './approval-service';
import { reloadOrder, type FoundOrder } from './order-service';
import {
  printDocument,
  refundVoucherDocument,
  staffNames,
  type PrintOutcome,
} from './print-service';
import { commitRefund } from './refund-service';
import type { Till } from './till';

/** What the cashier sees after a code is scanned or typed, before anything is paid. */
export type CashCodeCheck =
  | { readonly kind: 'refused'; readonly verdict: Exclude<CashCodeVerdict, 'genuine'> }
  /** Genuine, but the order is not in this till (never synced here): nothing can be paid. */
  | { readonly kind: 'order_missing'; readonly payload: CashCodePayload }
  | {
      readonly kind: 'paid';
      readonly payload: CashCodePayload;
      readonly paid: CashCodeRef & { readonly receiptNo: number };
    }
  | { readonly kind: 'ready'; readonly payload: CashCodePayload; readonly order: FoundOrder };

function refundsOf(found: FoundOrder): RefundPayload[] {
  return found.record.order.events.flatMap((e) => (e.type === 'refund' ? [e.payload] : []));
}

/**
 * Checks a code offline: the signature against the venue keys of the last pull, the venue, the
 * expiry by this till's clock, then the order in this till's store and whether any till this
 * one has heard from paid it out already (the same rule the refund command applies).
 */
export async function checkCashCode(till: Till, text: string): Promise<CashCodeCheck> {
  const verified = await verifyCashCode(text.trim(), {
    keyRing: await loadCashCodeKeyRing(till.store.db),
    venueId: till.catalog.venue.id,
    nowMs: till.ports.clock(),
    backend: await preferredEd25519Backend(),
  });
  if (verified.verdict !== 'genuine') return { kind: 'refused', verdict: verified.verdict };
  const { payload } = verified;
  const found = await reloadOrder(till, payload.orderId);
  if (found === null) return { kind: 'order_missing', payload };
  const paid = priorCashCodePayout(refundsOf(found), payload.requestId);
  if (paid !== null) return { kind: 'paid', payload, paid };
  return { kind: 'ready', payload, order: found };
}

export interface CashCodePaidOut {
  readonly refund: RefundPayload;
  readonly print: PrintOutcome;
}

/**
 * Pays a checked code out: ONE refund entry by the domain's refund command (which refuses a
 * code paid before, here or at a till whose entries this one pulled), committed through the
 * till's one strict path — main then opens the drawer once, as for any cash refund — and the
 * refund voucher printed in the cashier's language.
 */
export async function payOutCashCode(
  till: Till,
  client: ContractClient,
  payload: CashCodePayload,
  actor: Actor,
  locale: Locale,
): Promise<Result<CashCodePaidOut, CommandErrorCode | ApprovalErrorCode | StoreErrorCode>> {
  // The order as it stands now: another till's payout may have been pulled since the check.
  const found = await reloadOrder(till, payload.orderId);
  if (found === null) return err('not_found', 'The order of this code is not in this till.');
  const currentAt = await catalogCurrentAt(till.store.db);
  const done = await commitRefund(
    till,
    found.view,
    {
      ticketIds: [...payload.ticketIds],
      method: 'cash',
      // The request's reason, as the server signed it (a version 1 code: a customer's request).
      reasonCode: payload.reasonCode,
      cashCode: { requestId: payload.requestId },
    },
    actor,
    undefined,
    {
      payload,
      orderRefunds: refundsOf(found),
      // A code issued after this is refused with "update the till", not "a new code".
      ...(currentAt !== null ? { catalogCurrentAtMs: currentAt } : {}),
    },
  );
  if (!done.ok) return done;
  const names = await staffNames(till);
  const print = await printDocument(client, `refund-${done.value.refundId}`, (columns) =>
    refundVoucherDocument(
      till,
      done.value,
      found.record.receiptNumber,
      locale,
      columns,
      names,
      found.view.sale.tickets,
    ),
  );
  return ok({ refund: done.value, print });
}
