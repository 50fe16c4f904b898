import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketSignInput } from '../../shared/tickets/ticket-payload';
import { presignCodes } from '../../shared/tickets/presigned-codes';
import { parseTicketCode } from '../../shared/tickets/ticket-code';
import { commitSale } from '../../src-renderer/app/sale-service';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill } from './till-fixtures';

// A sale signs its tickets' codes while it reads its stock (shared/tickets/presigned-codes.ts):
// the codes it then issues must be exactly those, each used once, each naming its own ticket.

afterEach(closeTills);

const AT = '2026-12-06T10:00:00.000Z';

function countingSigner(failFor?: string) {
  const signed: TicketSignInput[] = [];
  let n = 0;
  return {
    signed,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    sign: (input: TicketSignInput): Promise<string> => {
      signed.push(input);
      if (failFor !== undefined && input.seatId === failFor)
        return Promise.reject(new Error('key gone'));
      return Promise.resolve(`code-of-${input.ticketId}`);
    },
  };
}

describe('presignCodes', () => {
  it('hands each code signed ahead out once, only for the unit it was signed for', async () => {
    const s = countingSigner();
    const seat = { performanceId: 'p1', tierId: 'stalls', seatId: 'A1', issuedAt: AT };
    const ga = { performanceId: 'p2', tierId: 'standing', issuedAt: AT };
    const codes = await presignCodes([seat, ga, ga], s.newId, s.sign);
    expect(s.signed).toHaveLength(3);

    const first = codes.take(ga);
    const second = codes.take(ga);
    expect(first?.code).toBe(`code-of-${first?.ticketId}`);
    expect(second?.ticketId).not.toBe(first?.ticketId);
    expect(codes.take(ga)).toBeUndefined(); // both GA codes are gone
    expect(codes.take({ ...seat, issuedAt: '2026-12-06T10:00:00.001Z' })).toBeUndefined();
    expect(codes.take({ ...seat, seatId: 'A2' })).toBeUndefined();
    expect(codes.take(seat)?.code).toBe(`code-of-${s.signed[0]!.ticketId}`);
  });

  it('leaves out a unit whose signing failed, so issuing signs it itself', async () => {
    const s = countingSigner('A2');
    const unit = (seatId: string) => ({ performanceId: 'p1', tierId: 't', seatId, issuedAt: AT });
    const codes = await presignCodes([unit('A1'), unit('A2')], s.newId, s.sign);
    expect(codes.take(unit('A2'))).toBeUndefined();
    expect(codes.take(unit('A1'))).toBeDefined();
  });
});

describe('a sale with codes signed ahead', () => {
  it('issues every ticket with a code naming that ticket, at the sale entry’s instant', async () => {
    const opened = await openDemoTill();
    // The till's own signer, counted: each ticket is signed once, ahead, and never again.
    const signed: TicketSignInput[] = [];
    const till = {
      ...opened,
      ports: {
        ...opened.ports,
        signTicket: (input: TicketSignInput) => {
          signed.push(input);
          return opened.ports.signTicket(input);
        },
      },
    } as typeof opened;
    const sold = await commitSale(
      till,
      {
        items: [
          { performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 3 },
          { performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-10-9' },
        ],
        tenders: [{ kind: 'cash', tendered: UAH(5_000_000) }],
      },
      olena,
    );
    if (!sold.ok) throw new Error(sold.error.message);
    const { tickets } = sold.value.sale;
    expect(tickets).toHaveLength(4);
    expect(new Set(tickets.map((t) => t.ticketId)).size).toBe(4);
    expect(new Set(tickets.map((t) => t.code)).size).toBe(4);
    for (const t of tickets) {
      const parsed = parseTicketCode(t.code);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(parsed.value.payload.ticketId).toBe(t.ticketId);
    }
    expect(signed.map((x) => x.ticketId).sort()).toEqual(tickets.map((t) => t.ticketId).sort());
    const entry = (await till.store.db.journal.toArray()).find((r) => r.type === 'sale');
    expect(tickets.every((t) => t.issuedAt === entry?.at)).toBe(true);
  });
});
