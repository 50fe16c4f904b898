import { z } from 'zod';
import { draft, type ExchangePayload } from '../journal/entry-types';
import { describeMoney, money, zero, type Money } from '../money/money';
import { freeTextSchema } from '../orders/card';
import { uuidV7Schema } from '../orders/ids';
import type { OrderView } from '../orders/order-view';
import { planPayouts, type Payout } from '../orders/payouts';
import { settleTenders, tenderInputSchema, type TenderRecord } from '../orders/tenders';
import type { ExchangeQuote } from '../exchange/quote';
import { err, ok } from '../util/result';
import {
  authorise,
  forbidKioskCash,
  parseInput,
  requireSession,
  requireSameMode,
  requireShift,
  staffRef,
} from './guards';
import { checkVouchers, issueTickets, sellItemSchema, type IssueState } from './issue';
import { planExchange, type ExchangePlan } from './plan-exchange';
import type { TerminalSettings } from './settings';
import { nextReceiptNo, type TerminalState } from './terminal-state';
import {
  approverSchema,
  type Actor,
  type CommandOutput,
  type CommandResult,
  type IssuingPorts,
} from './types';

export interface ExchangeState extends IssueState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
  readonly order: OrderView;
}

export const exchangeInputSchema = z.object({
  orderId: uuidV7Schema,
  /** Tickets handed back. */
  ticketIds: z.array(uuidV7Schema).min(1).max(50),
  /** What they become. */
  items: z.array(sellItemSchema).min(1).max(50),
  promoCode: z.string().trim().max(32).optional(),
  /** Payment for an upgrade; leave empty when nothing is due. */
  tenders: z.array(tenderInputSchema).max(10).default([]),
  cardApprovals: z.record(z.string(), freeTextSchema(12, 2)).optional(),
  /** The terminal port's referenced-refund payment ids, per original card tender (kiosk). */
  cardRefundPayments: z.record(z.string(), z.uuid()).optional(),
  approver: approverSchema.optional(),
});

export type ExchangeInput = z.input<typeof exchangeInputSchema>;

export interface ExchangeOutput extends CommandOutput {
  readonly exchange: ExchangePayload;
  readonly quote: ExchangeQuote;
  /** The decision the exchange committed: the same `planExchange` the screen showed. */
  readonly plan: ExchangePlan;
}

/**
 * Swaps tickets of an order for others in one journal entry: the old tickets are voided and
 * the new ones issued into the same order, the price difference and exchange fee are settled
 * (collected for an upgrade, paid back for a downgrade as the policy says). Being one entry,
 * an exchange can never half-happen.
 */
export async function exchange(
  state: ExchangeState,
  input: unknown,
  actor: Actor,
  ports: IssuingPorts,
): Promise<CommandResult<ExchangeOutput>> {
  const parsed = parseInput(exchangeInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const req = parsed.value;
  const { order } = state;
  if (req.orderId !== order.orderId)
    return err('invalid_argument', 'The tickets are from a different order than the one loaded.');
  const mode = requireSameMode(order, shift.value);
  if (!mode.ok) return mode;
  const currency = order.currency;
  const nowMs = ports.clock();
  const planned = planExchange(
    state,
    { ticketIds: req.ticketIds, items: req.items, promoCode: req.promoCode },
    nowMs,
  );
  if (!planned.ok) return planned;
  const q = planned.value;

  const at = new Date(nowMs).toISOString();
  const exchangeId = ports.ids();
  let tenders: readonly TenderRecord[] = [];
  let change: Money = zero(currency);
  let rounding: Money = zero(currency);
  let payouts: Payout[] = [];
  let approval: ReturnType<typeof authorise> = ok({});

  if (q.settlement === 'collect') {
    if (req.tenders.some((t) => t.kind === 'cash')) {
      const kiosk = forbidKioskCash(actor, 'take cash');
      if (!kiosk.ok) return kiosk;
    }
    const vouchers = checkVouchers(state, req.tenders);
    if (!vouchers.ok) return vouchers;
    const settled = settleTenders(
      q.due,
      req.tenders,
      ports.ids,
      state.settings.cashRoundingIncrement,
    );
    if (!settled.ok) return settled;
    tenders = settled.value.tenders;
    change = settled.value.change;
    rounding = settled.value.rounding;
  } else {
    if (req.tenders.length > 0) {
      return err('overpaid', `Nothing is due for this exchange: ${q.summary} Remove the payment.`);
    }
    if (q.settlement === 'pay_back') {
      const payBack = money(-q.due.amount, currency);
      const left = order.tenders.reduce((n, b) => n + b.paid.amount - b.refunded.amount, 0);
      if (payBack.amount > left) {
        return err(
          'not_exchangeable',
          `Only ${describeMoney(money(left, currency))} of this order is left to pay back.`,
        );
      }
      approval = authorise(
        actor,
        req.approver,
        q.requiredRole,
        {
          action: 'exchange',
          subjectId: order.orderId,
          what: `paying back ${describeMoney(payBack)} on an exchange`,
          amount: payBack,
        },
        ports,
        at,
      );
      if (!approval.ok) return approval;
      payouts = planPayouts(payBack, q.payBackAs!, order.tenders, {
        newId: ports.ids,
        cashIncrement: state.settings.cashRoundingIncrement,
        cardApprovals: req.cardApprovals,
        cardRefundPayments: req.cardRefundPayments,
      });
    }
  }

  const issued = await issueTickets(state, q.requested, q.priced, order.orderId, at, ports, true);
  if (!issued.ok) return issued;

  const payload: ExchangePayload = {
    exchangeId,
    receiptNo: nextReceiptNo(state.terminal),
    orderId: order.orderId,
    shiftId: shift.value.shiftId,
    staff: staffRef(actor),
    ...(approval.value.approvedBy ? { approvedBy: approval.value.approvedBy } : {}),
    returned: q.returned,
    issued: issued.value,
    credit: q.credit,
    newTotal: q.newTotal,
    fee: q.fee,
    // The journal's `difference` is what settled the exchange: the price difference and fee.
    difference: q.due,
    tenders,
    change,
    payouts,
    rounding,
    taxes: q.taxes,
    training: shift.value.training,
  };
  return ok({
    exchange: payload,
    quote: q,
    plan: q,
    drafts: [
      ...(approval.value.approvalDraft ? [approval.value.approvalDraft] : []),
      draft('exchange', at, payload),
    ],
  });
}
