/**
 * The domain's drafts as the journal stores them: every entry type seals into a valid hash
 * chain, the terminal state folded from sealed entries equals the one the commands saw, and
 * tickets sold with the real Ed25519 signer verify as genuine.
 */
import { describe, expect, it } from 'vitest';
import {
  closeShift,
  drop,
  exchange,
  login,
  logout,
  noSale,
  paidIn,
  paidOut,
  projectTerminal,
  refund,
  sell,
  setTrainingMode,
  voidSale,
} from '../../shared/commands';
import { ENTRY_TYPES, sealEntries, verifyChain, type DomainEntry } from '../../shared/journal';
import {
  createKeyRing,
  createTicketSigner,
  signingKeyFromSeed,
  verifyTicketCode,
} from '../../shared/tickets';
import type { Till } from '../fixtures/domain';
import { openTill, STAFF, uah } from '../fixtures/domain';

const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });

async function busyShift(till: Till): Promise<void> {
  const ports = till.ports;
  const s = () => ({ ...till.base(), shiftEntries: till.shiftEntries() });
  const a = till.take(
    await sell(
      till.base(),
      {
        items: [
          { performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B1' },
          { performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 },
        ],
        tenders: [cash(800)],
      },
      STAFF.olena,
      ports,
    ),
  ).sale;
  const b = till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C1' }],
        tenders: [cash(250)],
      },
      STAFF.olena,
      ports,
    ),
  ).sale;
  const c = till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
        tenders: [cash(300)],
      },
      STAFF.olena,
      ports,
    ),
  ).sale;
  till.take(
    refund(
      { ...till.base(), order: till.order(a.orderId) },
      {
        orderId: a.orderId,
        ticketIds: [a.tickets[1]!.ticketId],
        method: 'cash',
        reasonCode: 'customer_request',
      },
      STAFF.olena,
      ports,
    ),
  );
  till.take(
    await exchange(
      { ...till.base(), order: till.order(b.orderId) },
      {
        orderId: b.orderId,
        ticketIds: [b.tickets[0]!.ticketId],
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B2' }],
        tenders: [cash(200)],
      },
      STAFF.olena,
      ports,
    ),
  );
  till.take(
    voidSale(
      { ...till.base(), order: till.order(c.orderId) },
      { orderId: c.orderId, reason: 'Wrong night', approver: STAFF.taras },
      STAFF.olena,
      ports,
    ),
  );
  till.take(paidIn(s(), { amount: uah(100), reason: 'Coins from safe' }, STAFF.olena, ports));
  till.take(paidOut(s(), { amount: uah(50), reason: 'Taxi for the cast' }, STAFF.olena, ports));
  till.take(drop(s(), { amount: uah(500), reason: 'Safe drop' }, STAFF.olena, ports));
  till.take(noSale(s(), { reason: 'Check float' }, STAFF.olena, ports));
}

describe('domain entries in the journal', () => {
  it('seal into a chain that verifies, covering every entry type', async () => {
    const till = openTill();
    await busyShift(till);
    const report = till.take(
      closeShift(
        { ...till.base(), shiftEntries: till.shiftEntries() },
        { counted: uah(1000), note: 'Counted twice', approver: STAFF.taras },
        STAFF.olena,
        till.ports,
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
