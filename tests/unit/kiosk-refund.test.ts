// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentStatus, PaymentTerminalState } from '../../shared/ipc/payment';
import { ok } from '../../shared/util/result';
import type { CardTerminal } from '../../src-renderer/app/card-terminal';
import { buyByCard, quoteKioskCart } from '../../src-renderer/app/kiosk-purchase';
import { kioskRefundDecision, refundAtKiosk } from '../../src-renderer/app/kiosk-refund';
import { KIOSK_ACTOR, startKioskSession } from '../../src-renderer/app/kiosk-session';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund, planTillRefund } from '../../src-renderer/app/refund-service';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { NOW } from './flows-fixtures';
import { closeTills, demoMainStaff, journalTypes } from './till-fixtures';

// The kiosk's self-refund on a real till (fake-indexeddb) with an in-memory card terminal:
// the decision is planRefund's under the kiosk's identity; the money moves only by a
// referenced refund of the sale's own payment, and the refund is journalled only after the
// terminal approved it (an unknown outcome is asked again, never sent twice).

const own: Till[] = [];
afterEach(async () => {
  for (const t of own.splice(0)) t.close();
  await closeTills();
});

let n = 0;
async function kioskTill(): Promise<Till> {
  n += 1;
  const opened = await openTill({
    terminalId: 'K1',
    dbName: `kiosk-refund-${n}-${Date.now()}`,
    clock: () => NOW,
    seed: (store) => loadDemoIfEmpty(store.db, { now: new Date(NOW) }),
    staff: (await demoMainStaff()).authority,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  own.push(opened.value);
  await startKioskSession(opened.value);
  return opened.value;
}

/** Approves every sale at once; each refund answers `start` pending, then the scripted states. */
function terminalScript(
  refundStates: PaymentStatus['state'][],
  /** runs while the terminal has the refund (another window acting meanwhile) */
  duringRefund?: () => Promise<void>,
) {
  const reversed: string[] = [];
  const started: { kind: string; amount: number; originalPaymentId?: string }[] = [];
  const payments = new Map<string, PaymentStatus>();
  const approved = (s: PaymentStatus): PaymentStatus => ({
    ...s,
    state: 'approved',
    approvalCode: 'A1B2C3',
    last4: '4242',
    scheme: 'visa',
  });
  const terminal: CardTerminal = {
    start: (r) => {
      started.push({
        kind: r.kind,
        amount: r.amount.amount,
        ...(r.originalPaymentId !== undefined ? { originalPaymentId: r.originalPaymentId } : {}),
      });
      const s: PaymentStatus = {
        paymentId: r.paymentId,
        kind: r.kind,
        amount: r.amount,
        state: 'pending',
      };
      payments.set(r.paymentId, r.kind === 'sale' ? approved(s) : s);
      const answer = ok(payments.get(r.paymentId)!);
      return r.kind === 'refund' && duringRefund
        ? duringRefund().then(() => answer)
        : Promise.resolve(answer);
    },
    status: (id) => {
      const s = payments.get(id)!;
      const next = refundStates.shift() ?? s.state;
      const answer =
        next === 'approved'
          ? approved(s)
          : {
              ...s,
              state: next,
              ...(next === 'declined' ? { reason: 'insufficient_funds' as const } : {}),
            };
      payments.set(id, answer);
      return Promise.resolve(ok(answer));
    },
    reverse: (id) => {
      reversed.push(id);
      return Promise.resolve(ok({ ...payments.get(id)!, state: 'reversed' as const }));
    },
    terminal: () => Promise.resolve(ok<PaymentTerminalState>({ state: 'ready' })),
    onUpdated: () => () => undefined,
    onTerminal: () => () => undefined,
  };
  return { terminal, started, reversed };
}

const printed = () => Promise.resolve({ state: 'printed' as const });

/** Two standing places of the performance in three days, bought by card at the kiosk. */
async function boughtByCard(till: Till, terminal: CardTerminal, performanceId = 'dnipro-lights-1') {
  const items = [{ performanceId, tierId: 'ga-standing', quantity: 2 }];
  const quote = await quoteKioskCart(till, items);
  if (!quote.ok) throw new Error(quote.error.message);
  const sold = await buyByCard(
    { till, terminal, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
    items,
    quote.value.total,
  );
  if (sold.kind !== 'sold') throw new Error(sold.kind);
  return sold.sale.sale;
}

async function decide(till: Till, orderId: string, ticketId: string) {
  const found = await reloadOrder(till, orderId);
  if (found === null) throw new Error('order not stored');
  const planned = await planTillRefund(till, found.view, { ticketIds: [ticketId] }, KIOSK_ACTOR);
  return kioskRefundDecision(found.view, ticketId, planned);
}

describe('kiosk self-refund', { timeout: 30_000 }, () => {
  it('offers the card the kiosk charged (its payment id on the tender) and the voucher, as planRefund decides', async () => {
    const till = await kioskTill();
    const { terminal } = terminalScript([]);
    const sale = await boughtByCard(till, terminal);
    expect(sale.tenders[0]).toMatchObject({ kind: 'card', paymentId: expect.any(String) });
    const decision = await decide(till, sale.orderId, sale.tickets[0]!.ticketId);
    expect(decision).toMatchObject({
      kind: 'offer',
      card: {
        last4: '4242',
        originalPaymentId: (sale.tenders[0] as { paymentId: string }).paymentId,
        amount: { amount: 66_500 },
      },
    });
  });

  it('refunds to the card only after the terminal approved, asking again while unknown — one request, one refund entry', async () => {
    const till = await kioskTill();
    const { terminal, started } = terminalScript(['unknown', 'pending', 'approved']);
    const sale = await boughtByCard(till, terminal);
    const decision = await decide(till, sale.orderId, sale.tickets[0]!.ticketId);
    if (decision.kind !== 'offer') throw new Error(decision.kind);
    const before = await journalTypes(till);
    const outcome = await refundAtKiosk(
      { till, terminal, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      decision,
      'card',
    );
    expect(outcome.kind).toBe('refunded');
    expect(started.filter((s) => s.kind === 'refund')).toEqual([
      {
        kind: 'refund',
        amount: 66_500,
        originalPaymentId: (sale.tenders[0] as { paymentId: string }).paymentId,
      },
    ]);
    expect(await journalTypes(till)).toEqual([...before, 'refund']);
    if (outcome.kind !== 'refunded') return;
    expect(outcome.refund.staff).toEqual(KIOSK_ACTOR);
    expect(outcome.refund.payouts).toEqual([
      expect.objectContaining({
        kind: 'card',
        approvalCode: 'A1B2C3',
        paymentId: expect.any(String),
      }),
    ]);
    // The same ticket again: no longer offered.
    const again = await decide(till, sale.orderId, sale.tickets[0]!.ticketId);
    expect(again).toMatchObject({ kind: 'see_box_office', why: 'policy' });
  });

  it('refunded at the terminal but the ticket was refunded elsewhere meanwhile: the card refund is reversed, one refund recorded', async () => {
    const till = await kioskTill();
    let ticketId = '';
    let orderId = '';
    const { terminal, reversed, started } = terminalScript(['approved'], async () => {
      const found = (await reloadOrder(till, orderId))!;
      const other = await commitRefund(
        till,
        found.view,
        { ticketIds: [ticketId], method: 'voucher', reasonCode: 'customer_request' },
        KIOSK_ACTOR,
      );
      if (!other.ok) throw new Error(other.error.message);
    });
    const sale = await boughtByCard(till, terminal);
    orderId = sale.orderId;
    ticketId = sale.tickets[0]!.ticketId;
    const decision = await decide(till, orderId, ticketId);
    if (decision.kind !== 'offer') throw new Error(decision.kind);
    const outcome = await refundAtKiosk(
      { till, terminal, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      decision,
      'card',
    );
    expect(outcome).toMatchObject({ kind: 'not_recorded', reversal: 'reversed' });
    const refundIds = started.filter((s) => s.kind === 'refund');
    expect(refundIds).toHaveLength(1);
    expect(reversed).toHaveLength(1);
    expect((await journalTypes(till)).filter((t) => t === 'refund')).toHaveLength(1);
  });

  it('a declined card refund writes nothing and says why', async () => {
    const till = await kioskTill();
    const { terminal } = terminalScript(['declined']);
    const sale = await boughtByCard(till, terminal);
    const decision = await decide(till, sale.orderId, sale.tickets[0]!.ticketId);
    if (decision.kind !== 'offer') throw new Error(decision.kind);
    const before = await journalTypes(till);
    const outcome = await refundAtKiosk(
      { till, terminal, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      decision,
      'card',
    );
    expect(outcome).toEqual({ kind: 'not_refunded', reason: 'insufficient_funds' });
    expect(await journalTypes(till)).toEqual(before);
  });

  it('a ticket outside the policy (tonight, inside 24 h) sends the customer to the box office with the policy’s reasons', async () => {
    const till = await kioskTill();
    const { terminal } = terminalScript([]);
    const sale = await boughtByCard(till, terminal, 'dnipro-lights-tonight');
    const decision = await decide(till, sale.orderId, sale.tickets[0]!.ticketId);
    expect(decision).toMatchObject({ kind: 'see_box_office', why: 'policy' });
    if (decision.kind !== 'see_box_office') return;
    expect(decision.plan?.refusal?.code).toBe('not_refundable');
  });

  it('cash, a used ticket, a card without a payment id: never refunded by the kiosk itself', async () => {
    const till = await kioskTill();
    const { terminal } = terminalScript([]);
    const sale = await boughtByCard(till, terminal);
    const found = (await reloadOrder(till, sale.orderId))!;
    const ticketId = sale.tickets[0]!.ticketId;
    const plan = await planTillRefund(till, found.view, { ticketIds: [ticketId] }, KIOSK_ACTOR);
    const card = found.view.tenders[0]!;
    if (card.tender.kind !== 'card') throw new Error('not a card sale');
    const cash = {
      ...found.view,
      tenders: [
        {
          ...card,
          tender: {
            tenderId: card.tender.tenderId,
            kind: 'cash' as const,
            amount: card.tender.amount,
            tendered: card.tender.amount,
            change: { ...card.tender.amount, amount: 0 },
          },
        },
      ],
    };
    expect(kioskRefundDecision(cash, ticketId, plan)).toMatchObject({ why: 'cash_purchase' });
    const used = {
      ...found.view,
      tickets: found.view.tickets.map((t, i) => (i === 1 ? { ...t, status: 'used' as const } : t)),
    };
    expect(kioskRefundDecision(used, ticketId, plan)).toMatchObject({ why: 'partly_used' });
    const { paymentId: _none, ...keyedIn } = card.tender;
    const atTill = { ...found.view, tenders: [{ ...card, tender: keyedIn }] };
    // A card keyed in at a till has no payment to refer to: a voucher only (the policy allows it).
    expect(kioskRefundDecision(atTill, ticketId, plan)).toMatchObject({
      kind: 'offer',
      card: null,
      voucher: { amount: 66_500 },
    });
  });
});
