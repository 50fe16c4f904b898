/**
 * Cash code version 2 carries the refund request's reason (one signed byte), so the till's
 * refund entry — and every by-reason report — names it; version 1 codes already printed are
 * still read and paid as a customer's request. The reason labels the refund, it never changes
 * the amount: planRefund waives fees by the performance's status, on the server and the till.
 */
import { describe, expect, it } from 'vitest';
import {
  CASH_CODE_PREFIX,
  CASH_CODE_REASON_BYTES,
  CASH_CODE_VERDICT_WORDS,
  cashCodeSigningMessage,
  decodeCashCodePayload,
  encodeCashCodePayload,
  parseCashCode,
  signCashCode,
  verifyCashCode,
  type CashCodeInput,
  type CashCodePayload,
} from '../../shared/cash-codes';
import { catalogSchema, indexCatalog, type CatalogIndex } from '../../shared/catalog/catalog';
import { refund, sell } from '../../shared/commands';
import { base45Decode, base45Encode } from '../../shared/crypto/base45';
import { concatBytes, hexToBytes } from '../../shared/crypto/bytes';
import { ed25519Sign, publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { REFUND_REASONS, type RefundReasonCode } from '../../shared/journal/entry-types';
import { SLIP_LOCALES } from '../../shared/slips/document';
import { refundVoucherViewOf } from '../../shared/slips/from-journal';
import { refundVoucher } from '../../shared/slips/layouts/refund-voucher';
import { slipTextLines } from '../../shared/slips/preview';
import { catalogIdFingerprintBytes } from '../../shared/tickets/catalog-fingerprint';
import { createKeyRing, deriveKeyId } from '../../shared/tickets/key-ring';
import { decideRequest } from '../../src-server/requests/decision';
import { CATALOG_INPUT, codeOf, openTill, STAFF, uah, type Till } from '../fixtures/domain';

const SEED = new Uint8Array(32).fill(7);
const KEY_ID = deriveKeyId(publicKeyFromSeed(SEED));
const VENUE = 'podil-stage';
const NOW = Date.parse('2026-04-01T10:00:00+03:00');

const INPUT: CashCodeInput = {
  requestId: '0190f5c2-7e1a-7c3d-8a4b-1c2d3e4f5a6b',
  venueId: VENUE,
  orderId: '0190f5c2-7e1a-7c3d-8a4b-000000000001',
  ticketIds: ['0190f5c2-7e1a-7c3d-8a4b-000000000002', '0190f5c2-7e1a-7c3d-8a4b-000000000003'],
  amount: uah(285),
  issuedAt: '2026-04-01T06:00:00Z',
  expiresAt: '2026-04-15T06:00:00Z',
  reasonCode: 'performance_cancelled',
};

const ring = () => {
  const r = createKeyRing([{ keyId: KEY_ID, publicKey: publicKeyFromSeed(SEED) }]);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const ctx = (nowMs = NOW) => ({
  keyRing: ring(),
  venueId: VENUE,
  nowMs,
  backend: 'noble' as const,
});

async function issued(input: CashCodeInput): Promise<string> {
  const r = await signCashCode(SEED, input, 'noble');
  if (!r.ok) throw new Error(r.error.message);
  return r.value.code;
}

const bytesOf = (code: string): Uint8Array => {
  const raw = base45Decode(code.slice(CASH_CODE_PREFIX.length));
  if (!raw.ok) throw new Error(raw.error.message);
  return raw.value.slice();
};

/** A version 1 payload, byte by byte from the v1 table (the codes printed before v2). */
function v1Payload(input: CashCodeInput): Uint8Array {
  const uuid = (id: string) => hexToBytes(id.replaceAll('-', ''))!;
  const out = new Uint8Array(61 + 16 * input.ticketIds.length);
  const view = new DataView(out.buffer);
  out[0] = 1;
  out.set(uuid(input.requestId), 1);
  out.set(catalogIdFingerprintBytes(input.venueId), 17);
  out.set(uuid(input.orderId), 23);
  out.set(hexToBytes(KEY_ID)!, 39);
  view.setUint32(43, Date.parse(input.issuedAt) / 1000);
  view.setUint32(47, Date.parse(input.expiresAt) / 1000);
  for (let i = 0; i < 3; i++) out[51 + i] = input.amount.currency.charCodeAt(i);
  view.setUint32(54, input.amount.amount);
  view.setUint16(58, input.overrideBp ?? 0);
  out[60] = input.ticketIds.length;
  input.ticketIds.forEach((id, i) => out.set(uuid(id), 61 + 16 * i));
  return out;
}

async function signedV1(input: CashCodeInput): Promise<string> {
  const payload = v1Payload(input);
  const signature = await ed25519Sign(SEED, cashCodeSigningMessage(payload), 'noble');
  return CASH_CODE_PREFIX + base45Encode(concatBytes(payload, signature));
}

describe('cash code version 2: the refund reason', () => {
  it('round-trips every refund reason in one signed byte at offset 60', async () => {
    for (const reasonCode of REFUND_REASONS) {
      const bytes = encodeCashCodePayload({ ...INPUT, reasonCode }, KEY_ID);
      if (!bytes.ok) throw new Error(bytes.error.message);
      expect(bytes.value.length).toBe(62 + 16 * 2);
      expect(bytes.value[0]).toBe(2);
      expect(bytes.value[60]).toBe(CASH_CODE_REASON_BYTES[reasonCode]);
      const back = decodeCashCodePayload(bytes.value);
      expect(back.ok && back.value).toMatchObject({
        version: 2,
        reasonCode,
        ticketIds: INPUT.ticketIds,
        amount: INPUT.amount,
      });
      const verified = await verifyCashCode(await issued({ ...INPUT, reasonCode }), ctx());
      expect(verified).toMatchObject({ verdict: 'genuine', payload: { reasonCode } });
    }
    // Every reason has its own byte, none of them 0.
    const used = Object.values(CASH_CODE_REASON_BYTES);
    expect(new Set(used).size).toBe(REFUND_REASONS.length);
    expect(used).not.toContain(0);
  });

  it('refuses a reason byte no reason has, in words, never paying it as another reason', async () => {
    const bytes = encodeCashCodePayload(INPUT, KEY_ID);
    if (!bytes.ok) throw new Error(bytes.error.message);
    for (const unknown of [0, 9, 255]) {
      const changed = bytes.value.slice();
      changed[60] = unknown;
      const r = decodeCashCodePayload(changed);
      expect(r.ok || r.error.code).toBe('unknown_reason');
      expect(r.ok || r.error.message).toBe(
        `The cash code names a refund reason this till does not know (${unknown}): update the till before paying it out.`,
      );
      // Signed that way by a newer server: refused — "update, then scan" — never paid.
      const signature = await ed25519Sign(SEED, cashCodeSigningMessage(changed), 'noble');
      const code = CASH_CODE_PREFIX + base45Encode(concatBytes(changed, signature));
      expect(parseCashCode(code)).toMatchObject({
        ok: false,
        error: { code: 'unsupported', details: { cause: 'unknown_reason' } },
      });
      expect(await verifyCashCode(code, ctx())).toEqual({
        verdict: 'unsupported',
        reason: r.ok ? '' : r.error.message,
      });
      expect(CASH_CODE_VERDICT_WORDS.unsupported).toMatch(/Do not pay out\.$/);
    }
  });

  it('a reason byte changed after signing fails the signature', async () => {
    const bytes = bytesOf(await issued({ ...INPUT, reasonCode: 'customer_request' }));
    bytes[60] = CASH_CODE_REASON_BYTES.performance_cancelled;
    const forged = CASH_CODE_PREFIX + base45Encode(bytes);
    expect(await verifyCashCode(forged, ctx())).toMatchObject({
      verdict: 'bad_signature',
      payload: { reasonCode: 'performance_cancelled' },
    });
  });

  it('still reads a version 1 code as it was issued, as a customer request', async () => {
    const code = await signedV1({ ...INPUT, overrideBp: 5000 });
    const verified = await verifyCashCode(code, ctx());
    expect(verified.verdict).toBe('genuine');
    expect('payload' in verified && verified.payload).toEqual({
      version: 1,
      requestId: INPUT.requestId,
      venueRef: expect.stringMatching(/^[0-9a-f]{12}$/),
      orderId: INPUT.orderId,
      ticketIds: INPUT.ticketIds,
      amount: INPUT.amount,
      keyId: KEY_ID,
      issuedAt: INPUT.issuedAt,
      expiresAt: INPUT.expiresAt,
      overrideBp: 5000,
      reasonCode: 'customer_request',
    });
    // A version 1 code of the v2 length (or the other way round) does not hold its tickets.
    const v1 = v1Payload(INPUT);
    expect(codeOf(decodeCashCodePayload(concatBytes(v1, new Uint8Array([0]))))).toBe(
      'wrong_length',
    );
  });
});

/** The fixture catalog with hamlet-0501 cancelled: the server's, and the till's after a pull. */
function cancelledCatalog(): CatalogIndex {
  const parsed = catalogSchema.parse(CATALOG_INPUT);
  return indexCatalog({
    ...parsed,
    performances: parsed.performances.map((p) =>
      p.id === 'hamlet-0501' ? { ...p, status: 'cancelled' as const } : p,
    ),
  });
}

/** A cash sale of two standing places (2 × 150.00 + 2 × 5.00 booking fee). */
async function cashSale(till: Till) {
  const r = await sell(
    till.base(),
    {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 }],
      tenders: [{ kind: 'cash', tendered: uah(310) }],
    },
    STAFF.olena,
    till.ports,
  );
  return till.take(r).sale;
}

function payOut(till: Till, payload: CashCodePayload, reasonCode: RefundReasonCode) {
  return refund(
    {
      ...till.base(),
      order: till.order(payload.orderId),
      cashCode: { payload, orderRefunds: [] },
    },
    {
      orderId: payload.orderId,
      ticketIds: [...payload.ticketIds],
      method: 'cash',
      reasonCode,
      cashCode: { requestId: payload.requestId },
    },
    STAFF.olena,
    till.ports,
  );
}

describe('a version 2 code paid at the till', () => {
  /**
   * The server's approval as review.ts makes it (decideRequest → planRefund, manager), the
   * code signed with that amount and the request's reason, then paid by the refund command.
   */
  async function approvedAndScanned(catalog: CatalogIndex, reasonCode: RefundReasonCode) {
    const till = openTill();
    const sale = await cashSale(till);
    (till as { catalog: CatalogIndex }).catalog = catalog;
    const decided = decideRequest({
      order: till.order(sale.orderId),
      catalog,
      ticketIds: sale.tickets.map((t) => t.ticketId),
      asked: 'original_tender',
      nowMs: till.ports.clock(),
      actorRole: 'manager',
      actorId: 'li.wei',
    });
    if (!decided.ok) throw new Error(decided.error.message);
    const code = await issued({
      ...INPUT,
      orderId: sale.orderId,
      ticketIds: sale.tickets.map((t) => t.ticketId),
      amount: decided.value.decision.amount,
      issuedAt: new Date(till.ports.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      reasonCode,
    });
    const verified = await verifyCashCode(code, ctx(till.ports.clock()));
    if (verified.verdict !== 'genuine') throw new Error(verified.verdict);
    till.clock.advance(3_600_000);
    return { till, payload: verified.payload, approved: decided.value.decision.amount };
  }

  it('a cancelled show: the server amount (all of it, fees too) is planned exactly and journaled as cancelled', async () => {
    const { till, payload, approved } = await approvedAndScanned(
      cancelledCatalog(),
      'performance_cancelled',
    );
    expect(approved).toEqual(uah(310));
    const paid = till.take(payOut(till, payload, payload.reasonCode)).refund;
    expect(paid).toMatchObject({
      reasonCode: 'performance_cancelled',
      method: 'cash',
      total: uah(310),
      fees: uah(0),
      cashCode: { requestId: payload.requestId },
    });
    // The voucher names the reason in the customer's words, in every slip language.
    const words = { en: 'Performance cancelled', uk: 'Виставу скасовано', zh: '演出取消' };
    for (const locale of SLIP_LOCALES) {
      const lines = slipTextLines(
        refundVoucher(
          refundVoucherViewOf(paid, {
            locale,
            columns: 48,
            timeZone: till.catalog.venue.timeZone,
            catalog: till.catalog,
            venue: { name: 'Podil Stage', address: [] },
            staffName: (id) => id,
            terminal: 'T01',
            issuedAt: paid.cashCode!.paidAt,
            seatOf: () => undefined,
            originalReceiptNo: 'T01-000001',
          }),
        ),
      );
      const reasonLine = lines.find((l) => l.includes(words[locale]));
      expect(reasonLine, lines.join('\n')).toBeDefined();
      expect(lines.join('\n')).not.toContain('performance_cancelled');
    }
  });

  it('the reason labels the refund, it never changes the amount; the till cannot relabel it', async () => {
    // The customer says "cancelled", the catalog does not: the window's rule (95 %, fees kept).
    const { till, payload, approved } = await approvedAndScanned(
      indexCatalog(catalogSchema.parse(CATALOG_INPUT)),
      'performance_cancelled',
    );
    expect(approved).toEqual(uah(285));
    const relabelled = payOut(till, payload, 'customer_request');
    expect(codeOf(relabelled)).toBe('invalid_argument');
    expect(relabelled.ok || relabelled.error.details).toMatchObject({
      reason: 'cash_code_reason',
      approved: 'performance_cancelled',
      asked: 'customer_request',
    });
    const paid = till.take(payOut(till, payload, payload.reasonCode)).refund;
    expect(paid).toMatchObject({ reasonCode: 'performance_cancelled', total: uah(285) });
  });

  it('a version 1 code is paid exactly as before: the approved amount, as a customer request', async () => {
    const till = openTill();
    const sale = await cashSale(till);
    const code = await signedV1({
      ...INPUT,
      orderId: sale.orderId,
      ticketIds: sale.tickets.map((t) => t.ticketId),
      issuedAt: new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    const verified = await verifyCashCode(code, ctx());
    if (verified.verdict !== 'genuine') throw new Error(verified.verdict);
    const paid = till.take(payOut(till, verified.payload, verified.payload.reasonCode)).refund;
    expect(paid).toMatchObject({ reasonCode: 'customer_request', total: uah(285) });
  });
});
