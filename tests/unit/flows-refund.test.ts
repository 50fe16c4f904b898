/* eslint-disable @typescript-eslint/require-await -- the fake ports implement async actor interfaces with synchronous in-memory code. */
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import { err, ok } from '../../shared/util/result';
import type { LoadOrderActorResult, LoadOrderInput } from '../../src-renderer/flows/order-lookup';
import { refundMachine } from '../../src-renderer/flows/refund/refund-machine';
import { demoIndex, UAH } from './flows-fixtures';
import { refundFakes, soldOrder } from './flows-orders';

type RefundActor = Actor<typeof refundMachine>;
const olena = { staffId: 'olena', role: 'cashier' as const };
const catalog = demoIndex();

const twoStandard = soldOrder(
  catalog,
  [
    { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-10-9' },
    { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-10-10' },
  ],
  1,
);
const twoPremiumLater = soldOrder(
  catalog,
  [
    { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-2-9' },
    { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-2-10' },
  ],
  2,
);
const byCard = soldOrder(
  catalog,
  [{ performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-11-1' }],
  3,
  'card',
);
const cancelledShow = soldOrder(
  catalog,
  [{ performanceId: 'forest-song-cancelled', tierId: 'standard', seatId: 'stalls-9-1' }],
  4,
);
const fanZone = soldOrder(
  catalog,
  [{ performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone' }],
  5,
);
const fanAndStanding = soldOrder(
  catalog,
  [
    { performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone' },
    { performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
  ],
  6,
);
const orders = [twoStandard, twoPremiumLater, byCard, cancelledShow, fanZone, fanAndStanding];

const actors: RefundActor[] = [];
afterEach(() => {
  for (const a of actors.splice(0)) a.stop();
});

function start(fakes = refundFakes(catalog, orders)) {
  const actor = createActor(refundMachine.provide({ actors: fakes.actors }), {
    input: { staff: olena },
  });
  actors.push(actor);
  actor.start();
  return { actor, fakes };
}

const reviewing = (a: RefundActor) => waitFor(a, (s) => s.matches('reviewing'));

/** Found by receipt, nothing is chosen: tick every valid ticket, as a cashier would. */
async function findAndChooseAll(a: RefundActor, receiptNo: number) {
  a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo } });
  const r = await reviewing(a);
  expect(r.context.selected).toEqual([]);
  expect(r.context.plan).toBeNull();
  for (const t of r.context.order!.tickets.filter((x) => x.status === 'valid'))
    a.send({ type: 'TICKET.TOGGLE', ticketId: t.ticket.ticketId });
  const n = r.context.order!.tickets.filter((x) => x.status === 'valid').length;
  return waitFor(a, (s) => s.matches('reviewing') && s.context.selected.length === n);
}

describe('refund machine', () => {
  it('scans a ticket, shows the 50 % window decision with its fee, refunds it in cash and prints', async () => {
    const { actor: a, fakes } = start();
    const scanned = twoStandard.tickets[1]!.ticket;
    a.send({ type: 'FIND', query: { kind: 'ticket_code', code: scanned.code } });
    const r = await reviewing(a);
    expect(r.context.selected).toEqual([scanned.ticketId]);
    const ev = r.context.plan!;
    // 50 % of 600.00 = 300.00, minus the 5 % fee raised to its 20.00 minimum; booking fee kept.
    expect(ev.total).toEqual(UAH(280));
    expect(ev.fees).toEqual(UAH(20));
    expect(ev.summary.length).toBeGreaterThan(10);
    expect(r.context.method).toBe('original_tender');
    a.send({ type: 'METHOD.CHOOSE', method: 'cash' });
    a.send({ type: 'CONTINUE' });
    const end = await waitFor(a, (s) => s.status === 'done');
    expect(end.output).toEqual({
      outcome: 'completed',
      refund: expect.objectContaining({ total: UAH(280), method: 'cash', receiptNo: 11 }),
    });
    expect(fakes.state.commits[0]!.refund).toMatchObject({
      ticketIds: [scanned.ticketId],
      method: 'cash',
      reasonCode: 'customer_request',
    });
    expect(fakes.state.commits[0]!.refund.approver).toBeUndefined();
    expect(fakes.state.prints).toHaveLength(1);
  });

  it('refunds part of an order found by receipt number: toggling a ticket re-evaluates', async () => {
    const { actor: a, fakes } = start();
    let r = await findAndChooseAll(a, 1);
    expect(r.context.selected).toHaveLength(2);
    expect(r.context.plan?.total).toEqual(UAH(560));
    a.send({ type: 'TICKET.TOGGLE', ticketId: twoStandard.tickets[0]!.ticket.ticketId });
    r = await waitFor(a, (s) => s.matches('reviewing') && s.context.selected.length === 1);
    expect(r.context.plan?.total).toEqual(UAH(280));
    a.send({ type: 'TICKET.TOGGLE', ticketId: twoStandard.tickets[1]!.ticket.ticketId });
    r = await waitFor(a, (s) => s.matches('reviewing') && s.context.selected.length === 0);
    expect(r.context.plan).toBeNull();
    a.send({ type: 'CONTINUE' });
    expect(a.getSnapshot().context.error?.code).toBe('nothing_selected');
    expect(fakes.state.commits).toHaveLength(0);
  });

  it('a supervisor-only refund is refused without the PIN and accepted with it', async () => {
    const { actor: a, fakes } = start();
    const r = await findAndChooseAll(a, 2);
    // 2 × (1200.00 − 5 % fee capped… 60.00) = 2280.00, over the cashier's 1500.00.
    expect(r.context.plan?.total).toEqual(UAH(2280));
    expect(r.context.plan?.requiredRole).toBe('supervisor');
    a.send({ type: 'CONTINUE' });
    // The commit is tried first; the domain's refusal names what to approve.
    await waitFor(a, (x) => x.matches('approval'));
    expect(a.getSnapshot().context.approvalBinding).toMatchObject({
      action: 'refund',
      amount: UAH(2280),
      requestedBy: 'olena',
      requiredRole: 'supervisor',
    });
    expect(fakes.state.commits).toHaveLength(1);
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '' });
    expect(a.getSnapshot().context.error?.code).toBe('approval_required');
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '1234' });
    let s = await waitFor(a, (x) => x.matches('approval') && x.context.error !== null);
    expect(s.context.error?.code).toBe('wrong_pin');
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'olena', pin: '1111' });
    s = await waitFor(a, (x) => x.matches('approval') && x.context.error?.code === 'forbidden');
    expect(s.context.approver).toBeNull();
    expect(fakes.state.commits).toHaveLength(1);
    a.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' });
    const end = await waitFor(a, (x) => x.status === 'done');
    expect(end.output?.refund?.total).toEqual(UAH(2280));
    expect(fakes.state.commits).toHaveLength(2);
    expect(fakes.state.commits[1]!.refund.approver).toMatchObject({
      token: expect.any(String),
      approver: { id: 'taras', role: 'supervisor' },
    });
  });

  it('a method the screen chose for the cashier gives way when the tickets change; one she chose stays', async () => {
    const { actor: a } = start();
    a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 6 } });
    const r = await reviewing(a);
    const [fan, standing] = r.context.order!.tickets.map((t) => t.ticket.ticketId);
    const planned = (s: ReturnType<RefundActor['getSnapshot']>) =>
      s.matches('reviewing') && s.context.plan !== null;
    a.send({ type: 'TICKET.TOGGLE', ticketId: fan! });
    const fanOnly = await waitFor(a, planned);
    const fanFirst = fanOnly.context.plan!.methods.find((m) => m.available)?.method ?? null;
    expect(fanOnly.context.method).toBe(fanFirst);
    // The fan-zone ticket unticked and the standing one ticked: the plan's own first method.
    a.send({ type: 'TICKET.TOGGLE', ticketId: fan! });
    a.send({ type: 'TICKET.TOGGLE', ticketId: standing! });
    const standingOnly = await waitFor(
      a,
      (s) => planned(s) && s.context.selected.join() === standing,
    );
    const first = standingOnly.context.plan!.methods.find((m) => m.available)!.method;
    expect(first).toBe('original_tender');
    expect(fanFirst).not.toBe(first);
    expect(standingOnly.context.method).toBe('original_tender');
    // Picked by the cashier, a method that still works survives a change of tickets.
    a.send({ type: 'METHOD.CHOOSE', method: 'voucher' });
    a.send({ type: 'TICKET.TOGGLE', ticketId: standing! });
    expect(a.getSnapshot().context.plan).toBeNull();
    a.send({ type: 'TICKET.TOGGLE', ticketId: standing! });
    const again = await waitFor(a, (s) => planned(s) && s.context.selected.length === 1);
    expect(again.context.method).toBe('voucher');
  });

  it('only offers the methods the policy allows: no cash back for a card purchase', async () => {
    const { actor: a } = start();
    await findAndChooseAll(a, 3);
    a.send({ type: 'METHOD.CHOOSE', method: 'cash' });
    expect(a.getSnapshot().context.error?.code).toBe('method_not_allowed');
    expect(a.getSnapshot().context.method).toBe('original_tender');
    a.send({ type: 'METHOD.CHOOSE', method: 'voucher' });
    expect(a.getSnapshot().context.method).toBe('voucher');
  });

  it('a refund to the original card carries the card terminal approval code to the domain', async () => {
    const { actor: a, fakes } = start();
    await findAndChooseAll(a, 3);
    const tenderId = byCard.tenders[0]!.tender.tenderId;
    a.send({ type: 'CARD.APPROVAL', tenderId, approvalCode: ' RF9921 ' });
    a.send({ type: 'CONTINUE' });
    const end = await waitFor(a, (s) => s.status === 'done');
    expect(end.output?.refund?.method).toBe('original_tender');
    expect(fakes.state.commits[0]!.refund.cardApprovals).toEqual({ [tenderId]: 'RF9921' });
  });

  it('a cancelled performance refunds everything, fees waived', async () => {
    const { actor: a } = start();
    const r = await findAndChooseAll(a, 4);
    expect(r.context.plan?.total).toEqual(UAH(620));
    expect(r.context.plan?.fees).toEqual(UAH(0));
  });

  it('a non-refundable ticket cannot continue; the reason is the policy sentence', async () => {
    const { actor: a, fakes } = start();
    const r = await findAndChooseAll(a, 5);
    expect(r.context.plan?.allRefundable).toBe(false);
    a.send({ type: 'CONTINUE' });
    expect(a.getSnapshot().context.error).toEqual({
      code: 'not_refundable',
      message: r.context.plan?.summary,
    });
    expect(fakes.state.commits).toHaveLength(0);
  });

  it('a forged code is refused; a customer search with several orders lets the cashier pick', async () => {
    const { actor: a } = start();
    a.send({ type: 'FIND', query: { kind: 'ticket_code', code: 'FAKE-123' } });
    let s = await waitFor(a, (x) => x.matches('finding') && x.context.error !== null);
    expect(s.context.error?.code).toBe('forged');
    a.send({ type: 'FIND', query: { kind: 'customer', text: 'oksana' } });
    s = await waitFor(a, (x) => x.matches('choosingOrder'));
    expect(s.context.matches).toHaveLength(orders.length);
    a.send({ type: 'ORDER.PICK', orderId: 'not-offered' });
    expect(a.getSnapshot().value).toBe('choosingOrder');
    a.send({ type: 'ORDER.PICK', orderId: byCard.orderId });
    s = await reviewing(a);
    expect(s.context.order?.orderId).toBe(byCard.orderId);
    a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 999 } });
    expect(a.getSnapshot().value).toBe('reviewing');
    a.send({ type: 'BACK' });
    a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 999 } });
    s = await waitFor(a, (x) => x.matches('finding') && x.context.error !== null);
    expect(s.context.error?.code).toBe('not_found');
  });

  it('when the domain demands an approval the evaluation did not foresee, it asks for a PIN instead of looping', async () => {
    const fakes = refundFakes(catalog, orders);
    let calls = 0;
    const inner = fakes.actors.commitRefund;
    const actor = createActor(
      refundMachine.provide({
        actors: {
          ...fakes.actors,
          commitRefund: fromPromise(async ({ input }) => {
            calls += 1;
            if (input.refund.approver === undefined)
              return err('approval_required', 'A supervisor must approve.', {
                requiredRole: 'supervisor',
                binding: {
                  action: 'refund',
                  subjectId: input.refund.orderId,
                  amount: UAH(280),
                  requestedBy: 'olena',
                  requiredRole: 'supervisor',
                },
              });
            return {
              ok: true as const,
              value: { refundId: 'r', receiptNo: 11, total: UAH(280), method: input.refund.method },
            };
          }),
        },
      }),
      { input: { staff: olena } },
    );
    actors.push(actor);
    actor.start();
    expect(inner).toBeDefined();
    await findAndChooseAll(actor, 1);
    actor.send({ type: 'CONTINUE' });
    const s = await waitFor(actor, (x) => x.matches('approval'));
    expect(s.context.approvalBinding?.requiredRole).toBe('supervisor');
    expect(calls).toBe(1);
    actor.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' });
    await waitFor(actor, (x) => x.status === 'done');
    expect(calls).toBe(2);
  });

  it('found by receipt, nothing is chosen; quick ticks are all kept; unticking the last clears the decision', async () => {
    const { actor: a } = start();
    a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } });
    const r = await reviewing(a);
    expect(r.context.selected).toEqual([]);
    expect(r.context.error).toBeNull();
    const [first, second] = twoStandard.tickets.map((t) => t.ticket.ticketId);
    // Both ticks arrive before the first decision is back: the second restarts it.
    a.send({ type: 'TICKET.TOGGLE', ticketId: first! });
    expect(a.getSnapshot().value).toBe('evaluating');
    a.send({ type: 'TICKET.TOGGLE', ticketId: second! });
    let s = await waitFor(a, (x) => x.matches('reviewing'));
    expect(s.context.selected).toEqual([first, second]);
    expect(s.context.plan?.total).toEqual(UAH(560));
    a.send({ type: 'TICKET.TOGGLE', ticketId: first! });
    a.send({ type: 'TICKET.TOGGLE', ticketId: second! });
    s = await waitFor(a, (x) => x.matches('reviewing'));
    expect(s.context.selected).toEqual([]);
    expect(s.context.plan).toBeNull();
    expect(s.context.error).toBeNull();
  });

  it('cancelling the approval goes back to the decision saying who must approve', async () => {
    const { actor: a, fakes } = start();
    await findAndChooseAll(a, 2);
    a.send({ type: 'CONTINUE' });
    await waitFor(a, (x) => x.matches('approval'));
    a.send({ type: 'APPROVAL.CANCEL' });
    const s = a.getSnapshot();
    expect(s.value).toBe('reviewing');
    expect(s.context.error).toMatchObject({
      code: 'approval_required',
      details: { requiredRole: 'supervisor' },
    });
    // Only the refused attempt reached the commit: nothing was refunded.
    expect(fakes.state.commits).toHaveLength(1);
    expect(fakes.state.commits[0]!.refund.approver).toBeUndefined();
  });

  it('after the commit the order is loaded again before the voucher prints', async () => {
    const fakes = refundFakes(catalog, orders);
    const loads: string[] = [];
    const after = { ...twoStandard, tickets: twoStandard.tickets.map((t) => ({ ...t })) };
    const actor = createActor(
      refundMachine.provide({
        actors: {
          ...fakes.actors,
          loadOrder: fromPromise<LoadOrderActorResult, LoadOrderInput>(async ({ input }) => {
            loads.push(input.orderId);
            return ok(loads.length === 1 ? twoStandard : after);
          }),
        },
      }),
      { input: { staff: olena } },
    );
    actors.push(actor);
    actor.start();
    const scanned = twoStandard.tickets[0]!.ticket;
    actor.send({ type: 'FIND', query: { kind: 'ticket_code', code: scanned.code } });
    await reviewing(actor);
    actor.send({ type: 'METHOD.CHOOSE', method: 'cash' });
    actor.send({ type: 'CONTINUE' });
    const end = await waitFor(actor, (x) => x.status === 'done');
    expect(loads).toEqual([twoStandard.orderId, twoStandard.orderId]);
    expect(end.context.order).toBe(after);
    expect(end.context.selected).toEqual([]);
    expect(fakes.state.prints).toHaveLength(1);
  });

  it('cancel ends the flow without committing', async () => {
    const { actor: a, fakes } = start();
    a.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } });
    await reviewing(a);
    a.send({ type: 'CANCEL' });
    expect(a.getSnapshot().output).toEqual({ outcome: 'cancelled', refund: null });
    expect(fakes.state.commits).toHaveLength(0);
  });
});
