/**
 * Journal push (issue 11 phase 1): real journal entries built by the domain's commands
 * (tests/unit/journal-day.ts) and sealed with the shared chain code as the terminal the
 * server enrolled, pushed over HTTP to PGlite or PostgreSQL.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cashMovedBy } from '../../shared/journal/cash-movement';
import { draft, type DomainEntry, type EntryLike } from '../../shared/journal/entry-types';
import { num } from '../../src-server/db/port';
import { twoShiftDay } from '../unit/journal-day';
import {
  DATABASE_KIND,
  sealAs,
  startServer,
  type EnrolledTill,
  type TestServer,
  publishFixtureCatalog,
} from './harness';

let server: TestServer;
let till: EnrolledTill;
let drafts: EntryLike[];
let entries: DomainEntry[];

beforeEach(async () => {
  server = await startServer();
  till = await server.enrol();
  drafts = (await twoShiftDay()).entries;
  entries = await sealAs(till.terminalId, drafts);
});
afterEach(async () => {
  await server.close();
});

const count = async (table: string) =>
  num((await server.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('push', () => {
  it('stores a day in order, advances the head and projects shifts, orders, tickets and cash', async () => {
    const res = await server.push(till, entries);
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual(
      entries.map((e) => ({ seq: e.seq, hash: e.hash, status: 'applied' })),
    );
    const last = entries[entries.length - 1]!;
    expect(res.body.head).toEqual({ seq: last.seq, hash: last.hash });
    const me = await server.request('GET', '/api/terminal', { auth: `Bearer ${till.token}` });
    expect(me.body.head).toEqual({ seq: last.seq, hash: last.hash });

    expect(await count('journal_entries')).toBe(entries.length);
    expect(await count('reconciliation_exceptions')).toBe(0);
    const sales = entries.filter((e) => e.type === 'sale');
    expect(await count('orders')).toBe(sales.length);
    const orders = await server.db.query<{ status: string }>(
      `SELECT status FROM orders ORDER BY receipt_no`,
    );
    // busyShift: a sale partly refunded, one with a ticket exchanged, one voided; then one more sale.
    expect(orders.map((o) => o.status)).toEqual(['partly_refunded', 'sold', 'voided', 'sold']);
    const tickets = await server.db.query<{ status: string; n: unknown }>(
      `SELECT status, count(*) AS n FROM tickets GROUP BY status ORDER BY status`,
    );
    expect(tickets.map((t) => [t.status, num(t.n)])).toEqual([
      ['exchanged', 1],
      ['refunded', 1],
      ['sold', 4],
      ['voided', 1],
    ]);

    // Cash by shift equals the shared cashMovedBy over that shift's entries: one rule.
    const shifts = await server.db.query<Record<string, unknown>>(
      `SELECT * FROM shifts ORDER BY opened_seq`,
    );
    expect(shifts).toHaveLength(2);
    for (const shift of shifts) {
      const own = entries.filter(
        (e) => 'shiftId' in e.payload && e.payload.shiftId === shift.shift_id,
      );
      const moved = own.map((e) => cashMovedBy(e) ?? { in: 0, out: 0 });
      expect(num(shift.cash_in_minor)).toBe(moved.reduce((s, m) => s + m.in, 0));
      expect(num(shift.cash_out_minor)).toBe(moved.reduce((s, m) => s + m.out, 0));
      expect(num(shift.entries)).toBe(own.length);
    }
    const close = entries.find((e) => e.type === 'shift_close')!;
    if (close.type !== 'shift_close') throw new Error('no close');
    expect(shifts[0]).toMatchObject({ z_number: close.payload.zNumber, closed_seq: close.seq });
    expect(num(shifts[0]!.expected_minor)).toBe(
      num(shifts[0]!.float_minor) + num(shifts[0]!.cash_in_minor) - num(shifts[0]!.cash_out_minor),
    );
    expect(shifts[1]!.closed_at).toBeNull();
  });

  it('in batches, in order: each batch chains onto the head the last one left', async () => {
    for (let i = 0; i < entries.length; i += 4) {
      const res = await server.push(till, entries.slice(i, i + 4));
      expect(res.status).toBe(200);
    }
    expect(await count('journal_entries')).toBe(entries.length);
    expect(await count('orders')).toBe(4);
  });

  it('is idempotent on (terminal, seq): the same batch again gets the same answer and is stored once', async () => {
    const first = await server.push(till, entries);
    const before = await server.snapshot();
    const again = await server.push(till, entries);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // An overlapping batch (a retry whose response was lost, plus what came after) too.
    const overlap = await server.push(till, entries.slice(3, 9));
    expect(overlap.body.acks).toEqual((first.body.acks as unknown[]).slice(3, 9));
    expect(await server.snapshot()).toEqual(before);
  });

  it('two pushes of one terminal at once neither fork nor duplicate', async () => {
    const [a, b] = await Promise.all([server.push(till, entries), server.push(till, entries)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(await count('journal_entries')).toBe(entries.length);
    expect(await count('orders')).toBe(4);
    expect(await count('tickets')).toBe(7);
  });

  it('two terminals pushing at once: every new entry gets one feed position, in commit order, no gaps', async () => {
    const other = await server.enrol();
    const copy = await sealAs(other.terminalId, drafts);
    // In batches of 3, interleaved and concurrent: on PostgreSQL they contend for the venue row.
    const pushes: Promise<unknown>[] = [];
    for (let i = 0; i < entries.length; i += 3) {
      const a = entries.slice(i, i + 3);
      const b = copy.slice(i, i + 3);
      pushes.push(
        (async () => {
          expect((await server.push(till, a)).status).toBe(200);
        })(),
        (async () => {
          expect((await server.push(other, b)).status).toBe(200);
        })(),
      );
      await Promise.all(pushes.splice(0));
    }
    const rows = await server.db.query<{ terminal_id: string; seq: number; feed_pos: unknown }>(
      `SELECT terminal_id, seq, feed_pos FROM journal_entries WHERE venue_id = $1 ORDER BY feed_pos`,
      [till.venueId],
    );
    expect(rows.map((r) => num(r.feed_pos))).toEqual(rows.map((_, i) => i + 1));
    // Each terminal's entries keep their seq order along the feed.
    for (const id of [till.terminalId, other.terminalId]) {
      const seqs = rows.filter((r) => r.terminal_id === id).map((r) => num(r.seq));
      expect(seqs).toEqual(entries.map((e) => e.seq));
    }
    const venue = await server.db.query<{ feed_pos: unknown }>(
      `SELECT feed_pos FROM venues WHERE venue_id = $1`,
      [till.venueId],
    );
    expect(num(venue[0]!.feed_pos)).toBe(entries.length * 2);
    // A retry takes no positions.
    await server.push(till, entries);
    expect(await count('journal_entries')).toBe(entries.length * 2);
  });

  // Defined only on PostgreSQL (scripts/with-postgres.mjs), so PGlite runs hold no skipped test.
  (DATABASE_KIND === 'postgres' ? it : () => undefined)(
    'a push takes feed positions only once it holds the venue row: positions follow commit order',
    async () => {
      // Another transaction holds the venue row, as a push of another terminal would until
      // its COMMIT: this push stores nothing until that one ends.
      const holder = new pg.Client({ connectionString: server.databaseUrl! });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT feed_pos FROM venues WHERE venue_id = $1 FOR UPDATE`, [
          till.venueId,
        ]);
        const pending = server.push(till, entries.slice(0, 3));
        await new Promise((r) => setTimeout(r, 300));
        expect(await count('journal_entries')).toBe(0);
        await holder.query('COMMIT');
        expect((await pending).status).toBe(200);
      } finally {
        await holder.end();
      }
      const rows = await server.db.query<{ feed_pos: unknown }>(
        `SELECT feed_pos FROM journal_entries ORDER BY seq`,
      );
      expect(rows.map((r) => num(r.feed_pos))).toEqual([1, 2, 3]);
    },
  );

  it('two different continuations of one head at once: one is stored, the other refused as a fork', async () => {
    await server.push(till, entries.slice(0, 5));
    const forked = await sealAs(till.terminalId, [
      ...drafts.slice(0, 5),
      { ...drafts[6]!, at: '2026-04-01T12:00:00+03:00' },
    ]);
    const [a, b] = await Promise.all([
      server.push(till, entries.slice(5, 6)),
      server.push(till, forked.slice(5, 6)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.code).toBe('seq_conflict');
    expect(await count('journal_entries')).toBe(6);
  });

  it('an admission marks the ticket used; a second admission, or one of a refunded ticket, is raised for a manager', async () => {
    const sales = drafts.filter((d) => d.type === 'sale');
    const lastSale = sales[sales.length - 1]!;
    if (lastSale.type !== 'sale') throw new Error('no sale');
    const ticket = lastSale.payload.tickets[0]!;
    const refunds = drafts.filter((d) => d.type === 'refund');
    if (refunds[0]?.type !== 'refund') throw new Error('no refund');
    const refunded = refunds[0].payload.tickets[0]!.ticketId;
    const at = drafts[drafts.length - 1]!.at;
    const staff = { staffId: 'olena', role: 'cashier' as const };
    const admission = (ticketId: string, orderId: string) =>
      draft('admission', at, { ticketId, orderId, performanceId: ticket.performanceId, staff });
    const all = await sealAs(till.terminalId, [
      ...drafts,
      admission(ticket.ticketId, lastSale.payload.orderId),
      admission(ticket.ticketId, lastSale.payload.orderId),
      admission(refunded, refunds[0].payload.orderId),
    ]);
    const res = await server.push(till, all);
    expect(res.status).toBe(200);
    const acks = (res.body.acks as { status: string }[]).slice(-3).map((a) => a.status);
    expect(acks).toEqual(['applied', 'exception', 'exception']);
    const used = await server.db.query<{ status: string }>(
      `SELECT status FROM tickets WHERE ticket_id = $1`,
      [ticket.ticketId],
    );
    expect(used[0]!.status).toBe('used');
    const raised = await server.db.query<{ code: string; message: string }>(
      `SELECT code, message FROM reconciliation_exceptions ORDER BY seq`,
    );
    expect(raised.map((r) => r.code)).toEqual(['ticket_not_admissible', 'ticket_not_admissible']);
    expect(raised[0]!.message).toMatch(/already used: it cannot be let in/);
    expect(raised[1]!.message).toMatch(/already refunded/);
    // Other tills receive the admission in their feed.
    const other = await server.enrol();
    const page = await server.request('GET', '/api/sync/pull?after=0&limit=1000', {
      auth: `Bearer ${other.token}`,
    });
    const types = (page.body.entries as { entry: { type: string } }[]).map((e) => e.entry.type);
    expect(types.filter((t) => t === 'admission')).toHaveLength(3);
  });

  it("re-checks the door's time rule against the venue's catalog at the entry's time: on the night applied, ten days early raised", async () => {
    // The venue's catalog: the day's fixtures, published to this server's venue.
    await publishFixtureCatalog(server, 'podil-stage');
    const sales = drafts.filter((d) => d.type === 'sale');
    const staff = { staffId: 'olena', role: 'cashier' as const };
    // Two tickets of hamlet-0501 (starts 2026-05-01 19:00 Kyiv).
    const hamlet = sales.flatMap((d) =>
      d.type === 'sale'
        ? d.payload.tickets
            .filter((t) => t.performanceId === 'hamlet-0501')
            .map((t) => ({ ...t, orderId: d.payload.orderId }))
        : [],
    );
    const refunded = new Set(
      drafts.flatMap((d) => (d.type === 'refund' ? d.payload.tickets.map((t) => t.ticketId) : [])),
    );
    const [onTheNight, tooEarly] = hamlet.filter((t) => !refunded.has(t.ticketId));
    if (onTheNight === undefined || tooEarly === undefined) throw new Error('two hamlet tickets');
    const admission = (t: typeof onTheNight, at: string) =>
      draft('admission', at, {
        ticketId: t.ticketId,
        orderId: t.orderId,
        performanceId: t.performanceId,
        staff,
      });
    const all = await sealAs(till.terminalId, [
      ...drafts,
      admission(onTheNight, '2026-05-01T18:30:00+03:00'),
      admission(tooEarly, '2026-04-21T18:30:00+03:00'),
    ]);
    const res = await server.push(till, all);
    expect(res.status).toBe(200);
    expect((res.body.acks as { status: string }[]).slice(-2).map((a) => a.status)).toEqual([
      'applied',
      'exception',
    ]);
    const status = async (ticketId: string) =>
      (
        await server.db.query<{ status: string }>(
          `SELECT status FROM tickets WHERE ticket_id = $1`,
          [ticketId],
        )
      )[0]?.status;
    expect(await status(onTheNight.ticketId)).toBe('used');
    expect(await status(tooEarly.ticketId)).toBe('sold');
    const raised = await server.db.query<{ code: string; message: string }>(
      `SELECT code, message FROM reconciliation_exceptions ORDER BY seq`,
    );
    expect(raised).toHaveLength(1);
    expect(raised[0]!.code).toBe('ticket_not_admissible');
    expect(raised[0]!.message).toMatch(
      /against the door rule: This ticket is for a later performance \(hamlet-0501/,
    );
  });

  it('stores an entry it cannot apply, answers it as received, raises an exception and goes on', async () => {
    // The day without the first sale: its refund names an order the server never saw.
    const firstSale = drafts.findIndex((d) => d.type === 'sale');
    const sealed = await sealAs(
      till.terminalId,
      drafts.filter((_, i) => i !== firstSale),
    );
    const res = await server.push(till, sealed);
    expect(res.status).toBe(200);
    const refund = sealed.find((e) => e.type === 'refund')!;
    expect((res.body.acks as { status: string }[]).filter((a) => a.status === 'exception')).toEqual(
      [{ seq: refund.seq, hash: refund.hash, status: 'exception' }],
    );
    expect(res.body.head.seq).toBe(sealed.length);
    expect(await count('journal_entries')).toBe(sealed.length);
    const exceptions = await server.db.query(
      `SELECT terminal_id, seq, code, message FROM reconciliation_exceptions`,
    );
    expect(exceptions).toEqual([
      {
        terminal_id: till.terminalId,
        seq: refund.seq,
        code: 'unknown_order',
        message: expect.stringMatching(/is not known to the server/),
      },
    ]);
    // Entries after it were applied: the exchange, the void and the next shift's sale.
    expect(await count('orders')).toBe(3);
    // And a retry answers the exception the same way.
    expect((await server.push(till, sealed)).body).toEqual(res.body);
  });

  it('raises a double refund across two tills as an exception for a manager', async () => {
    // Two tills whose journals refund the same ticket (a copied journal: same order ids).
    const other = await server.enrol();
    await server.push(till, entries);
    const copy = await sealAs(other.terminalId, drafts);
    const res = await server.push(other, copy);
    expect(res.status).toBe(200);
    const codes = await server.db.query<{ code: string }>(
      `SELECT code FROM reconciliation_exceptions WHERE terminal_id = $1 ORDER BY seq`,
      [other.terminalId],
    );
    expect(codes.map((c) => c.code)).toEqual(
      expect.arrayContaining(['duplicate_order', 'ticket_not_refundable']),
    );
    expect(await count('orders')).toBe(4);
    expect(await count('journal_entries')).toBe(entries.length * 2);
  });
});
