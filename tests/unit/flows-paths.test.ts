import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, EventObject, StateValue } from 'xstate';
import { getShortestPaths, getStateNodes } from 'xstate/graph';
import { err, ok } from '../../shared/util/result';
import { exchangeMachine } from '../../src-renderer/flows/exchange/exchange-machine';
import { refundMachine } from '../../src-renderer/flows/refund/refund-machine';
import { sellMachine } from '../../src-renderer/flows/sell/sell-machine';
import { quoteCart } from '../../src-renderer/flows/quote-cart';
import { demoIndex, NOW, UAH } from './flows-fixtures';
import { planExchangeAtNow, planRefundAtNow, soldOrder } from './flows-orders';

/**
 * Path coverage: every state of each machine, final ones included, is reachable from the
 * start. Actor results are fed in as the `xstate.done.actor.<id>` / `xstate.error.actor.<id>`
 * events the real actors would send, so the traversal needs no promises.
 */

const catalog = demoIndex();
const staff = { staffId: 'olena', role: 'cashier' as const };
const done = (id: string, output: unknown): EventObject =>
  ({ type: `xstate.done.actor.${id}`, output }) as EventObject;
const failed = (id: string): EventObject =>
  ({ type: `xstate.error.actor.${id}`, error: new Error('port down') }) as EventObject;

function leafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([k, v]) =>
    v === undefined ? [prefix + k] : leafPaths(v, `${prefix}${k}.`),
  );
}

function allLeaves(machine: AnyStateMachine): string[] {
  return getStateNodes(machine.root)
    .filter((n) => n.type === 'atomic' || n.type === 'final')
    .map((n) => n.path.join('.'))
    .sort();
}

function reached(
  machine: AnyStateMachine,
  events: readonly EventObject[],
  input: unknown,
  features: (ctx: Record<string, unknown>) => unknown,
): Map<string, number> {
  const paths = getShortestPaths(machine, {
    input,
    events: events as never,
    // State value plus the few context facts the guards read; anything more explodes the graph.
    serializeState: (s) =>
      JSON.stringify([
        (s as { value: StateValue }).value,
        features((s as { context: Record<string, unknown> }).context),
        (s as { status: string }).status,
      ]),
    limit: 20_000,
  });
  const out = new Map<string, number>();
  for (const p of paths) {
    for (const leaf of leafPaths((p.state as { value: StateValue }).value)) {
      const len = out.get(leaf);
      if (len === undefined || p.steps.length < len) out.set(leaf, p.steps.length);
    }
  }
  return out;
}

/** Main's grant and the domain's binding, as the verifyApprover and commit actors answer. */
const GRANT = {
  token: 'token-1',
  approver: { id: 'taras', name: 'Taras', role: 'supervisor' as const },
  expiresInMs: 120_000,
};
const BINDING = {
  action: 'refund',
  subjectId: 'O-1',
  amount: UAH(2440),
  requestedBy: 'olena',
  requiredRole: 'supervisor',
};

describe('path coverage (xstate/graph)', () => {
  it('sell: every state, both final states included, is reachable', () => {
    const quote = quoteCart(
      catalog,
      {
        items: [
          { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-8-1', quantity: 1 },
        ],
        promoCode: null,
        customerId: null,
      },
      { now: NOW },
    );
    const sale = {
      orderId: 'o',
      receiptNo: 1,
      total: UAH(620),
      change: UAH(0),
      checkId: false,
      tenderKinds: ['cash'],
    };
    const events: EventObject[] = [
      { type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' } as EventObject,
      { type: 'PERFORMANCE.CHANGE' },
      { type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-8-1'] } as EventObject,
      { type: 'SEATS.BEST_AVAILABLE', tierId: 'standard', count: 1 } as EventObject,
      {
        type: 'SEAT.DESELECT',
        performanceId: 'forest-song-1',
        seatId: 'stalls-8-1',
      } as EventObject,
      { type: 'CHECKOUT' },
      { type: 'TENDER.CASH', tendered: UAH(700) } as EventObject,
      { type: 'TENDER.DONE' },
      { type: 'BACK' },
      { type: 'CONFIRM' },
      { type: 'PRINT.RETRY' },
      { type: 'PRINT.SKIP' },
      { type: 'CANCEL' },
      { type: 'CART.ABANDON' },
      done(
        'holdSeats',
        ok({ seatIds: ['stalls-8-1'], until: '2030-01-01T00:00:00Z', together: true }),
      ),
      done('holdSeats', err('seat_unavailable', 'taken')),
      done('releaseSeat', undefined),
      done('releaseAll', undefined),
      failed('releaseAll'),
      done('quoteCart', quote),
      done('quoteCart', err('limit_exceeded', 'too many')),
      done('commitSale', ok(sale)),
      done('commitSale', err('sold_out', 'gone')),
      done('commitSale', err('io_error', 'disk')),
      done('printSale', ok({ state: 'printed' })),
      done('printSale', err('paper_out', 'paper')),
    ];
    const r = reached(sellMachine, events, { cartId: 'c', staff, cashIncrement: 10 }, (c) => [
      c.performanceId,
      (c.seats as unknown[]).length > 0,
      c.quote !== null,
      (c.tenders as unknown[]).length > 0,
      c.sale !== null,
    ]);
    expect([...r.keys()].sort()).toEqual(allLeaves(sellMachine));
    // The happy path: pick, select, hold, checkout, quote, cash, done, confirm, commit, print.
    // Steps include the initial xstate.init.
    expect(r.get('done')).toBe(1 + 10);
    expect(r.get('cancelled')).toBe(1 + 2);
  });

  it('refund: every state, both final states included, is reachable', () => {
    const order = soldOrder(
      catalog,
      [
        { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-2-2' },
        { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-2-3' },
      ],
      1,
    );
    const ids = order.tickets.map((t) => t.ticket.ticketId);
    const big = planRefundAtNow(catalog, {
      order,
      ticketIds: ids,
      actorRole: 'cashier',
      actorStaffId: 'olena',
    });
    const small = planRefundAtNow(catalog, {
      order,
      ticketIds: ids.slice(0, 1),
      actorRole: 'cashier',
      actorStaffId: 'olena',
    });
    expect(big.ok && big.value.requiredRole).toBe('supervisor');
    const match = { orderId: order.orderId, receiptNo: 1, at: '', total: UAH(2440) };
    const events: EventObject[] = [
      { type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } } as EventObject,
      { type: 'ORDER.PICK', orderId: order.orderId } as EventObject,
      { type: 'TICKET.TOGGLE', ticketId: ids[0] } as EventObject,
      { type: 'METHOD.CHOOSE', method: 'cash' } as EventObject,
      { type: 'CONTINUE' },
      { type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' } as EventObject,
      { type: 'APPROVAL.CANCEL' },
      { type: 'PRINT.RETRY' },
      { type: 'PRINT.SKIP' },
      { type: 'BACK' },
      { type: 'CANCEL' },
      done('findOrders', ok([match])),
      done('findOrders', ok([match, { ...match, orderId: 'other' }])),
      done('findOrders', ok([])),
      done('loadOrder', ok(order)),
      done('reloadOrder', ok(order)),
      done('planRefund', big),
      done('planRefund', small),
      done('verifyApprover', ok(GRANT)),
      done('verifyApprover', err('wrong_pin', 'Wrong PIN.')),
      done('commitRefund', ok({ refundId: 'r', receiptNo: 2, total: UAH(100), method: 'cash' })),
      done(
        'commitRefund',
        err('approval_required', 'needs a supervisor', {
          requiredRole: 'supervisor',
          binding: { ...BINDING, subjectId: order.orderId },
        }),
      ),
      done('printRefund', ok({ state: 'printed' })),
      done('printRefund', err('paper_out', 'paper')),
    ];
    const r = reached(refundMachine, events, { staff }, (c) => [
      c.order !== null,
      c.plan !== null,
      c.approver !== null,
      c.approvalBinding !== null,
      c.refund !== null,
    ]);
    expect([...r.keys()].sort()).toEqual(allLeaves(refundMachine));
  });

  it('exchange: every state, both final states included, is reachable', () => {
    const order = soldOrder(
      catalog,
      [{ performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-9-9' }],
      1,
    );
    const ticketId = order.tickets[0]!.ticket.ticketId;
    const items = [
      { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-4-4', quantity: 1 },
    ];
    const up = planExchangeAtNow(catalog, {
      order,
      returnTicketIds: [ticketId],
      items,
      actorRole: 'cashier',
    });
    expect(up.ok).toBe(true);
    const needsSupervisor = up.ok
      ? { ...up, value: { ...up.value, requiredRole: 'supervisor' } }
      : up;
    const events: EventObject[] = [
      { type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } } as EventObject,
      { type: 'ORDER.PICK', orderId: order.orderId } as EventObject,
      { type: 'TICKET.TOGGLE', ticketId } as EventObject,
      { type: 'CONTINUE' },
      { type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' } as EventObject,
      { type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-4-4'] } as EventObject,
      { type: 'SEATS.BEST_AVAILABLE', tierId: 'premium', count: 1 } as EventObject,
      {
        type: 'SEAT.DESELECT',
        performanceId: 'forest-song-2',
        seatId: 'stalls-4-4',
      } as EventObject,
      { type: 'QUOTE' },
      { type: 'TENDER.CASH', tendered: UAH(1000) } as EventObject,
      { type: 'CONFIRM' },
      { type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' } as EventObject,
      { type: 'APPROVAL.CANCEL' },
      { type: 'PRINT.RETRY' },
      { type: 'PRINT.SKIP' },
      { type: 'BACK' },
      { type: 'CANCEL' },
      done('findOrders', ok([{ orderId: order.orderId, receiptNo: 1, at: '', total: UAH(620) }])),
      done(
        'findOrders',
        ok([
          { orderId: order.orderId, receiptNo: 1, at: '', total: UAH(620) },
          { orderId: 'x', receiptNo: 2, at: '', total: UAH(1) },
        ]),
      ),
      done('loadOrder', ok(order)),
      done(
        'holdSeats',
        ok({ seatIds: ['stalls-4-4'], until: '2030-01-01T00:00:00Z', together: true }),
      ),
      done('releaseSeat', undefined),
      done('releaseAll', undefined),
      done('quoteExchange', up),
      done('quoteExchange', needsSupervisor),
      done('verifyApprover', ok(GRANT)),
      done(
        'commitExchange',
        ok({ exchangeId: 'x', receiptNo: 2, difference: UAH(550), change: UAH(0) }),
      ),
      done(
        'commitExchange',
        err('approval_required', 'needs a supervisor', {
          requiredRole: 'supervisor',
          binding: { ...BINDING, action: 'exchange', subjectId: order.orderId },
        }),
      ),
      done('commitExchange', err('io_error', 'disk')),
      done('printExchange', ok({ state: 'printed' })),
      done('printExchange', err('paper_out', 'paper')),
    ];
    const r = reached(exchangeMachine, events, { cartId: 'x', staff, cashIncrement: 10 }, (c) => [
      c.order !== null,
      (c.selected as unknown[]).length,
      c.performanceId,
      (c.seats as unknown[]).length,
      c.quote === null ? null : (c.quote as { requiredRole: string }).requiredRole,
      (c.tenders as unknown[]).length,
      c.approver !== null,
      c.approvalBinding !== null,
      c.exchange !== null,
    ]);
    expect([...r.keys()].sort()).toEqual(allLeaves(exchangeMachine));
  });
});
