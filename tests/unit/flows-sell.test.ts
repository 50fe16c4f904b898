/* eslint-disable @typescript-eslint/require-await -- the fake ports implement async actor interfaces with synchronous in-memory code. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor, type Actor, type SnapshotFrom } from 'xstate';
import { err } from '../../shared/util/result';
import { persistCart, resumeCart } from '../../src-renderer/flows/cart-persistence';
import { sellMachine } from '../../src-renderer/flows/sell/sell-machine';
import { quickCashAmounts, tenderSummary } from '../../src-renderer/flows/tender-math';
import { demoIndex, sellFakes, UAH, type SellFakes } from './flows-fixtures';

type SellActor = Actor<typeof sellMachine>;
type S = SnapshotFrom<typeof sellMachine>;

const staff = { staffId: 'olena', role: 'cashier' as const };
const actors: SellActor[] = [];
afterEach(() => {
  for (const a of actors.splice(0)) a.stop();
  vi.useRealTimers();
});

function start(fakes: SellFakes, timeoutMs?: number): SellActor {
  const actor = createActor(sellMachine.provide({ actors: fakes.actors }), {
    input: {
      cartId: 'cart-1',
      staff,
      cashIncrement: 10,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    },
  });
  actors.push(actor);
  actor.start();
  return actor;
}

const idle = (s: S) => s.matches({ shopping: 'idle' });

async function twoSeatsAtTender(fakes: SellFakes): Promise<SellActor> {
  const a = start(fakes);
  a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
  a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-10-9', 'stalls-10-10'] });
  await waitFor(a, idle);
  a.send({ type: 'CHECKOUT' });
  await waitFor(a, (s) => s.matches('tender'));
  return a;
}

describe('sell machine', () => {
  it('sells two reserved seats for cash with change, commits once, prints, ends done', async () => {
    const fakes = sellFakes();
    const a = await twoSeatsAtTender(fakes);
    const quote = a.getSnapshot().context.quote!;
    // 2 × (600.00 + 20.00 booking fee)
    expect(quote.total).toEqual(UAH(1240));
    expect(quickCashAmounts(quote.total, 10).map((m) => m.amount)).toEqual([
      124_000, 125_000, 130_000, 140_000,
    ]);
    a.send({ type: 'TENDER.CASH', tendered: UAH(1500) });
    expect(tenderSummary(quote.total, a.getSnapshot().context.tenders, 10).change).toEqual(
      UAH(260),
    );
    a.send({ type: 'TENDER.DONE' });
    expect(a.getSnapshot().value).toBe('confirming');
    a.send({ type: 'CONFIRM' });
    const end = await waitFor(a, (s) => s.status === 'done');
    expect(end.output).toEqual({
      outcome: 'completed',
      sale: expect.objectContaining({ change: UAH(260), receiptNo: 1 }),
    });
    expect(fakes.commits).toHaveLength(1);
    expect(fakes.commits[0]!.sell).toEqual({
      items: [
        { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-10-9', quantity: 1 },
        { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-10-10', quantity: 1 },
      ],
      tenders: [{ kind: 'cash', tendered: UAH(1500) }],
    });
    expect(fakes.prints).toHaveLength(1);
    expect(fakes.seats.sold.size).toBe(2);
  });

  it('holds best-available seats side by side and keeps accessible places out by default', async () => {
    const fakes = sellFakes();
    const a = start(fakes);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.BEST_AVAILABLE', tierId: 'standard', count: 4 });
    const s = await waitFor(a, (x) => idle(x) && x.context.seats.length > 0);
    const ids = s.context.seats.map((x) => x.seatId);
    expect(ids).toHaveLength(4);
    const nums = ids.map((id) => Number(id.split('-')[2])).sort((x, y) => x - y);
    expect(new Set(ids.map((id) => id.split('-').slice(0, 2).join('-'))).size).toBe(1);
    expect(nums[3]! - nums[0]!).toBe(3);
    expect(s.context.notTogether).toBe(false);
    expect(fakes.seats.holds.size).toBe(4);
  });

  it('best available replaces the seats chosen at this performance instead of adding', async () => {
    const fakes = sellFakes();
    const a = start(fakes);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-3-5'] });
    await waitFor(a, (x) => idle(x) && x.context.seats.length === 1);
    a.send({ type: 'SEATS.BEST_AVAILABLE', tierId: 'standard', count: 2 });
    const s = await waitFor(
      a,
      (x) => idle(x) && x.context.seats.length > 0 && x.context.seats[0]?.tierId === 'standard',
    );
    expect(s.context.seats).toHaveLength(2);
    expect(s.context.seats.map((x) => x.seatId)).not.toContain('stalls-3-5');
    expect(fakes.seats.holds.has('forest-song-1|stalls-3-5')).toBe(false);
    expect(fakes.seats.holds.size).toBe(2);
    a.send({ type: 'SEATS.BEST_AVAILABLE', tierId: 'standard', count: 3 });
    const t = await waitFor(a, (x) => idle(x) && x.context.seats.length === 3);
    expect(t.context.seats).toHaveLength(3);
    expect(fakes.seats.holds.size).toBe(3);
  });

  it('refuses a seat someone else holds and keeps the cart as it was', async () => {
    const fakes = sellFakes();
    fakes.seats.holds.set('forest-song-1|stalls-3-5', 'other-cart');
    const a = start(fakes);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-3-5'] });
    const s = await waitFor(a, (x) => idle(x) && x.context.error !== null);
    expect(s.context.error?.code).toBe('seat_unavailable');
    expect(s.context.seats).toEqual([]);
  });

  it('refuses checkout over the per-order limit and stays on the cart', async () => {
    const fakes = sellFakes();
    const a = start(fakes);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-1' });
    a.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 11 });
    a.send({ type: 'CHECKOUT' });
    const s = await waitFor(a, (x) => idle(x) && x.context.error !== null);
    expect(s.context.error?.code).toBe('limit_exceeded');
    a.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 10 });
    expect(a.getSnapshot().context.error).toBeNull();
    a.send({ type: 'CHECKOUT' });
    const t = await waitFor(a, (x) => x.matches('tender'));
    expect(t.context.quote?.ticketCount).toBe(10);
  });

  it('an empty cart cannot check out', () => {
    const a = start(sellFakes());
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-1' });
    a.send({ type: 'CHECKOUT' });
    expect(a.getSnapshot().context.error?.code).toBe('empty_cart');
    expect(idle(a.getSnapshot())).toBe(true);
  });

  it('applies a promo code, refuses an unknown one', async () => {
    const fakes = sellFakes();
    const a = start(fakes);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-1' });
    a.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 2 });
    a.send({ type: 'PROMO.SET', code: 'nope' });
    a.send({ type: 'CHECKOUT' });
    const s = await waitFor(a, (x) => idle(x) && x.context.error !== null);
    expect(s.context.error?.code).toBe('invalid_argument');
    a.send({ type: 'PROMO.SET', code: ' kyiv10 ' });
    a.send({ type: 'CHECKOUT' });
    const t = await waitFor(a, (x) => x.matches('tender'));
    // 2 × (650.00 − 10 % + 15.00)
    expect(t.context.quote?.total).toEqual(UAH(1200));
    expect(t.context.quote?.promoCode).toBe('KYIV10');
  });

  it('takes a split tender: card for part, cash for the rest; refuses a full card number', async () => {
    const fakes = sellFakes();
    const a = await twoSeatsAtTender(fakes);
    a.send({
      type: 'TENDER.ADD',
      tender: {
        kind: 'card',
        amount: UAH(1000),
        approvalCode: 'A1B2C3',
        last4: '4242 4242 4242 4242',
      },
    });
    expect(a.getSnapshot().context.error?.code).toBe('card_number_rejected');
    expect(a.getSnapshot().context.tenders).toEqual([]);
    a.send({
      type: 'TENDER.ADD',
      tender: { kind: 'card', amount: UAH(1000), approvalCode: 'A1B2C3', last4: '4242' },
    });
    a.send({ type: 'TENDER.DONE' });
    expect(a.getSnapshot().context.error?.code).toBe('underpaid');
    expect(a.getSnapshot().value).toBe('tender');
    a.send({ type: 'TENDER.CASH', tendered: UAH(300) });
    a.send({ type: 'TENDER.DONE' });
    a.send({ type: 'CONFIRM' });
    const end = await waitFor(a, (s) => s.status === 'done');
    expect(end.context.sale?.change).toEqual(UAH(60));
    expect(end.context.sale?.tenderKinds).toEqual(['card', 'cash']);
  });

  it('a printer failure after commit leaves the sale committed; retry prints it', async () => {
    const fakes = sellFakes();
    fakes.printResult = (_input, attempt) =>
      attempt === 1
        ? err('printer_offline', 'The printer is offline.')
        : { ok: true, value: { state: 'printed' } };
    const a = await twoSeatsAtTender(fakes);
    a.send({ type: 'TENDER.CASH', tendered: UAH(1240) });
    a.send({ type: 'TENDER.DONE' });
    a.send({ type: 'CONFIRM' });
    const failed = await waitFor(a, (s) => s.matches('printFailed'));
    expect(failed.context.sale?.orderId).toBe('order-1');
    expect(failed.context.printError?.code).toBe('printer_offline');
    expect(fakes.commits).toHaveLength(1);
    expect(fakes.seats.sold.size).toBe(2);
    a.send({ type: 'CANCEL' });
    expect(a.getSnapshot().value).toBe('printFailed');
    a.send({ type: 'PRINT.RETRY' });
    const end = await waitFor(a, (s) => s.status === 'done');
    expect(end.output?.outcome).toBe('completed');
    expect(fakes.commits).toHaveLength(1);
    expect(fakes.prints).toHaveLength(2);
  });

  it('a throwing printer port still leaves the sale completed after PRINT.SKIP', async () => {
    const fakes = sellFakes();
    fakes.printResult = () => {
      throw new Error('bridge closed');
    };
    const a = await twoSeatsAtTender(fakes);
    a.send({ type: 'TENDER.CASH', tendered: UAH(1240) });
    a.send({ type: 'TENDER.DONE' });
    a.send({ type: 'CONFIRM' });
    const failed = await waitFor(a, (s) => s.matches('printFailed'));
    expect(failed.context.printError?.code).toBe('internal');
    a.send({ type: 'PRINT.SKIP' });
    expect(a.getSnapshot().output).toEqual({
      outcome: 'completed',
      sale: expect.objectContaining({ orderId: 'order-1' }),
    });
  });

  it('a sold-out refusal at commit sends the cashier back to the cart; other refusals stay on confirm', async () => {
    const fakes = sellFakes();
    fakes.commitResult = () => err('sold_out', 'Seat 9 is no longer available.');
    const a = await twoSeatsAtTender(fakes);
    a.send({ type: 'TENDER.CASH', tendered: UAH(1240) });
    a.send({ type: 'TENDER.DONE' });
    a.send({ type: 'CONFIRM' });
    const back = await waitFor(a, (s) => idle(s) && s.context.error !== null);
    expect(back.context.error?.code).toBe('sold_out');
    expect(back.context.tenders).toEqual([]);
    fakes.commitResult = () => err('io_error', 'The disk is full.');
    a.send({ type: 'CHECKOUT' });
    await waitFor(a, (s) => s.matches('tender'));
    a.send({ type: 'TENDER.CASH', tendered: UAH(1240) });
    a.send({ type: 'TENDER.DONE' });
    a.send({ type: 'CONFIRM' });
    const stay = await waitFor(a, (s) => s.matches('confirming') && s.context.error !== null);
    expect(stay.context.error?.code).toBe('io_error');
  });

  it('cancel releases every held seat', async () => {
    const fakes = sellFakes();
    const a = await twoSeatsAtTender(fakes);
    expect(fakes.seats.holds.size).toBe(2);
    a.send({ type: 'CANCEL' });
    const end = await waitFor(a, (s) => s.status === 'done');
    expect(end.output).toEqual({ outcome: 'cancelled', sale: null });
    expect(fakes.seats.holds.size).toBe(0);
    expect(fakes.seats.releases.at(-1)?.seats).toHaveLength(2);
    expect(fakes.commits).toHaveLength(0);
  });

  it('deselecting a seat releases its hold at once', async () => {
    const fakes = sellFakes();
    const a = start(fakes);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-2-10', 'stalls-2-11'] });
    await waitFor(a, (s) => idle(s) && s.context.seats.length === 2);
    a.send({ type: 'SEAT.DESELECT', performanceId: 'forest-song-1', seatId: 'stalls-2-10' });
    await waitFor(a, (s) => idle(s) && s.context.pendingRelease.length === 0);
    expect(a.getSnapshot().context.seats.map((s) => s.seatId)).toEqual(['stalls-2-11']);
    expect([...fakes.seats.holds.keys()]).toEqual(['forest-song-1|stalls-2-11']);
  });

  it('an untouched cart is abandoned after its timeout and its holds released', async () => {
    vi.useFakeTimers();
    const fakes = sellFakes();
    const a = start(fakes, 60_000);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-8-1'] });
    await vi.advanceTimersByTimeAsync(10);
    expect(fakes.seats.holds.size).toBe(1);
    await vi.advanceTimersByTimeAsync(45_000);
    a.send({ type: 'PROMO.SET', code: null }); // activity restarts the timer
    await vi.advanceTimersByTimeAsync(45_000);
    expect(a.getSnapshot().status).toBe('active');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(a.getSnapshot().output).toEqual({ outcome: 'abandoned', sale: null });
    expect(fakes.seats.holds.size).toBe(0);
  });

  it('an actor that was not provided fails loudly as an internal error', async () => {
    const a = createActor(sellMachine, { input: { cartId: 'c', staff } });
    actors.push(a);
    a.start();
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-8-1'] });
    const s = await waitFor(a, (x) => idle(x) && x.context.error !== null);
    expect(s.context.error?.code).toBe('internal');
  });
});

describe('cart persistence', () => {
  it('saves resting snapshots, restores them after a "reload" and finishes the sale', async () => {
    const fakes = sellFakes();
    const saved: unknown[] = [];
    let cleared = 0;
    const port = {
      save: async (s: unknown) => void saved.push(s),
      clear: async () => void (cleared += 1),
    };
    const a = start(fakes);
    const p = persistCart(a, port);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    a.send({ type: 'SEATS.SELECT', tierId: 'standard', seatIds: ['stalls-9-4', 'stalls-9-5'] });
    await waitFor(a, idle);
    a.send({ type: 'CHECKOUT' });
    await waitFor(a, (s) => s.matches('tender'));
    a.send({ type: 'TENDER.CASH', tendered: UAH(2000) });
    await p.flushed();
    p.stop();
    a.stop(); // the page is gone

    const last = saved.at(-1);
    const decision = resumeCart(structuredClone(last), Date.now());
    expect(decision.kind).toBe('resume');
    if (decision.kind !== 'resume') return;
    const b = createActor(sellMachine.provide({ actors: fakes.actors }), {
      snapshot: decision.snapshot,
      input: { cartId: 'cart-1', staff },
    });
    actors.push(b);
    const q = persistCart(b, port);
    b.start();
    b.send({ type: 'CART.RESUME' });
    expect(b.getSnapshot().value).toBe('tender');
    expect(b.getSnapshot().context.seats.map((s) => s.seatId)).toEqual([
      'stalls-9-4',
      'stalls-9-5',
    ]);
    expect(b.getSnapshot().context.tenders).toEqual([{ kind: 'cash', tendered: UAH(2000) }]);
    b.send({ type: 'TENDER.DONE' });
    b.send({ type: 'CONFIRM' });
    const end = await waitFor(b, (s) => s.status === 'done');
    await q.flushed();
    expect(end.context.sale?.change).toEqual(UAH(760));
    expect(cleared).toBe(1);
    expect(fakes.commits).toHaveLength(1);
    // Nothing mid-commit was ever saved: restoring such a snapshot would commit twice.
    const states = saved.map((s) => JSON.stringify((s as { value: unknown }).value));
    expect(
      states.some(
        (v) => v.includes('committing') || v.includes('printing') || v.includes('holding'),
      ),
    ).toBe(false);
  });

  it('clears the saved cart as soon as the sale is committed, even while the printer is failing', async () => {
    const fakes = sellFakes();
    fakes.printResult = () => err('paper_out', 'The printer is out of paper.');
    const saved: unknown[] = [];
    let cleared = 0;
    const port = {
      save: async (x: unknown) => void saved.push(x),
      clear: async () => void (cleared += 1),
    };
    const a = await twoSeatsAtTender(fakes);
    const p = persistCart(a, port);
    a.send({ type: 'TENDER.CASH', tendered: UAH(1240) });
    a.send({ type: 'TENDER.DONE' });
    await p.flushed();
    const before = saved.length;
    a.send({ type: 'CONFIRM' });
    await waitFor(a, (s) => s.matches('printFailed'));
    await p.flushed();
    expect(cleared).toBe(1);
    expect(saved.length).toBe(before);
    p.stop();
  });

  it('a saved cart older than its timeout is not resumed; its holds are listed for release', () => {
    const fakes = sellFakes();
    const a = start(fakes, 60_000);
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-1' });
    const snap = JSON.parse(JSON.stringify(a.getPersistedSnapshot())) as {
      context: { seats: unknown[]; lastActivityAt: number };
    };
    snap.context.seats = [
      { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-8-1', heldUntil: '' },
    ];
    expect(resumeCart(snap, snap.context.lastActivityAt + 59_000).kind).toBe('resume');
    expect(resumeCart(snap, snap.context.lastActivityAt + 60_000)).toEqual({
      kind: 'expired',
      cartId: 'cart-1',
      release: [{ performanceId: 'forest-song-1', seatId: 'stalls-8-1' }],
    });
    expect(resumeCart({ nonsense: true }, 0)).toEqual({ kind: 'none' });
    expect(demoIndex().venue.cashRoundingIncrement).toBe(10);
  });
});
