import { describe, expect, it } from 'vitest';
import {
  CASH_CODE_PREFIX,
  decodeCashCodePayload,
  encodeCashCodePayload,
  parseCashCode,
  signCashCode,
  verifyCashCode,
  type CashCodeInput,
  type CashCodePayload,
} from '../../shared/cash-codes';
import { refund, sell, type SellInput } from '../../shared/commands';
import { base45Decode, base45Encode } from '../../shared/crypto/base45';
import { ED25519_BACKENDS, publicKeyFromSeed } from '../../shared/crypto/ed25519';
import type { RefundPayload, RefundReasonCode } from '../../shared/journal/entry-types';
import { createKeyRing, deriveKeyId } from '../../shared/tickets/key-ring';
import { signingKeyFromSeed } from '../../shared/tickets/signing-key';
import { codeOf, openTill, STAFF, uah, type Till } from '../fixtures/domain';

const SEED = new Uint8Array(32).fill(7);
const OTHER_SEED = new Uint8Array(32).fill(9);
const VENUE = 'podil-stage';
const NOW = Date.parse('2026-04-01T10:00:00+03:00');

function ringOf(...seeds: Uint8Array[]) {
  const r = createKeyRing(
    seeds.map((s) => {
      const k = signingKeyFromSeed(s);
      if (!k.ok) throw new Error(k.error.message);
      return { keyId: k.value.keyId, publicKey: k.value.publicKey };
    }),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const INPUT: CashCodeInput = {
  requestId: '0190f5c2-7e1a-7c3d-8a4b-1c2d3e4f5a6b',
  venueId: VENUE,
  orderId: '0190f5c2-7e1a-7c3d-8a4b-000000000001',
  ticketIds: ['0190f5c2-7e1a-7c3d-8a4b-000000000002', '0190f5c2-7e1a-7c3d-8a4b-000000000003'],
  amount: uah(285),
  issuedAt: '2026-04-01T06:00:00Z',
  expiresAt: '2026-04-15T06:00:00Z',
  reasonCode: 'customer_request',
};

async function issued(input: CashCodeInput = INPUT, seed = SEED): Promise<string> {
  const r = await signCashCode(seed, input, 'noble');
  if (!r.ok) throw new Error(r.error.message);
  return r.value.code;
}

describe('cash-collection code payload', () => {
  it('round-trips every field, compact enough for a QR code', async () => {
    const keyId = deriveKeyId(publicKeyFromSeed(SEED));
    const bytes = encodeCashCodePayload({ ...INPUT, overrideBp: 5000 }, keyId);
    expect(bytes.ok && bytes.value.length).toBe(62 + 32);
    const back = decodeCashCodePayload(bytes.ok ? bytes.value : new Uint8Array());
    expect(back.ok && back.value).toMatchObject({
      requestId: INPUT.requestId,
      orderId: INPUT.orderId,
      ticketIds: INPUT.ticketIds,
      amount: uah(285),
      keyId,
      issuedAt: INPUT.issuedAt,
      expiresAt: INPUT.expiresAt,
      overrideBp: 5000,
      version: 2,
      reasonCode: 'customer_request',
    });
    const code = await issued();
    expect(code.startsWith(CASH_CODE_PREFIX)).toBe(true);
    expect(code.length).toBeLessThan(250);
    // QR alphanumeric only: the scan router and a QR encoder take it as it is.
    expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
  });

  it('refuses what a code cannot carry, naming the field', () => {
    const keyId = deriveKeyId(publicKeyFromSeed(SEED));
    const cases: [Partial<CashCodeInput>, string][] = [
      [{ requestId: 'R-17' }, 'requestId'],
      [{ ticketIds: [] }, 'ticketIds'],
      [{ ticketIds: [INPUT.ticketIds[0]!, INPUT.ticketIds[0]!] }, 'ticketIds'],
      [{ amount: uah(0) }, 'amount'],
      [{ amount: { amount: 1.5, currency: 'UAH' } }, 'amount'],
      [{ expiresAt: INPUT.issuedAt }, 'expiresAt'],
      [{ overrideBp: 10_001 }, 'overrideBp'],
      [{ reasonCode: 'changed_my_mind' as RefundReasonCode }, 'reasonCode'],
      [{ reasonCode: 'toString' as RefundReasonCode }, 'reasonCode'],
    ];
    for (const [change, field] of cases) {
      const r = encodeCashCodePayload({ ...INPUT, ...change }, keyId);
      expect(r.ok || r.error.details).toEqual({ field });
    }
  });

  it('never throws on garbage, and a truncated code is malformed', async () => {
    for (const junk of [undefined, 42, '', 'CASH:', 'CASH:%%%', 'HELLO', 'CASH:' + 'A'.repeat(900)])
      expect(parseCashCode(junk).ok).toBe(false);
    const code = await issued();
    expect(codeOf(parseCashCode(code.slice(0, -3)))).toBe('malformed');
  });
});

describe('verifyCashCode, offline', () => {
  for (const backend of ED25519_BACKENDS) {
    it(`${backend}: genuine, forged, unknown key, other venue, expired`, async () => {
      const code = await issued();
      const ctx = { keyRing: ringOf(SEED), venueId: VENUE, nowMs: NOW, backend };
      expect((await verifyCashCode(code, ctx)).verdict).toBe('genuine');

      // Forged: the amount raised from 285.00 to 2,850.00 in the signed bytes.
      const raw = base45Decode(code.slice(CASH_CODE_PREFIX.length));
      const bytes = raw.ok ? raw.value.slice() : new Uint8Array();
      new DataView(bytes.buffer).setUint32(54, 285_000);
      const forged = CASH_CODE_PREFIX + base45Encode(bytes);
      expect((await verifyCashCode(forged, ctx)).verdict).toBe('bad_signature');

      // Signed by a key this till never pulled (or a ticket key, which is not in this ring).
      const stranger = await issued(INPUT, OTHER_SEED);
      expect((await verifyCashCode(stranger, ctx)).verdict).toBe('unknown_key');
      const revoked = createKeyRing(ringOf(SEED).keys.map((k) => ({ ...k, revoked: true })));
      expect(
        (await verifyCashCode(code, { ...ctx, keyRing: revoked.ok ? revoked.value : ctx.keyRing }))
          .verdict,
      ).toBe('unknown_key');

      expect((await verifyCashCode(code, { ...ctx, venueId: 'other-house' })).verdict).toBe(
        'wrong_venue',
      );
      expect(
        (await verifyCashCode(code, { ...ctx, nowMs: Date.parse(INPUT.expiresAt) })).verdict,
      ).toBe('expired');
      expect((await verifyCashCode('R-T1-000001', ctx)).verdict).toBe('malformed');
    });
  }
});

const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });

async function soldStanding(till: Till) {
  const input: SellInput = {
    items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
    tenders: [cash(310)],
  };
  const r = await sell(till.base(), input, STAFF.olena, till.ports);
  return till.take(r).sale;
}

function refundsOf(till: Till, orderId: string): RefundPayload[] {
  return till.entries.flatMap((e) =>
    e.type === 'refund' && e.payload.orderId === orderId ? [e.payload] : [],
  );
}

describe('refund by cash code: the command decides, paid once', () => {
  async function setUp(change: Partial<CashCodeInput> = {}) {
    const till = openTill();
    const sale = await soldStanding(till);
    const ticketIds = sale.tickets.map((t) => t.ticketId);
    const code = await issued({
      ...INPUT,
      orderId: sale.orderId,
      ticketIds,
      // The policy's amount at issue: 2 × 155.00 less 5 % (the window at 30 days) = 285.00.
      amount: uah(285),
      issuedAt: new Date(NOW).toISOString(),
      ...change,
    });
    const parsed = parseCashCode(code);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const payload: CashCodePayload = parsed.value.payload;
    const ask = (actor = STAFF.olena, ids = ticketIds) =>
      refund(
        {
          ...till.base(),
          order: till.order(sale.orderId),
          cashCode: { payload, orderRefunds: refundsOf(till, sale.orderId) },
        },
        {
          orderId: sale.orderId,
          ticketIds: ids,
          method: 'cash',
          reasonCode: payload.reasonCode,
          cashCode: { requestId: payload.requestId },
        },
        actor,
        till.ports,
      );
    return { till, sale, payload, ask };
  }

  it('pays the approved amount in cash once; a second scan is refused in words', async () => {
    const { till, ask, payload } = await setUp();
    const first = ask();
    expect(codeOf(first)).toBe('ok');
    const out = till.take(first);
    expect(out.refund).toMatchObject({
      method: 'cash',
      total: uah(285),
      cashCode: { requestId: payload.requestId, keyId: payload.keyId, terminalId: 'T01' },
    });
    expect(out.refund.payouts.every((p) => p.kind === 'cash')).toBe(true);
    // The server's approval stands in for a supervisor: no approval entry, one refund entry.
    expect(out.drafts.map((d) => d.type)).toEqual(['refund']);

    till.clock.advance(60_000);
    const again = ask();
    expect(codeOf(again)).toBe('invalid_state');
    expect(again.ok || again.error.message).toMatch(
      /^This code was already paid out at 2026-04-01T07:00:00.000Z by T01 \(receipt 2\)\.$/,
    );
    expect(again.ok || again.error.details).toMatchObject({ reason: 'cash_code_paid' });
  });

  it('plans as of the moment the server decided, not the moment it is paid', async () => {
    // Issued on 1 April (95 %); paid on 28 April, when the window pays only 50 %.
    const { till, ask } = await setUp({ expiresAt: '2026-04-30T00:00:00Z' });
    till.clock.set('2026-04-28T12:00:00+03:00');
    const r = ask();
    expect(r.ok ? r.value.refund.total : r.error).toEqual(uah(285));
  });

  it('refuses an expired code, other tickets, and an amount the plan does not give', async () => {
    const expired = await setUp({ expiresAt: '2026-04-02T00:00:00Z' });
    expired.till.clock.set('2026-04-03T00:00:00Z');
    const e = expired.ask();
    expect(e.ok || e.error.details).toMatchObject({ reason: 'cash_code_expired' });

    const partial = await setUp();
    expect(codeOf(partial.ask(STAFF.olena, [partial.sale.tickets[0]!.ticketId]))).toBe(
      'invalid_argument',
    );

    const inflated = await setUp({ amount: uah(310) });
    const a = inflated.ask();
    expect(a.ok || a.error.details).toMatchObject({ reason: 'cash_code_amount' });
  });

  it('refuses a code the caller did not verify', async () => {
    const { till, sale, payload } = await setUp();
    const r = refund(
      { ...till.base(), order: till.order(sale.orderId) },
      {
        orderId: sale.orderId,
        ticketIds: sale.tickets.map((t) => t.ticketId),
        method: 'cash',
        reasonCode: 'customer_request',
        cashCode: { requestId: payload.requestId },
      },
      STAFF.olena,
      till.ports,
    );
    expect(codeOf(r)).toBe('invalid_argument');
  });
});
