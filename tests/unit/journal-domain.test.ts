/**
 * The domain's drafts as the journal stores them: every entry type seals into a valid hash
 * chain, the terminal state folded from sealed entries equals the one the commands saw, and
 * tickets sold with the real Ed25519 signer verify as genuine.
 */
import { describe, expect, it } from 'vitest';
import { approving } from '../support/approvals';
import {
  closeShift,
  login,
  logout,
  projectTerminal,
  refund,
  sell,
  setTrainingMode,
} from '../../shared/commands';
import {
  ENTRY_TYPES,
  entryVersion,
  journalEntrySchema,
  parseJournalEntry,
  parseJournalEntryCompiled,
  sealEntries,
  verifyChain,
  type DomainEntry,
  type EntryDraft,
  draft,
} from '../../shared/journal';
import {
  createKeyRing,
  createTicketSigner,
  signingKeyFromSeed,
  verifyTicketCode,
} from '../../shared/tickets';
import { openTill, STAFF, uah } from '../fixtures/domain';
import { admitAtTheDoor, busyShift, cash, twoShiftDay } from './journal-day';

describe('domain entries in the journal', () => {
  it('seal into a chain that verifies, covering every entry type', async () => {
    const till = openTill();
    await busyShift(till);
    admitAtTheDoor(till);
    const report = till.take(
      approving(STAFF.taras, (approver) =>
        closeShift(
          { ...till.base(), shiftTally: till.shiftTally() },
          { counted: uah(1000), note: 'Counted twice', approver },
          STAFF.olena,
          till.ports,
        ),
      ),
    ).report;
    expect(report.zNumber).toBe(1);
    till.take(logout(till.terminal, STAFF.olena, till.ports));
    till.take(login(till.terminal, { staff: STAFF.taras }, till.ports));
    till.take(setTrainingMode(till.terminal, { enabled: true }, STAFF.taras, till.ports));

    const sealed: DomainEntry[] = await sealEntries('T01', null, till.entries);
    expect(sealed.map((e) => e.seq)).toEqual(sealed.map((_, i) => i + 1));
    expect(await verifyChain(sealed)).toEqual({ ok: true });
    expect(new Set(sealed.map((e) => e.type))).toEqual(new Set(ENTRY_TYPES));
    expect(projectTerminal('T01', sealed)).toEqual(till.terminal);
    // Receipt numbers are gapless: sale, sale, sale, refund, exchange, void.
    const receipts = sealed.flatMap((e) => ('receiptNo' in e.payload ? [e.payload.receiptNo] : []));
    expect(receipts).toEqual([1, 2, 3, 4, 5, 6]);
    // The stored Z report is the one a fresh computation over the journal gives.
    const close = sealed.find((e) => e.type === 'shift_close')!;
    expect(close.payload).toMatchObject({ zNumber: 1, report: report });
  });

  it('tickets sold with the real signer verify as genuine offline', async () => {
    const key = signingKeyFromSeed(new Uint8Array(32).fill(7));
    if (!key.ok) throw new Error(key.error.message);
    const signer = createTicketSigner(key.value, key.value.keyId, 'noble');
    if (!signer.ok) throw new Error(signer.error.message);
    const till = openTill();
    const result = await sell(
      till.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'A3' }],
        tenders: [cash(410)],
      },
      STAFF.olena,
      { ...till.ports, signTicket: signer.value },
    );
    const sale = till.take(result).sale;
    const ring = createKeyRing([{ keyId: key.value.keyId, publicKey: key.value.publicKey }]);
    if (!ring.ok) throw new Error(ring.error.message);
    const verdict = await verifyTicketCode(sale.tickets[0]!.code, {
      keyRing: ring.value,
      isTicketRevoked: () => false,
      isTicketUsed: () => false,
      backend: 'noble',
    });
    expect(verdict.verdict).toBe('genuine');
    expect(verdict.verdict !== 'malformed' && verdict.payload.ticketId).toBe(
      sale.tickets[0]!.ticketId,
    );
    expect(sale.tickets[0]!.code.length).toBeLessThanOrEqual(160);
  });
});

describe('the journal contract (journalEntrySchema)', () => {
  it('accepts every entry the domain writes exactly as sealed, at version 1', async () => {
    const till = await twoShiftDay();
    admitAtTheDoor(till);
    const sealed: DomainEntry[] = await sealEntries('T01', null, till.entries);
    const training = await sealEntries('T01', sealed[sealed.length - 1]!, [
      draft('training_mode', '2026-04-01T20:00:00.000Z', {
        enabled: true,
        staff: { staffId: STAFF.taras.staffId, role: STAFF.taras.role },
      }),
    ]);
    sealed.push(...training);
    for (const entry of sealed) {
      const parsed = parseJournalEntry(entry);
      // Equal, not just accepted: a schema that dropped a member would break the hash.
      expect(parsed.ok && parsed.entry).toEqual(entry);
      // The server's push checks with the compiled schema: the same answer.
      expect(parseJournalEntryCompiled(entry)).toEqual(parsed);
      expect(entry.v).toBe(1);
    }
    expect(new Set(sealed.map((e) => e.type))).toEqual(new Set(ENTRY_TYPES));
  });

  it('refuses a stray member, a missing one, an unknown type or version, and bad money', async () => {
    const till = await twoShiftDay();
    const sealed = await sealEntries('T01', null, till.entries);
    const sale = sealed.find((e) => e.type === 'sale')!;
    expect(journalEntrySchema.safeParse(sale).success).toBe(true);
    const { receiptNo, ...withoutReceipt } = sale.payload;
    expect(receiptNo).toBe(1);
    const bad: unknown[] = [
      { ...sale, payload: { ...sale.payload, discount: 5 } },
      { ...sale, payload: withoutReceipt },
      { ...sale, type: 'gift' },
      { ...sale, v: 2 },
      { ...sale, shiftId: 'x' },
      {
        ...sale,
        payload: {
          ...sale.payload,
          totals: { ...sale.payload.totals, total: { amount: 1.5, currency: 'UAH' } },
        },
      },
      { ...sale, hash: 'not-hex' },
    ];
    for (const value of bad) {
      const refused = parseJournalEntry(value);
      expect(refused.ok).toBe(false);
      // The compiled schema (the server's push) refuses it with the same words.
      expect(parseJournalEntryCompiled(value)).toEqual(refused);
    }
  });

  it('reads entries sealed before versions existed as version 1; their hashes still verify', async () => {
    const till = await twoShiftDay();
    // The earlier shape: the same drafts without `v`, sealed the way they were then.
    const earlier = till.entries.map((d): EntryDraft => {
      const { v, ...rest } = d as EntryDraft;
      expect(v).toBe(1);
      return rest;
    });
    const old = await sealEntries('T01', null, earlier.slice(0, 10));
    for (const entry of old) {
      expect('v' in entry).toBe(false);
      const parsed = parseJournalEntry(entry);
      expect(parsed.ok && entryVersion(parsed.entry)).toBe(1);
    }
    // New entries (with v) continue the old chain; the whole run verifies.
    const next = await sealEntries(
      'T01',
      old[old.length - 1]!,
      till.entries.slice(10) as EntryDraft[],
    );
    expect(next[0]!.v).toBe(1);
    expect(await verifyChain([...old, ...next])).toEqual({ ok: true });
    // v is covered by the hash: changing it is an edit.
    const retagged = [...old, { ...next[0]!, v: 2 }, ...next.slice(1)];
    expect(await verifyChain(retagged)).toMatchObject({ ok: false, reason: 'edited', seq: 11 });
  });

  it('a kiosk card sale and its refund carry the terminal’s payment ids; earlier card entries without them still read and verify', async () => {
    const kiosk = openTill(STAFF.kiosk, undefined, uah(0));
    const salePayment = '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a01';
    const refundPayment = '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a02';
    const card = { kind: 'card' as const, approvalCode: 'AB1234', last4: '4242' };
    // The earlier shape first: a card sale keyed in at a till, no payment id.
    kiosk.take(
      await sell(
        kiosk.base(),
        {
          items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 }],
          tenders: [{ ...card, amount: uah(155) }],
        },
        STAFF.kiosk,
        kiosk.ports,
      ),
    );
    const sale = kiosk.take(
      await sell(
        kiosk.base(),
        {
          items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 }],
          tenders: [{ ...card, amount: uah(155), paymentId: salePayment }],
        },
        STAFF.kiosk,
        kiosk.ports,
      ),
    ).sale;
    const tenderId = sale.tenders[0]!.tenderId;
    kiosk.take(
      refund(
        { ...kiosk.base(), order: kiosk.order(sale.orderId) },
        {
          orderId: sale.orderId,
          ticketIds: [sale.tickets[0]!.ticketId],
          method: 'original_tender',
          reasonCode: 'customer_request',
          cardApprovals: { [tenderId]: 'RF0001' },
          cardRefundPayments: { [tenderId]: refundPayment },
        },
        STAFF.kiosk,
        kiosk.ports,
      ),
    );
    const sealed: DomainEntry[] = await sealEntries('T01', null, kiosk.entries);
    for (const entry of sealed) {
      const parsed = parseJournalEntry(entry);
      expect(parsed.ok && parsed.entry).toEqual(entry);
    }
    const sales = sealed.filter((e) => e.type === 'sale');
    expect(sales.map((e) => e.payload.tenders[0])).toMatchObject([
      { kind: 'card', last4: '4242' },
      { kind: 'card', paymentId: salePayment },
    ]);
    expect(sales[0]!.payload.tenders[0]).not.toHaveProperty('paymentId');
    const refunded = sealed.find((e) => e.type === 'refund');
    expect(refunded?.payload.payouts).toMatchObject([
      { kind: 'card', approvalCode: 'RF0001', paymentId: refundPayment },
    ]);
    expect(await verifyChain(sealed)).toEqual({ ok: true });
    // A payment id is a reference, not free text: anything else is refused.
    const bad = {
      ...sales[1]!,
      payload: {
        ...sales[1]!.payload,
        tenders: [{ ...sales[1]!.payload.tenders[0]!, paymentId: 7 }],
      },
    };
    expect(parseJournalEntry(bad).ok).toBe(false);
  });
});
