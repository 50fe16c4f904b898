/* eslint-disable @typescript-eslint/require-await -- the fake ports implement async actor interfaces with synchronous in-memory code. */
import { fromPromise } from 'xstate';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Role } from '../../shared/catalog/roles';
import { approverRefusal, sameBinding, type Approver } from '../../shared/commands/approval';
import { approvedCommand } from '../../src-renderer/app/approval-service';
import { noStaffAuthority } from '../../src-renderer/app/staff-authority';
import type { Till } from '../../src-renderer/app/till';
import { refund } from '../../shared/commands/refund';
import { initialTerminalState, type TerminalState } from '../../shared/commands/terminal-state';
import type { SalePayload } from '../../shared/journal/entry-types';
import { add, multiply, sum, zero, type Money } from '../../shared/money/money';
import { projectOrder, type OrderView } from '../../shared/orders/order-view';
import { buildLines, type TicketRecord } from '../../shared/orders/records';
import type { TenderRecord } from '../../shared/orders/tenders';
import { err, ok } from '../../shared/util/result';
import type {
  FlowResult,
  PrintOutcome,
  VerifiedApprover,
  VerifyPinErrorCode,
  VerifyPinInput,
} from '../../src-renderer/flows/flow-types';
import type {
  FindActorResult,
  FindQuery,
  LoadOrderActorResult,
  LoadOrderInput,
  OrderMatch,
} from '../../src-renderer/flows/order-lookup';
import type { PerformanceInventory } from '../../shared/commands/issue';
import { planExchange } from '../../shared/commands/plan-exchange';
import { planRefund, type RefundPlan } from '../../shared/commands/plan-refund';
import { quoteResult } from '../../src-renderer/app/exchange-flow-actors';
import type { ExchangeQuoteInput } from '../../src-renderer/flows/exchange/exchange-types';
import type { CartItem } from '../../src-renderer/flows/quote-cart';
import type { TerminalSettings } from '../../shared/commands/settings';
import type {
  RefundPlanErrorCode,
  RefundPlanInput,
} from '../../src-renderer/flows/refund/refund-types';
import type {
  CommittedRefund,
  RefundCommitInput,
  RefundPrintInput,
} from '../../src-renderer/flows/refund/refund-machine';
import { NOW } from './flows-fixtures';

/** The flow tests' terminal: UAH, cash rounded to 10 kopiykas. */
export const TILL_SETTINGS: TerminalSettings = {
  terminalId: 'till-1',
  currency: 'UAH',
  cashRoundingIncrement: 10,
  paidOutLimit: zero('UAH'),
  overShortTolerance: zero('UAH'),
};

/** The refund flow's planRefund actor as the app provides it, at the tests' NOW. */
export function planRefundAtNow(catalog: CatalogIndex, input: RefundPlanInput) {
  if (input.order === null) return err('not_found' as const, 'Load the order first.');
  return planRefund(
    {
      order: input.order,
      catalog,
      settings: TILL_SETTINGS,
      actorRole: input.actorRole,
      actorStaffId: input.actorStaffId,
      nowMs: NOW,
    },
    { ticketIds: input.ticketIds },
  );
}

/**
 * A terminal that may issue exactly the cart's items: its seats, and its GA places (what the
 * store's inventory shows an exchange holding them under its cart).
 */
export function cartInventory(items: readonly CartItem[]): Record<string, PerformanceInventory> {
  const out: Record<string, { seats: Set<string>; ga: Record<string, number> }> = {};
  for (const i of items) {
    const inv = (out[i.performanceId] ??= { seats: new Set(), ga: {} });
    if (i.seatId) inv.seats.add(i.seatId);
    else inv.ga[i.tierId] = (inv.ga[i.tierId] ?? 0) + i.quantity;
  }
  return Object.fromEntries(
    Object.entries(out).map(([id, inv]) => [
      id,
      { availableSeatIds: inv.seats, gaAvailable: inv.ga, sold: 0, capacity: 424 },
    ]),
  );
}

/** The exchange flow's quoteExchange actor as the app provides it (planExchange), at NOW. */
export function planExchangeAtNow(catalog: CatalogIndex, input: ExchangeQuoteInput) {
  if (input.order === null) return err('not_found' as const, 'Load the order first.');
  if (input.items.length === 0) return err('empty_cart' as const, 'Choose the new seats.');
  return quoteResult(
    planExchange(
      { catalog, inventory: cartInventory(input.items), order: input.order },
      { ticketIds: input.returnTicketIds, items: input.items },
      NOW,
    ),
  );
}

/** Orders as the journal would project them, built from the demo catalog (unit tests only). */

let seq = 0;
const uuid = (): string => `01900000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

export interface SoldSeat {
  readonly performanceId: string;
  readonly tierId: string;
  readonly seatId?: string;
}

export function soldOrder(
  catalog: CatalogIndex,
  seats: readonly SoldSeat[],
  receiptNo: number,
  paidWith: 'cash' | 'card' = 'cash',
): OrderView {
  const orderId = uuid();
  const tickets: TicketRecord[] = seats.map((s) => {
    const tier = catalog.tier(s.tierId);
    const performance = catalog.performance(s.performanceId);
    if (!tier || !performance) throw new Error(`bad fixture ${s.tierId}/${s.performanceId}`);
    const policy = catalog.policy(tier.refundPolicyId);
    if (!policy) throw new Error('no policy');
    const ticketId = uuid();
    return {
      ticketId,
      orderId,
      performanceId: s.performanceId,
      eventId: performance.eventId,
      tierId: tier.id,
      ...(s.seatId !== undefined ? { seatId: s.seatId } : {}),
      price: tier.price,
      bookingFee: tier.bookingFee ?? zero('UAH'),
      taxRateBp: tier.taxRateBp,
      base: tier.price,
      adjustments: [],
      checkId: false,
      code: `CODE-${ticketId}`,
      issuedAt: new Date(NOW - 86_400_000).toISOString(),
      policy,
    };
  });
  const ticketsTotal = sum(
    'UAH',
    tickets.map((t) => t.price),
  );
  const fees = sum(
    'UAH',
    tickets.map((t) => t.bookingFee),
  );
  const total = add(ticketsTotal, fees);
  const tender: TenderRecord =
    paidWith === 'cash'
      ? { tenderId: uuid(), kind: 'cash', amount: total, tendered: total, change: zero('UAH') }
      : { tenderId: uuid(), kind: 'card', amount: total, approvalCode: 'AUTH01', last4: '4242' };
  const sale: SalePayload = {
    orderId,
    receiptNo,
    shiftId: 'shift-1',
    staff: { staffId: 'olena', role: 'cashier' },
    customerId: 'Oksana Petrenko',
    lines: buildLines(tickets),
    tickets,
    tenders: [tender],
    totals: {
      tickets: ticketsTotal,
      bookingFees: fees,
      total,
      rounding: zero('UAH'),
      paid: total,
      change: zero('UAH'),
      taxes: [],
    },
    training: false,
  };
  return projectOrder(sale);
}

export const DEMO_PINS: Readonly<Record<string, { pin: string; role: Role }>> = {
  olena: { pin: '1111', role: 'cashier' },
  taras: { pin: '2222', role: 'supervisor' },
  'li-wei': { pin: '3333', role: 'manager' },
};

/**
 * Main's approvals, faked in memory for the flow tests: a right PIN of someone who may approve
 * the binding gets a one-time token; `fakeMain.staff.redeem` spends it for the same binding.
 * (The real ones are src-main/staff, tested in tests/unit/main-staff.test.ts.)
 */
const fakeGrants = new Map<string, Approver>();
let fakeTokens = 0;

export function verifyPinFake(
  input: VerifyPinInput,
): FlowResult<VerifiedApprover, VerifyPinErrorCode> {
  const s = DEMO_PINS[input.staffId];
  if (!s) return err('unknown_staff', 'No staff member with that id on this till.');
  if (input.binding === null) return err('forbidden', 'Nothing to approve.');
  const refusal = approverRefusal(
    input.binding.requestedBy,
    { staffId: input.staffId, role: s.role },
    input.binding.requiredRole,
  );
  if (refusal) return err(refusal.code, refusal.message);
  if (s.pin !== input.pin) return err('wrong_pin', 'Wrong PIN.');
  const token = `fake-token-${++fakeTokens}`;
  fakeGrants.set(token, {
    staffId: input.staffId,
    role: s.role,
    tokenId: `apr-fake-${fakeTokens}`,
    binding: input.binding,
  });
  return ok({
    token,
    approver: { id: input.staffId, name: input.staffId, role: s.role },
    expiresInMs: 120_000,
  });
}

export const fakeMain: Pick<Till, 'staff'> = {
  staff: {
    ...noStaffAuthority,
    redeem: async (token, binding) => {
      const grant = fakeGrants.get(token);
      fakeGrants.delete(token);
      return grant !== undefined && sameBinding(grant.binding, binding)
        ? ok(grant)
        : err('approval_invalid', 'This approval is no longer valid.');
    },
  },
};

export function terminalWith(staff: { staffId: string; role: Role }): TerminalState {
  return {
    ...initialTerminalState('till-1'),
    session: staff,
    shift: {
      shiftId: 'shift-1',
      openedAt: new Date(NOW - 3_600_000).toISOString(),
      float: zero('UAH'),
      staff,
      training: false,
    },
    lastReceiptNo: 10,
  };
}

export function refundFakes(
  catalog: CatalogIndex,
  orders: readonly OrderView[],
  main: Pick<Till, 'staff'> = fakeMain,
) {
  const state = {
    commits: [] as RefundCommitInput[],
    prints: [] as RefundPrintInput[],
    finds: [] as FindQuery[],
  };
  const match = (o: OrderView, ticketId?: string): OrderMatch => ({
    orderId: o.orderId,
    receiptNo: o.sale.receiptNo,
    at: o.sale.tickets[0]?.issuedAt ?? '',
    total: o.sale.totals.total,
    ...(ticketId !== undefined ? { ticketId } : {}),
  });
  const actors = {
    findOrders: fromPromise<FindActorResult, FindQuery>(async ({ input }) => {
      state.finds.push(input);
      switch (input.kind) {
        case 'ticket_code': {
          if (!input.code.startsWith('CODE-'))
            return err('forged' as const, 'This ticket code is not genuine.');
          for (const o of orders) {
            const t = o.tickets.find((x) => x.ticket.code === input.code);
            if (t) return ok([match(o, t.ticket.ticketId)]);
          }
          return ok([]);
        }
        case 'receipt':
          return ok(
            orders.filter((o) => o.sale.receiptNo === input.receiptNo).map((o) => match(o)),
          );
        case 'customer':
          return ok(
            orders
              .filter((o) =>
                (o.sale.customerId ?? '').toLowerCase().startsWith(input.text.toLowerCase()),
              )
              .map((o) => match(o)),
          );
      }
    }),
    loadOrder: fromPromise<LoadOrderActorResult, LoadOrderInput>(async ({ input }) => {
      const o = orders.find((x) => x.orderId === input.orderId);
      return o ? ok(o) : err('not_found' as const, 'No such order.');
    }),
    planRefund: fromPromise<FlowResult<RefundPlan, RefundPlanErrorCode>, RefundPlanInput>(
      async ({ input }) => planRefundAtNow(catalog, input),
    ),
    verifyApprover: fromPromise<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
      async ({ input }) => verifyPinFake(input),
    ),
    // The real domain command decides: approvals, methods and amounts are enforced there too.
    commitRefund: fromPromise<FlowResult<CommittedRefund, string>, RefundCommitInput>(
      async ({ input }) => {
        state.commits.push(input);
        const order = orders.find((o) => o.orderId === input.refund.orderId);
        if (!order) return err('not_found', 'No such order.');
        let n = 0;
        const { approver: grant, ...request } = input.refund;
        const run = approvedCommand(main, grant, (terminal, approver) =>
          refund(
            { terminal, settings: TILL_SETTINGS, catalog, order },
            { ...request, ...(approver ? { approver } : {}) },
            input.staff,
            {
              clock: () => NOW,
              ids: () => `01900000-0000-7000-9000-${String(++n).padStart(12, '0')}`,
            },
          ),
        );
        const result = await run(terminalWith(input.staff));
        if (!result.ok) return result;
        const r = result.value.refund;
        return ok<CommittedRefund>({
          refundId: r.refundId,
          receiptNo: r.receiptNo,
          total: r.total,
          method: r.method,
        });
      },
    ),
    printRefund: fromPromise<FlowResult<PrintOutcome, string>, RefundPrintInput>(
      async ({ input }) => {
        state.prints.push(input);
        return ok<PrintOutcome>({ state: 'printed' });
      },
    ),
  };
  return { state, actors };
}

export const times = (m: Money, n: number): Money => multiply(m, n);
