import { z } from 'zod';
import { draft, type VoidPayload } from '../journal/entry-types';
import { freeTextSchema } from '../orders/card';
import { uuidV7Schema } from '../orders/ids';
import type { OrderView } from '../orders/order-view';
import { planPayouts } from '../orders/payouts';
import { err, ok } from '../util/result';
import {
  authorise,
  nowIso,
  parseInput,
  requireSession,
  requireSameMode,
  requireShift,
  staffRef,
} from './guards';
import type { TerminalSettings } from './settings';
import { nextReceiptNo, type TerminalState } from './terminal-state';
import {
  approverSchema,
  type Actor,
  type CommandOutput,
  type CommandPorts,
  type CommandResult,
} from './types';

export interface VoidState {
  readonly terminal: TerminalState;
  readonly settings: TerminalSettings;
  readonly order: OrderView;
}

const voidInputSchema = z.object({
  orderId: uuidV7Schema,
  reason: freeTextSchema(300, 3),
  approver: approverSchema.optional(),
});

/**
 * Cancels a whole sale made by mistake in the current shift: every ticket voided, every tender
 * given back exactly as taken, with a supervisor's approval. Anything older, or an order that
 * was already refunded, exchanged or scanned, goes through `refund` instead.
 */
export function voidSale(
  state: VoidState,
  input: unknown,
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput & { void: VoidPayload }> {
  const parsed = parseInput(voidInputSchema, input);
  if (!parsed.ok) return parsed;
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const shift = requireShift(state.terminal);
  if (!shift.ok) return shift;
  const { order } = state;
  const req = parsed.value;
  if (req.orderId !== order.orderId)
    return err('invalid_argument', 'This is not the order that was loaded.');
  const mode = requireSameMode(order, shift.value);
  if (!mode.ok) return mode;
  if (order.sale.shiftId !== shift.value.shiftId) {
    return err(
      'forbidden',
      'Only sales from the current shift can be voided; refund this order instead.',
      // Which void rule refused, so a screen can say so in its language (not just "forbidden").
      { rule: 'void_other_shift' },
    );
  }
  const touched = order.tickets.find((t) => t.status !== 'valid');
  if (touched) {
    return err(
      'invalid_state',
      `Ticket ${touched.ticket.ticketId} is already ${touched.status}; refund the rest instead of voiding.`,
      { rule: 'void_ticket_not_valid', ticketId: touched.ticket.ticketId, status: touched.status },
    );
  }
  const at = nowIso(ports);
  const auth = authorise(
    actor,
    req.approver,
    'supervisor',
    {
      action: 'void',
      subjectId: order.orderId,
      what: 'voiding a sale',
      reason: req.reason,
      amount: order.netPaid,
    },
    ports,
    at,
  );
  if (!auth.ok) return auth;
  const payouts = planPayouts(order.netPaid, 'original_tender', order.tenders, {
    newId: ports.ids,
    cashIncrement: state.settings.cashRoundingIncrement,
  });
  const payload: VoidPayload = {
    voidId: ports.ids(),
    receiptNo: nextReceiptNo(state.terminal),
    orderId: order.orderId,
    voidedReceiptNo: order.sale.receiptNo,
    shiftId: shift.value.shiftId,
    staff: staffRef(actor),
    ...(auth.value.approvedBy ? { approvedBy: auth.value.approvedBy } : {}),
    reason: req.reason,
    tickets: order.tickets.map((t) => ({
      ticketId: t.ticket.ticketId,
      performanceId: t.ticket.performanceId,
    })),
    payouts,
    total: order.netPaid,
    taxes: order.sale.totals.taxes,
    training: shift.value.training,
  };
  return ok({
    void: payload,
    drafts: [
      ...(auth.value.approvalDraft ? [auth.value.approvalDraft] : []),
      draft('void', at, payload),
    ],
  });
}
