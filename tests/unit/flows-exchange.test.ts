/* eslint-disable @typescript-eslint/require-await -- the fake ports implement async actor interfaces with synchronous in-memory code. */
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import { err, ok } from '../../shared/util/result';
import { exchangeMachine } from '../../src-renderer/flows/exchange/exchange-machine';
import { exchange } from '../../shared/commands/exchange';
import type {
  CommittedExchange,
  ExchangeCommitInput,
  ExchangePrintInput,
  ExchangeQuote,
  ExchangeQuoteErrorCode,
  ExchangeQuoteInput,
} from '../../src-renderer/flows/exchange/exchange-types';
import type { FlowResult, PrintOutcome } from '../../src-renderer/flows/flow-types';
import { demoIndex, NOW, sellFakes, UAH } from './flows-fixtures';
import { fakeMain, planExchangeAtNow, refundFakes, soldOrder, terminalWith } from './flows-orders';
import { approvedCommand } from '../../src-renderer/app/approval-service';

type ExchangeActor = Actor<typeof exchangeMachine>;
const olena = { staffId: 'olena', role: 'cashier' as const };
const catalog = demoIndex();

const standardSoon = soldOrder(
  catalog,
  [{ performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-12-5' }],
  1,
);
const twoPremiumLater = soldOrder(
  catalog,
  [
    { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-1-9' },
    { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-1-10' },
  ],
  2,
);
const fanZone = soldOrder(
  catalog,
  [{ performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone' }],
  3,
);
const orders = [standardSoon, twoPremiumLater, fanZone];

const actors: ExchangeActor[] = [];
afterEach(() => {
  for (const a of actors.splice(0)) a.stop();
});

function start(printFails = false) {
  const lookup = refundFakes(catalog, orders);
  const seats = sellFakes(catalog);
  const commits: ExchangeCommitInput[] = [];
  const prints: ExchangePrintInput[] = [];
  const actor = createActor(
    exchangeMachine.provide({
      actors: {
        findOrders: lookup.actors.findOrders,
        loadOrder: lookup.actors.loadOrder,
        verifyApprover: lookup.actors.verifyApprover,
        holdSeats: seats.actors.holdSeats,
        releaseSeats: seats.actors.releaseSeats,
        quoteExchange: fromPromise<
          FlowResult<ExchangeQuote, ExchangeQuoteErrorCode>,
          ExchangeQuoteInput
        >(async ({ input }) => planExchangeAtNow(catalog, input)),
        // The real domain command: quote, approvals, settlement and issuing are all checked there.
        commitExchange: fromPromise<FlowResult<CommittedExchange, string>, ExchangeCommitInput>(
          async ({ input }) => {
            commits.push(input);
            const order = orders.find((o) => o.orderId === input.exchange.orderId);
            if (!order) return err('not_found', 'No such order.');
            let n = 0;
            const { approver: grant, ...request } = input.exchange;
            const run = approvedCommand(fakeMain, grant, (terminal, approver) =>
              exchange(
                {
                  catalog,
                  inventory: {
                    // This cart's holds are the seats it may issue.
                    'forest-song-2': {
                      availableSeatIds: new Set(
                        input.exchange.items.flatMap((i) => (i.seatId ? [i.seatId] : [])),
                      ),
                      sold: 0,
                      capacity: 424,
                    },
                    'forest-song-1': {
                      availableSeatIds: new Set(
                        input.exchange.items.flatMap((i) => (i.seatId ? [i.seatId] : [])),
                      ),
                      sold: 0,
                      capacity: 424,
                    },
                  },
                  terminal,
                  settings: {
                    terminalId: 'till-1',
                    currency: 'UAH',
                    cashRoundingIncrement: 10,
                    paidOutLimit: UAH(0),
                    overShortTolerance: UAH(0),
                  },
                  order,
                },
                { ...request, ...(approver ? { approver } : {}) },
                input.staff,
                {
                  clock: () => NOW,
                  ids: () => `01900000-0000-7000-a000-${String(++n).padStart(12, '0')}`,
                  signTicket: async (p) => `SIGNED-${p.ticketId}`,
                },
              ),
            );
            const result = await run(terminalWith(input.staff));
            if (!result.ok) return result;
            const x = result.value.exchange;
            return ok({
              exchangeId: x.exchangeId,
              receiptNo: x.receiptNo,
              difference: x.difference,
              change: x.change,
            });
          },
        ),
        printExchange: fromPromise<FlowResult<PrintOutcome, string>, ExchangePrintInput>(
          async ({ input }) => {
            prints.push(input);
            return printFails
              ? err('paper_out', 'The printer is out of paper.')
              : ok({ state: 'printed' as const });
          },
        ),
      },
    }),
    { input: { cartId: 'x-cart', staff: olena, cashIncrement: 10 } },
  );
  actors.push(actor);
  actor.start();
  return { actor, commits, prints, seats: seats.seats };
}

async function toReplacement(a: ExchangeActor, receiptNo: number, ticketIds: readonly string[]) {
  a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo } });
  await waitFor(a, (s) => s.matches('choosingTickets'));
  for (const id of ticketIds) a.send({ type: 'TICKET.TOGGLE', ticketId: id });
  a.send({ type: 'CONTINUE' });
  expect(a.getSnapshot().matches({ choosingReplacement: 'idle' })).toBe(true);
}

describe('exchange machine', () => {
  it('a ticket scanned in an earlier search is not preselected when the order is picked from a later one', async () => {
    const { actor: a } = start();
    const scanned = twoPremiumLater.tickets[0]!.ticket;
    a.send({ type: 'FIND', query: { kind: 'ticket_code', code: scanned.code } });
    let s = await waitFor(a, (x) => x.matches('choosingTickets'));
    expect(s.context.selected).toEqual([scanned.ticketId]);
    a.send({ type: 'BACK' });
    a.send({ type: 'FIND', query: { kind: 'customer', text: 'oksana' } });
    await waitFor(a, (x) => x.matches('choosingOrder'));
    a.send({ type: 'ORDER.PICK', orderId: twoPremiumLater.orderId });
    s = await waitFor(a, (x) => x.matches('choosingTickets'));
    expect(s.context.order?.orderId).toBe(twoPremiumLater.orderId);
    expect(s.context.selected).toEqual([]);
  });

  it('moves a ticket to a dearer seat on another date, taking the difference and fee in cash', async () => {
    const { actor: a, commits, prints, seats } = start();
    await toReplacement(a, 1, [standardSoon.tickets[0]!.ticket.ticketId]);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
    a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-4-10'] });
    await waitFor(
      a,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    a.send({ type: 'QUOTE' });
    const s = await waitFor(a, (x) => x.matches('settling'));
    // New: 1200.00 − 10 % early bird = 1080.00 (the old booking fee stands in); credit 600.00; fee 50.00.
    expect(s.context.quote).toMatchObject({
      credit: UAH(600),
      newTotal: UAH(1080),
      fee: UAH(50),
      priceDifference: UAH(480),
      due: UAH(530),
      settlement: 'collect',
    });
    a.send({ type: 'CONFIRM' });
    expect(a.getSnapshot().context.error?.code).toBe('not_settled');
    a.send({ type: 'TENDER.CASH', tendered: UAH(600) });
    a.send({ type: 'CONFIRM' });
    const end = await waitFor(a, (x) => x.status === 'done');
    expect(end.output).toEqual({
      outcome: 'completed',
      exchange: expect.objectContaining({ difference: UAH(530), change: UAH(70), receiptNo: 11 }),
    });
    expect(commits).toHaveLength(1);
    expect(commits[0]!.exchange).toMatchObject({
      ticketIds: [standardSoon.tickets[0]!.ticket.ticketId],
      items: [
        { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-4-10', quantity: 1 },
      ],
      tenders: [{ kind: 'cash', tendered: UAH(600) }],
    });
    expect(prints).toHaveLength(1);
    expect(seats.holds.size).toBe(1);
  });

  it('a cheaper replacement pays the difference back as the policy says (credit voucher)', async () => {
    const { actor: a, commits } = start();
    await toReplacement(a, 2, [twoPremiumLater.tickets[0]!.ticket.ticketId]);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.BEST_AVAILABLE', tierId: 'standard', count: 1 });
    await waitFor(
      a,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    a.send({ type: 'QUOTE' });
    const s = await waitFor(a, (x) => x.matches('settling'));
    expect(s.context.quote).toMatchObject({
      priceDifference: UAH(600 - 1200),
      due: UAH(600 + 50 - 1200),
      settlement: 'pay_back',
      payBackAs: 'voucher',
    });
    a.send({ type: 'TENDER.CASH', tendered: UAH(100) });
    expect(a.getSnapshot().context.tenders).toEqual([]);
    a.send({ type: 'CONFIRM' });
    const end = await waitFor(a, (x) => x.status === 'done');
    expect(end.context.exchange?.difference).toEqual(UAH(-550));
    expect(commits[0]!.exchange.tenders).toEqual([]);
  });

  it('best available replaces the new seats chosen so far, releasing them (as on the sell screen)', async () => {
    const { actor: a } = start();
    await toReplacement(a, 2, [twoPremiumLater.tickets[0]!.ticket.ticketId]);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-13-3'] });
    const picked = await waitFor(
      a,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    expect(picked.context.seats.map((l) => l.seatId)).toEqual(['stalls-13-3']);
    a.send({ type: 'SEATS.BEST_AVAILABLE', tierId: 'standard', count: 1 });
    const best = await waitFor(
      a,
      (s) =>
        s.matches({ choosingReplacement: 'idle' }) &&
        s.context.seats.length === 1 &&
        s.context.seats[0]!.seatId !== 'stalls-13-3',
    );
    // One seat for one returned ticket: the hand-picked seat was let go, not added to.
    expect(best.context.seats).toHaveLength(1);
  });

  it('a large payback needs a supervisor: refused without the PIN, accepted with it', async () => {
    const { actor: a, commits } = start();
    await toReplacement(
      a,
      2,
      twoPremiumLater.tickets.map((t) => t.ticket.ticketId),
    );
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-13-3'] });
    await waitFor(
      a,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    a.send({ type: 'QUOTE' });
    const s = await waitFor(a, (x) => x.matches('settling'));
    expect(s.context.quote?.due).toEqual(UAH(600 + 100 - 2400));
    expect(s.context.quote?.requiredRole).toBe('supervisor');
    a.send({ type: 'CONFIRM' });
    await waitFor(a, (x) => x.matches('approval'));
    expect(a.getSnapshot().context.approvalBinding).toMatchObject({
      action: 'exchange',
      requiredRole: 'supervisor',
    });
    expect(commits).toHaveLength(1);
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: ' ' });
    expect(a.getSnapshot().context.error?.code).toBe('approval_required');
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '9999' });
    await waitFor(a, (x) => x.matches('approval') && x.context.error?.code === 'wrong_pin');
    expect(commits).toHaveLength(1);
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' });
    await waitFor(a, (x) => x.status === 'done');
    expect(commits[1]!.exchange.approver).toMatchObject({
      approver: { id: 'taras', role: 'supervisor' },
    });
  });

  it('refuses what the policy forbids: a strict ticket, or another show under same-event-only', async () => {
    const { actor: a } = start();
    await toReplacement(a, 3, [fanZone.tickets[0]!.ticket.ticketId]);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-tonight' });
    a.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 1 });
    a.send({ type: 'QUOTE' });
    let s = await waitFor(
      a,
      (x) => x.matches({ choosingReplacement: 'idle' }) && x.context.error !== null,
    );
    expect(s.context.error?.code).toBe('not_exchangeable');

    const b = start().actor;
    await toReplacement(b, 1, [standardSoon.tickets[0]!.ticket.ticketId]);
    b.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-1' });
    b.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 1 });
    b.send({ type: 'QUOTE' });
    s = await waitFor(
      b,
      (x) => x.matches({ choosingReplacement: 'idle' }) && x.context.error !== null,
    );
    expect(s.context.error?.code).toBe('not_exchangeable');
    expect(s.context.error?.message).toContain('same event');
  });

  it('changing the performance lets go of the seats held for the old one', async () => {
    const { actor: a, seats } = start();
    await toReplacement(a, 1, [standardSoon.tickets[0]!.ticket.ticketId]);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
    a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-5-5'] });
    await waitFor(
      a,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    expect(seats.holds.size).toBe(1);
    a.send({ type: 'PERFORMANCE.CHANGE' });
    const s = await waitFor(a, (x) => x.matches({ choosingReplacement: 'idle' }));
    expect(s.context.performanceId).toBeNull();
    expect(s.context.seats).toEqual([]);
    expect(seats.holds.size).toBe(0);
    // With nothing held it just goes back to the list.
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'PERFORMANCE.CHANGE' });
    expect(a.getSnapshot().context.performanceId).toBeNull();
    expect(a.getSnapshot().matches({ choosingReplacement: 'idle' })).toBe(true);
  });

  it('a printer failure leaves the exchange committed; cancel before commit releases held seats', async () => {
    const { actor: a, commits } = start(true);
    await toReplacement(a, 1, [standardSoon.tickets[0]!.ticket.ticketId]);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
    a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-5-5'] });
    await waitFor(
      a,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    a.send({ type: 'QUOTE' });
    await waitFor(a, (x) => x.matches('settling'));
    a.send({ type: 'CONFIRM' });
    expect(a.getSnapshot().context.error?.code).toBe('not_settled');
    a.send({
      type: 'TENDER.ADD',
      tender: { kind: 'card', amount: UAH(530), approvalCode: 'OK77', last4: '1234' },
    });
    a.send({ type: 'CONFIRM' });
    const f = await waitFor(a, (x) => x.matches('printFailed'));
    expect(f.context.exchange?.receiptNo).toBe(11);
    expect(commits).toHaveLength(1);
    a.send({ type: 'CANCEL' });
    expect(a.getSnapshot().value).toBe('printFailed');
    a.send({ type: 'PRINT.SKIP' });
    expect(a.getSnapshot().output?.outcome).toBe('completed');

    const c = start();
    await toReplacement(c.actor, 1, [standardSoon.tickets[0]!.ticket.ticketId]);
    c.actor.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
    c.actor.send({
      type: 'SEATS.SELECT',
      tierId: 'standard',
      seatIds: ['balcony-3-5', 'balcony-3-6'],
    });
    await waitFor(c.actor, (s) => s.context.seats.length === 2);
    expect(c.seats.holds.size).toBe(2);
    c.actor.send({ type: 'CANCEL' });
    const end = await waitFor(c.actor, (x) => x.status === 'done');
    expect(end.output).toEqual({ outcome: 'cancelled', exchange: null });
    expect(c.seats.holds.size).toBe(0);
    expect(c.commits).toHaveLength(0);
  });
});
