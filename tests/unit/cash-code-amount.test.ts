/**
 * The amount of a cash code: the server signs what the customer is paid (its decision), the
 * till pays exactly that or refuses. Both measure it with the same function
 * (`refundPaidOut`), with the venue's cash rounding: a sale whose cash was rounded (185.62
 * paid as 185.60) refunded whole, one ticket of two, and a policy that keeps a fee.
 */
import { describe, expect, it } from 'vitest';
import { signCashCode, verifyCashCode, type CashCodePayload } from '../../shared/cash-codes';
import { catalogSchema, indexCatalog, type CatalogIndex } from '../../shared/catalog/catalog';
import { refund, sell } from '../../shared/commands';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { payoutsTotal } from '../../shared/orders/payouts';
import { createKeyRing, deriveKeyId } from '../../shared/tickets/key-ring';
import { decideRequest } from '../../src-server/requests/decision';
import {
  CATALOG_INPUT,
  codeOf,
  openTill,
  SETTINGS,
  STAFF,
  uah,
  type Till,
} from '../fixtures/domain';

const SEED = new Uint8Array(32).fill(7);
const KEY_ID = deriveKeyId(publicKeyFromSeed(SEED));
const VENUE = 'opera-kyiv';
const REQUEST = '0190f5c2-7e1a-7c3d-8a4b-1c2d3e4f5a6b';

/**
 * The fixture venue with its smallest coin 0.10 (UAH) and two tiers at 92.81: jazz under the
 * flexible policy (everything back, no fees), standing under the standard one (5 % fee, the
 * 5.00 booking fee kept). `cancel` cancels hamlet-0501, as a newer catalog would.
 */
function venueCatalog(cancel = false): CatalogIndex {
  const parsed = catalogSchema.parse({
    ...CATALOG_INPUT,
    venue: { ...CATALOG_INPUT.venue, cashRoundingIncrement: 10 },
    tiers: CATALOG_INPUT.tiers.map((t) =>
      t.id === 'jazz-ga' || t.id === 'hamlet-standing' ? { ...t, price: uah(92.81) } : t,
    ),
  });
  return indexCatalog({
    ...parsed,
    performances: parsed.performances.map((p) =>
      cancel && p.id === 'hamlet-0501' ? { ...p, status: 'cancelled' as const } : p,
    ),
  });
}

/** A till of that venue: its settings take the venue's cash rounding, as till.ts opens them. */
function venueTill(): Till {
  const till = openTill();
  (till as { catalog: CatalogIndex }).catalog = venueCatalog();
  till.settings = { ...SETTINGS, cashRoundingIncrement: 10 };
  return till;
}

async function cashSale(till: Till, performanceId: string, tierId: string, tendered: number) {
  const r = await sell(
    till.base(),
    {
      items: [{ performanceId, tierId, quantity: 2 }],
      tenders: [{ kind: 'cash', tendered: uah(tendered) }],
    },
    STAFF.olena,
    till.ports,
  );
  return till.take(r).sale;
}

const ring = () => {
  const r = createKeyRing([{ keyId: KEY_ID, publicKey: publicKeyFromSeed(SEED) }]);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/**
 * The server's approval as review.ts makes it (decideRequest, a manager, on the server's
 * catalog) and the code signed with its amount, as issueCashCode signs it.
 */
async function approved(
  till: Till,
  orderId: string,
  ticketIds: readonly string[],
  serverCatalog: CatalogIndex = venueCatalog(),
): Promise<CashCodePayload> {
  const decided = decideRequest({
    order: till.order(orderId),
    catalog: serverCatalog,
    ticketIds,
    asked: 'original_tender',
    nowMs: till.ports.clock(),
    actorRole: 'manager',
    actorId: 'li.wei',
  });
  if (!decided.ok) throw new Error(decided.error.message);
  const signed = await signCashCode(
    SEED,
    {
      requestId: REQUEST,
      venueId: VENUE,
      orderId,
      ticketIds,
      amount: decided.value.decision.amount,
      issuedAt: new Date(till.ports.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      expiresAt: '2026-05-15T06:00:00Z',
      reasonCode: 'customer_request',
    },
    'noble',
  );
  if (!signed.ok) throw new Error(signed.error.message);
  const verified = await verifyCashCode(signed.value.code, {
    keyRing: ring(),
    venueId: VENUE,
    nowMs: till.ports.clock(),
    backend: 'noble',
  });
  if (verified.verdict !== 'genuine') throw new Error(verified.verdict);
  till.clock.advance(3_600_000);
  return verified.payload;
}

function payOut(till: Till, payload: CashCodePayload, catalogCurrentAtMs?: number) {
  return refund(
    {
      ...till.base(),
      order: till.order(payload.orderId),
      cashCode: {
        payload,
        orderRefunds: [],
        ...(catalogCurrentAtMs !== undefined ? { catalogCurrentAtMs } : {}),
      },
    },
    {
      orderId: payload.orderId,
      ticketIds: [...payload.ticketIds],
      method: 'cash',
      reasonCode: payload.reasonCode,
      cashCode: { requestId: payload.requestId },
    },
    STAFF.olena,
    till.ports,
  );
}

/** What left the drawer: the refund's payouts, all cash. */
function paidInCash(till: Till, payload: CashCodePayload) {
  const out = till.take(payOut(till, payload));
  expect(out.refund.payouts.every((p) => p.kind === 'cash')).toBe(true);
  return payoutsTotal('UAH', out.refund.payouts);
}

describe('a cash code pays exactly the amount the server signed', () => {
  it('a rounded cash sale (185.62 paid as 185.60) refunded whole: 185.60 signed and paid', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'jazz-0510', 'jazz-ga', 200);
    expect(sale.tenders[0]!.amount).toEqual(uah(185.6));
    const payload = await approved(
      till,
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
    );
    expect(payload.amount).toEqual(uah(185.6));
    expect(paidInCash(till, payload)).toEqual(payload.amount);
  });

  it('one ticket of two: the signed amount is the coins the till hands over (92.80)', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'jazz-0510', 'jazz-ga', 200);
    const payload = await approved(till, sale.orderId, [sale.tickets[0]!.ticketId]);
    expect(payload.amount).toEqual(uah(92.8));
    expect(paidInCash(till, payload)).toEqual(payload.amount);
  });

  it('a policy that keeps a fee: 2 × (92.81 − 4.64), booking fees kept, in coins (176.30)', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'hamlet-0501', 'hamlet-standing', 200);
    const payload = await approved(
      till,
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
    );
    expect(payload.amount).toEqual(uah(176.3));
    expect(paidInCash(till, payload)).toEqual(payload.amount);
  });

  it('an amount the till would not pay is refused, nothing paid, the manager asked for a new code', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'jazz-0510', 'jazz-ga', 200);
    const payload = await approved(
      till,
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
    );
    // A code for less than the till pays (issued before the till's catalog was last current).
    const r = payOut(till, { ...payload, amount: uah(185) }, till.ports.clock());
    expect(codeOf(r)).toBe('invalid_state');
    expect(r.ok || r.error.message).toBe(
      'The code approves 185.00 UAH but this refund now comes to 185.60 UAH: ask a manager to issue a new code.',
    );
    expect(r.ok || r.error.details).toMatchObject({ reason: 'cash_code_amount', update: false });
  });
});

describe('a version-1 code (printed before the server measured the drawer) stays payable', () => {
  it('one ticket of two signed at its worth before rounding (92.81): paid 92.80, as v1 always was', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'jazz-0510', 'jazz-ga', 200);
    const v2 = await approved(till, sale.orderId, [sale.tickets[0]!.ticketId]);
    // What the v1 server signed: the ticket's worth, no cash rounding.
    const v1 = { ...v2, version: 1, amount: uah(92.81) };
    // The same amount on a version-2 code is refused: v2 signs what the drawer pays.
    const refused = payOut(till, { ...v1, version: 2 }, till.ports.clock());
    expect(codeOf(refused)).toBe('invalid_state');
    expect(paidInCash(till, v1)).toEqual(uah(92.8));
  });

  it('a v1 code for an amount neither measure gives is refused', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'jazz-0510', 'jazz-ga', 200);
    const v2 = await approved(till, sale.orderId, [sale.tickets[0]!.ticketId]);
    const r = payOut(till, { ...v2, version: 1, amount: uah(95) }, till.ports.clock());
    expect(codeOf(r)).toBe('invalid_state');
  });
});

describe('a till that has not yet taken the catalog the code was decided on', () => {
  it('a cancelled show: the 100 % code is refused with "go online and update", not "a new code"', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'hamlet-0501', 'hamlet-standing', 200);
    const fetchedAt = till.ports.clock();
    till.clock.advance(60_000);
    // The server's catalog has the performance cancelled: everything back, booking fees too.
    const payload = await approved(
      till,
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
      venueCatalog(true),
    );
    expect(payload.amount).toEqual(uah(195.6));
    // The till's catalog was last current before the code was issued: update first.
    const stale = payOut(till, payload, fetchedAt);
    expect(codeOf(stale)).toBe('invalid_state');
    expect(stale.ok || stale.error.message).toBe(
      'The code approves 195.60 UAH but this till comes to 176.30 UAH: its catalog may be older than the approval (a performance cancelled since, say). Go online so the till updates, then scan the code again.',
    );
    expect(stale.ok || stale.error.details).toMatchObject({
      reason: 'cash_code_amount',
      update: true,
    });
    // Not knowing when its catalog was last current, the till says the same.
    const unknown = payOut(till, payload);
    expect(unknown.ok || unknown.error.details).toMatchObject({ update: true });
    // Its catalog current after the code was issued: the code, not the till, is behind.
    const current = payOut(till, payload, till.ports.clock());
    expect(current.ok || current.error.details).toMatchObject({ update: false });

    // Updated, the till pays the code exactly.
    (till as { catalog: CatalogIndex }).catalog = venueCatalog(true);
    expect(paidInCash(till, payload)).toEqual(uah(195.6));
  });

  it('cancelled after the last window: the refusal of the closed window says "update" too', async () => {
    const till = venueTill();
    const sale = await cashSale(till, 'hamlet-0501', 'hamlet-standing', 200);
    const fetchedAt = till.ports.clock();
    till.clock.set('2026-04-30T20:00:00+03:00');
    const payload = await approved(
      till,
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
      venueCatalog(true),
    );
    const stale = payOut(till, payload, fetchedAt);
    expect(stale.ok || stale.error.message).toBe(
      'The code approves 195.60 UAH but this till cannot refund these tickets: its catalog may be older than the approval (a performance cancelled since, say). Go online so the till updates, then scan the code again.',
    );
    // Its catalog current after the code: the policy's own refusal, as for any refund.
    const current = payOut(till, payload, till.ports.clock());
    expect(codeOf(current)).toBe('not_refundable');
  });
});
