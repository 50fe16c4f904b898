// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SellItem } from '../../shared/commands';
import type { PaymentStatus, PaymentTerminalState } from '../../shared/ipc/payment';
import { ok } from '../../shared/util/result';
import type { CardTerminal } from '../../src-renderer/app/card-terminal';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { previewExchange } from '../../src-renderer/app/exchange-service';
import {
  exchangeAtKiosk,
  kioskExchangeQuote,
  kioskExchangeStart,
  quoteKioskExchange,
} from '../../src-renderer/app/kiosk-exchange';
import { buyByCard, quoteKioskCart } from '../../src-renderer/app/kiosk-purchase';
import { KIOSK_ACTOR, startKioskSession } from '../../src-renderer/app/kiosk-session';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { NOW } from './flows-fixtures';
import { closeTills, demoMainStaff, journalTypes } from './till-fixtures';

// The kiosk's self-exchange on a real till (fake-indexeddb) with an in-memory card terminal:
// the rules are exchangeTargets' and the figures planExchange's, under the kiosk's identity;
// the difference moves only at the terminal (a sale, or a referenced refund of the order's
// own card payment), the exchange is journalled only after the terminal approved, and money
// that moved for an exchange that could not be recorded is reversed.

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
    dbName: `kiosk-exchange-${n}-${Date.now()}`,
    clock: () => NOW,
    seed: (store) => loadDemoIfEmpty(store.db, { now: new Date(NOW) }),
    staff: (await demoMainStaff()).authority,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  own.push(opened.value);
  await startKioskSession(opened.value);
  return opened.value;
}

/** Approves what it is asked at the first status query; `during` runs while it has it. */
function terminal(during?: () => Promise<void>) {
  const reversed: string[] = [];
  const started: { kind: string; amount: number; originalPaymentId?: string }[] = [];
  const payments = new Map<string, PaymentStatus>();
  let calls = 0;
  const t: CardTerminal = {
    start: async (r) => {
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
      payments.set(r.paymentId, s);
      calls += 1;
      // the first start is the purchase that makes the ticket; the rest are exchanges
      if (during !== undefined && calls > 1) await during();
      return ok(s);
    },
    status: (id) => {
      const s: PaymentStatus = {
        ...payments.get(id)!,
        state: 'approved',
        approvalCode: 'A1B2C3',
        last4: '4242',
        scheme: 'visa',
      };
      payments.set(id, s);
      return Promise.resolve(ok(s));
    },
    reverse: (id) => {
      reversed.push(id);
      return Promise.resolve(ok({ ...payments.get(id)!, state: 'reversed' as const }));
    },
    terminal: () => Promise.resolve(ok<PaymentTerminalState>({ state: 'ready' })),
    onUpdated: () => () => undefined,
    onTerminal: () => () => undefined,
  };
  return { terminal: t, started, reversed };
}

const printed = () => Promise.resolve({ state: 'printed' as const });

/** One ticket of `tierId` (GA) for the performance, bought by card at the kiosk. */
async function bought(till: Till, t: CardTerminal, tierId = 'ga-standing') {
  const items = [{ performanceId: 'dnipro-lights-1', tierId, quantity: 1 }];
  const quote = await quoteKioskCart(till, items);
  if (!quote.ok) throw new Error(quote.error.message);
  const sold = await buyByCard(
    { till, terminal: t, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
    items,
    quote.value.total,
  );
  if (sold.kind !== 'sold') throw new Error(sold.kind);
  const sale = sold.sale.sale;
  const found = (await reloadOrder(till, sale.orderId))!;
  return { sale, order: found.view, ticketId: sale.tickets[0]!.ticketId };
}

const FAN_ZONE: SellItem[] = [
  { performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone', quantity: 1 },
];
const STANDARD_SEAT: SellItem[] = [
  { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-10-9', quantity: 1 },
];

describe('kiosk self-exchange', { timeout: 30_000 }, () => {
  it('starts only within the exchange rules: a non-exchangeable ticket is refused by its rule; the performances the rules allow are offered', async () => {
    const till = await kioskTill();
    const { terminal: t } = terminal();
    const strict = await bought(till, t, 'ga-fan-zone');
    const performances = till.catalog.catalog.performances;
    expect(kioskExchangeStart(strict.order, strict.ticketId, performances, NOW)).toMatchObject({
      kind: 'see_box_office',
      why: 'policy',
      refusal: { why: 'policy' },
    });
    const standing = await bought(till, t);
    const start = kioskExchangeStart(standing.order, standing.ticketId, performances, NOW);
    expect(start.kind).toBe('choose');
    if (start.kind !== 'choose') return;
    // its own performance too (another tier of it), never a cancelled one
    expect(start.performanceIds).toContain('dnipro-lights-1');
    expect(start.performanceIds).not.toContain('forest-song-cancelled');
    expect(start.performanceIds).toContain('forest-song-1');
  });

  it('dearer: the difference is charged once at the terminal, then one exchange entry under the kiosk with that card tender', async () => {
    const till = await kioskTill();
    const { terminal: t, started, reversed } = terminal();
    const { sale, ticketId } = await bought(till, t);
    const offer = await quoteKioskExchange(
      till,
      sale.orderId,
      ticketId,
      FAN_ZONE,
      KIOSK_ACTOR,
      'cart-1',
    );
    expect(offer).toMatchObject({
      kind: 'offer',
      plan: { credit: { amount: 65_000 }, newTotal: { amount: 150_000 }, fee: { amount: 0 } },
      settle: { kind: 'pay_by_card', amount: { amount: 85_000 } },
    });
    if (offer.kind !== 'offer') return;
    const before = await journalTypes(till);
    const outcome = await exchangeAtKiosk(
      { till, terminal: t, actor: KIOSK_ACTOR, print: printed, pollMs: 1, holdId: 'cart-1' },
      offer,
    );
    expect(outcome.kind).toBe('exchanged');
    expect(started.slice(1)).toEqual([{ kind: 'sale', amount: 85_000 }]);
    expect(reversed).toEqual([]);
    expect(await journalTypes(till)).toEqual([...before, 'exchange']);
    if (outcome.kind !== 'exchanged') return;
    expect(outcome.exchange).toMatchObject({
      staff: KIOSK_ACTOR,
      difference: { amount: 85_000 },
      tenders: [{ kind: 'card', amount: { amount: 85_000 }, paymentId: expect.any(String) }],
      payouts: [],
    });
  });

  it('cheaper: the difference goes back by a referenced refund of the original card payment, recorded on the payout', async () => {
    const till = await kioskTill();
    const { terminal: t, started } = terminal();
    const { sale, ticketId } = await bought(till, t);
    const original = (sale.tenders[0] as { paymentId: string }).paymentId;
    const offer = await quoteKioskExchange(
      till,
      sale.orderId,
      ticketId,
      STANDARD_SEAT,
      KIOSK_ACTOR,
      'cart-2',
    );
    expect(offer).toMatchObject({
      kind: 'offer',
      plan: { credit: { amount: 65_000 }, newTotal: { amount: 60_000 }, due: { amount: -5_000 } },
      settle: {
        kind: 'back_to_card',
        card: { amount: { amount: 5_000 }, originalPaymentId: original },
      },
    });
    if (offer.kind !== 'offer') return;
    const outcome = await exchangeAtKiosk(
      { till, terminal: t, actor: KIOSK_ACTOR, print: printed, pollMs: 1, holdId: 'cart-2' },
      offer,
    );
    expect(started.slice(1)).toEqual([
      { kind: 'refund', amount: 5_000, originalPaymentId: original },
    ]);
    expect(outcome).toMatchObject({
      kind: 'exchanged',
      exchange: {
        payouts: [
          {
            kind: 'card',
            amount: { amount: 5_000 },
            approvalCode: 'A1B2C3',
            paymentId: expect.any(String),
          },
        ],
      },
    });
  });

  it('money moved but the ticket was refunded elsewhere meanwhile: the charge is reversed and no exchange is written', async () => {
    const till = await kioskTill();
    let orderId = '';
    let ticketId = '';
    const {
      terminal: t,
      reversed,
      started,
    } = terminal(async () => {
      const found = (await reloadOrder(till, orderId))!;
      const other = await commitRefund(
        till,
        found.view,
        { ticketIds: [ticketId], method: 'voucher', reasonCode: 'customer_request' },
        KIOSK_ACTOR,
      );
      if (!other.ok) throw new Error(other.error.message);
    });
    const b = await bought(till, t);
    orderId = b.sale.orderId;
    ticketId = b.ticketId;
    const offer = await quoteKioskExchange(
      till,
      orderId,
      ticketId,
      FAN_ZONE,
      KIOSK_ACTOR,
      'cart-3',
    );
    if (offer.kind !== 'offer') throw new Error(offer.kind);
    const outcome = await exchangeAtKiosk(
      { till, terminal: t, actor: KIOSK_ACTOR, print: printed, pollMs: 1, holdId: 'cart-3' },
      offer,
    );
    expect(outcome).toMatchObject({ kind: 'not_recorded', reversal: 'reversed' });
    expect(reversed).toHaveLength(1);
    expect(started).toHaveLength(2);
    expect((await journalTypes(till)).filter((x) => x === 'exchange')).toEqual([]);
  });

  it('a pay-back the kiosk may not make alone goes to the box office: above its role, or no kiosk card to refer to', async () => {
    const till = await kioskTill();
    const { terminal: t } = terminal();
    const { order, ticketId } = await bought(till, t);
    const planned = await previewExchange(till, order, [ticketId], STANDARD_SEAT);
    if (!planned.ok) throw new Error(planned.error.message);
    expect(kioskExchangeQuote(order, ticketId, STANDARD_SEAT, planned, KIOSK_ACTOR).kind).toBe(
      'offer',
    );
    const above = ok({ ...planned.value, requiredRole: 'supervisor' as const });
    expect(kioskExchangeQuote(order, ticketId, STANDARD_SEAT, above, KIOSK_ACTOR)).toMatchObject({
      kind: 'see_box_office',
      why: 'approval',
    });
    // A card keyed in at a till: no terminal payment id, nothing to refer a refund to.
    const keyed = {
      ...order,
      tenders: order.tenders.map((b) => ({
        ...b,
        tender: { ...b.tender, paymentId: undefined },
      })),
    } as typeof order;
    expect(kioskExchangeQuote(keyed, ticketId, STANDARD_SEAT, planned, KIOSK_ACTOR)).toMatchObject({
      kind: 'see_box_office',
      why: 'no_method',
    });
    // The policy's own refusal is passed on in its words.
    const refused = kioskExchangeQuote(
      order,
      ticketId,
      STANDARD_SEAT,
      { ok: false, error: { code: 'sold_out', message: 'Sold out.' } },
      KIOSK_ACTOR,
    );
    expect(refused).toMatchObject({ kind: 'see_box_office', refused: { code: 'sold_out' } });
  });
});
