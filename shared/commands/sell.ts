import { z } from 'zod';
import { draft, type SalePayload } from '../journal/entry-types';
import { money, sum, type Money } from '../money/money';
import { taxBreakdown } from '../money/tax';
import { freeTextSchema } from '../orders/card';
import { buildLines } from '../orders/records';
import { settleTenders, tenderInputSchema } from '../orders/tenders';
import { checkPurchaseLimits } from '../pricing/purchase-limits';
import { ok } from '../util/result';
import { forbidKioskCash, parseInput, requireSession, requireShift, staffRef } from './guards';
import {
  checkVouchers,
  issueTickets,
  priceRequested,
  resolveItems,
  sellItemSchema,
  type IssueState,
} from './issue';
import type { TerminalSettings } from './settings';
import { nextReceiptNo, type TerminalState } from './terminal-state';
import type { Actor, CommandOutput, CommandResult, IssuingPorts } from './types';

export interface SellState extends IssueState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
  /** Tickets the customer already holds, per performance (when a customer is named). */
  readonly customerHeld?: Readonly<Record<string, number>>;
}

export const sellInputSchema = z.object({
  items: z.array(sellItemSchema).min(1, 'Add at least one ticket.').max(100),
  promoCode: z.string().trim().max(32).optional(),
  customerId: freeTextSchema(64, 1).optional(),
  tenders: z.array(tenderInputSchema).min(1, 'Take a payment.').max(10),
});

export type SellInput = z.input<typeof sellInputSchema>;

export interface SellOutput extends CommandOutput {
  readonly sale: SalePayload;
  readonly change: Money;
  /** Some ticket is a concession the cashier must check ID for. */
  readonly checkId: boolean;
}

/**
 * Sells tickets: checks each seat/place is this terminal's to sell, prices every ticket,
 * applies purchase limits, settles the tenders, signs the tickets and returns one `sale`
 * draft. Nothing is written; the caller seals and stores the draft.
 */
export async function sell(
  state: SellState,
  input: unknown,
  actor: Actor,
  ports: IssuingPorts,
): Promise<CommandResult<SellOutput>> {
  const parsed = parseInput(sellInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const { items, tenders, promoCode, customerId } = parsed.value;
  if (tenders.some((t) => t.kind === 'cash')) {
    const kiosk = forbidKioskCash(actor, 'take cash');
    if (!kiosk.ok) return kiosk;
  }
  const nowMs = ports.clock();
  const currency = state.settings.currency;

  const requested = resolveItems(state, items, nowMs);
  if (!requested.ok) return requested;
  const limits = checkPurchaseLimits(
    requested.value.map((r) => ({ performanceId: r.performance.id, tierId: r.tier.id })),
    state.catalog,
    customerId !== undefined ? (state.customerHeld ?? {}) : undefined,
  );
  if (!limits.ok) return limits;
  const priced = priceRequested(state, requested.value, nowMs, currency, promoCode);
  if (!priced.ok) return priced;

  const ticketsTotal = sum(
    currency,
    priced.value.map((p) => p.price),
  );
  const feesTotal = sum(
    currency,
    priced.value.map((p) => p.bookingFee),
  );
  const total = money(ticketsTotal.amount + feesTotal.amount, currency);
  const vouchers = checkVouchers(state, tenders);
  if (!vouchers.ok) return vouchers;
  const settlement = settleTenders(total, tenders, ports.ids, state.settings.cashRoundingIncrement);
  if (!settlement.ok) return settlement;

  const orderId = ports.ids();
  const issuedAt = new Date(nowMs).toISOString();
  const issued = await issueTickets(state, requested.value, priced.value, orderId, issuedAt, ports);
  if (!issued.ok) return issued;
  const tickets = issued.value;

  const s = settlement.value;
  const sale: SalePayload = {
    orderId,
    receiptNo: nextReceiptNo(state.terminal),
    shiftId: shift.value.shiftId,
    staff: staffRef(actor),
    ...(customerId !== undefined ? { customerId } : {}),
    lines: buildLines(tickets),
    tickets,
    tenders: s.tenders,
    totals: {
      tickets: ticketsTotal,
      bookingFees: feesTotal,
      total,
      rounding: s.rounding,
      paid: s.paid,
      change: s.change,
      taxes: taxBreakdown(
        tickets.map((t) => ({
          gross: money(t.price.amount + t.bookingFee.amount, currency),
          rateBp: t.taxRateBp,
        })),
      ),
    },
    training: shift.value.training,
  };
  return ok({
    drafts: [draft('sale', issuedAt, sale)],
    sale,
    change: s.change,
    checkId: tickets.some((t) => t.checkId),
  });
}
