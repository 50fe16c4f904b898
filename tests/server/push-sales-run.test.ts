/**
 * The push's fast path for runs of sales (projectSales: a run in one statement) and its
 * refusals. A batch whose run of sales holds one bad sale — a ticket id already issued, a
 * shift the server does not know or has closed, an order already sold — is projected entry
 * by entry instead: the good sales of the run are applied, the bad one is stored, answered
 * `exception` and raised as a reconciliation exception, and the figures add up to exactly
 * what pushing the same entries one at a time (never the fast path) gives on a second server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cashMovedBy } from '../../shared/journal/cash-movement';
import type { DomainEntry, EntryLike } from '../../shared/journal/entry-types';
import { num } from '../../src-server/db/port';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';
import { simulatedDay } from './sim-till';

type Sale = Extract<DomainEntry, { type: 'sale' }>;
/** The members of a sale draft's payload the tests below edit before sealing. */
interface SalePayload {
  orderId: string;
  shiftId: string;
  tickets: { ticketId: string; orderId: string }[];
}

let server: TestServer;
let till: EnrolledTill;
let drafts: EntryLike[];

beforeEach(async () => {
  server = await startServer();
  till = await server.enrol();
  // Two shifts of eight sales (1–3 tickets each); the first shift closed, the second open.
  drafts = (
    await simulatedDay(41, {
      shifts: 2,
      salesPerShift: 8,
      refundEvery: 0,
      cashMovements: false,
      closeLast: false,
    })
  ).entries;
});
afterEach(async () => {
  await server.close();
});

/** The day's sale drafts' payloads: the first shift's eight, then the open shift's run. */
function sales(): { first: SalePayload[]; run: SalePayload[] } {
  const all = drafts
    .filter((d) => d.type === 'sale')
    .map((d) => d.payload as unknown as SalePayload);
  expect(all).toHaveLength(16);
  return { first: all.slice(0, 8), run: all.slice(8) };
}

/** What folding the applied entries one by one must leave, computed from the entries. */
function expected(entries: readonly DomainEntry[], bad: ReadonlySet<number>) {
  const applied = entries.filter((e) => !bad.has(e.seq));
  const appliedSales = applied.filter((e): e is Sale => e.type === 'sale');
  const shifts = new Map<string, { entries: number; cashIn: number; cashOut: number }>();
  for (const e of applied) {
    if (!('shiftId' in e.payload)) continue;
    const s = shifts.get(e.payload.shiftId) ?? { entries: 0, cashIn: 0, cashOut: 0 };
    s.entries += 1;
    const moved = e.type === 'shift_open' || e.type === 'shift_close' ? null : cashMovedBy(e);
    s.cashIn += moved?.in ?? 0;
    s.cashOut += moved?.out ?? 0;
    shifts.set(e.payload.shiftId, s);
  }
  return {
    orders: appliedSales.map((e) => e.payload.orderId).sort(),
    total: appliedSales.reduce((sum, e) => sum + e.payload.totals.total.amount, 0),
    tickets: appliedSales
      .flatMap((e) => e.payload.tickets.map((t) => `${t.ticketId}@${e.seq}`))
      .sort(),
    shifts: [...shifts].map(([shiftId, s]) => ({ shiftId, ...s })).sort(byShift),
  };
}

const byShift = (a: { shiftId: string }, b: { shiftId: string }) =>
  a.shiftId < b.shiftId ? -1 : a.shiftId > b.shiftId ? 1 : 0;

/** The projections as they stand (figures only: no times, no feed positions). */
async function projections(s: TestServer) {
  const orders = await s.db.query<{ order_id: string; total_minor: unknown }>(
    `SELECT order_id, total_minor FROM orders ORDER BY order_id`,
  );
  const tickets = await s.db.query<{ ticket_id: string; issued_seq: number }>(
    `SELECT ticket_id, issued_seq FROM tickets WHERE status = 'sold' ORDER BY ticket_id`,
  );
  const shifts = await s.db.query<{
    shift_id: string;
    entries: number;
    cash_in_minor: unknown;
    cash_out_minor: unknown;
  }>(`SELECT shift_id, entries, cash_in_minor, cash_out_minor FROM shifts ORDER BY shift_id`);
  const exceptions = await s.db.query<{ seq: number; code: string }>(
    `SELECT seq, code FROM reconciliation_exceptions ORDER BY seq`,
  );
  const journal = await s.db.query<{ seq: number; status: string }>(
    `SELECT seq, status FROM journal_entries ORDER BY seq`,
  );
  return {
    orders: orders.map((o) => o.order_id).sort(),
    total: orders.reduce((sum, o) => sum + num(o.total_minor), 0),
    tickets: tickets.map((t) => `${t.ticket_id}@${t.issued_seq}`).sort(),
    shifts: shifts
      .map((r) => ({
        shiftId: r.shift_id,
        entries: Number(r.entries),
        cashIn: num(r.cash_in_minor),
        cashOut: num(r.cash_out_minor),
      }))
      .sort(byShift),
    exceptions: exceptions.map((x) => ({ seq: Number(x.seq), code: x.code })),
    journal: journal.map((j) => ({ seq: Number(j.seq), status: j.status })),
  };
}

/**
 * Pushes `entries` in one batch (the run of sales goes to the fast path first) and checks:
 * each bad seq answered `exception` with its code, every other entry applied, all stored,
 * the projections exactly `expected`, and the same as pushing one entry a push (the
 * entry-by-entry path only) on a second server.
 */
async function pushAndCheck(
  entries: DomainEntry[],
  bad: ReadonlyMap<number, string>,
  before: DomainEntry[] = [],
  /** What the test did to its server's database, done to the reference server's too. */
  prepare: (s: TestServer) => Promise<void> = async () => {},
) {
  if (before.length > 0) expect((await server.push(till, before)).status).toBe(200);
  const res = await server.push(till, entries);
  expect(res.status).toBe(200);
  expect(res.body.acks).toEqual(
    entries.map((e) => ({
      seq: e.seq,
      hash: e.hash,
      status: bad.has(e.seq) ? 'exception' : 'applied',
    })),
  );
  const all = [...before, ...entries];
  const got = await projections(server);
  expect(got.exceptions).toEqual([...bad].map(([seq, code]) => ({ seq, code })));
  expect(got.journal).toEqual(
    all.map((e) => ({ seq: e.seq, status: bad.has(e.seq) ? 'exception' : 'applied' })),
  );
  const want = expected(all, new Set(bad.keys()));
  expect(got.orders).toEqual(want.orders);
  expect(got.total).toBe(want.total);
  expect(got.tickets).toEqual(want.tickets);
  expect(got.shifts).toEqual(want.shifts);

  const reference = await startServer();
  try {
    await prepare(reference);
    const other = await reference.enrol();
    expect(other.terminalId).toBe(till.terminalId);
    for (const e of all) expect((await reference.push(other, [e])).status).toBe(200);
    expect(await projections(reference)).toEqual(got);
  } finally {
    await reference.close();
  }
  // A retry of the batch is answered exactly as before and changes nothing.
  const again = await server.push(till, entries);
  expect(again.body).toEqual(res.body);
  expect(await projections(server)).toEqual(got);
}

const seqOf = (entries: readonly DomainEntry[], orderId: string) =>
  entries.find((e) => e.type === 'sale' && e.payload.orderId === orderId)!.seq;

describe('a run of sales with one bad sale', () => {
  it('a ticket id already issued (by an earlier push, or earlier in the same run) is an exception; the rest apply', async () => {
    const { first, run } = sales();
    // Run sale 3 reissues a ticket the first shift sold (pushed before this batch); run sale
    // 6 reissues a ticket of run sale 1 (in the same statement).
    run[2]!.tickets[0]!.ticketId = first[1]!.tickets[0]!.ticketId;
    run[5]!.tickets[run[5]!.tickets.length - 1]!.ticketId = run[0]!.tickets[0]!.ticketId;
    const entries = await sealAs(till.terminalId, drafts);
    const cut = entries.findIndex((e) => e.type === 'shift_close') + 1;
    await pushAndCheck(
      entries.slice(cut),
      new Map([
        [seqOf(entries, run[2]!.orderId), 'ticket_already_issued'],
        [seqOf(entries, run[5]!.orderId), 'ticket_already_issued'],
      ]),
      entries.slice(0, cut),
    );
  });

  it('a sale in a shift the server never saw opened, or one it has closed, is an exception; the rest apply', async () => {
    const { first, run } = sales();
    run[3]!.shiftId = 'shift-never-opened';
    run[6]!.shiftId = first[0]!.shiftId;
    const entries = await sealAs(till.terminalId, drafts);
    // The whole day in one batch: the closed shift is closed earlier in the same push.
    await pushAndCheck(
      entries,
      new Map([
        [seqOf(entries, run[3]!.orderId), 'unknown_shift'],
        [seqOf(entries, run[6]!.orderId), 'shift_closed'],
      ]),
    );
  });

  it('an order already sold (by an earlier push, or earlier in the same run) is an exception; the rest apply', async () => {
    const { first, run } = sales();
    // Sold again under an order id already taken; its tickets are new ids of that order.
    const again = (sale: SalePayload, orderId: string) => {
      sale.orderId = orderId;
      for (const t of sale.tickets) t.orderId = orderId;
    };
    again(run[1]!, first[4]!.orderId);
    again(run[6]!, run[2]!.orderId);
    const entries = await sealAs(till.terminalId, drafts);
    const cut = entries.findIndex((e) => e.type === 'shift_close') + 1;
    const runSeq = (i: number) => entries.filter((e) => e.type === 'sale')[8 + i]!.seq;
    await pushAndCheck(
      entries.slice(cut),
      new Map([
        [runSeq(1), 'duplicate_order'],
        [runSeq(6), 'duplicate_order'],
      ]),
      entries.slice(0, cut),
    );
  });
});

describe('a batch of sales only (one statement, no savepoint)', () => {
  /** Everything up to the open shift's first sale goes before; the batch is its run of sales. */
  const split = (entries: DomainEntry[]) => {
    const cut = entries.length - entries.toReversed().findIndex((e) => e.type !== 'sale');
    expect(entries.slice(cut).every((e) => e.type === 'sale')).toBe(true);
    return { before: entries.slice(0, cut), batch: entries.slice(cut) };
  };

  it('a ticket id already issued or an order already sold is an exception; nothing of the refused run stays', async () => {
    const { first, run } = sales();
    run[2]!.tickets[0]!.ticketId = first[1]!.tickets[0]!.ticketId;
    run[4]!.orderId = first[3]!.orderId;
    for (const t of run[4]!.tickets) t.orderId = first[3]!.orderId;
    const entries = await sealAs(till.terminalId, drafts);
    const { before, batch } = split(entries);
    await pushAndCheck(
      batch,
      new Map([
        [seqOf(batch, run[2]!.orderId), 'ticket_already_issued'],
        [seqOf(batch, first[3]!.orderId), 'duplicate_order'],
      ]),
      before,
    );
  });

  it('a sale the database cannot take (a trigger refuses one of its tickets) is raised as apply_failed; the rest apply', async () => {
    const { run } = sales();
    // A real database error on one row of the one-statement run (a number too big for its
    // column no longer gets this far: the schemas refuse it at the door, push-refusals.test.ts):
    // the run falls back to entry by entry, and that entry alone is raised.
    const refuseOneTicket = (s: TestServer) =>
      s.db.exec(`
        CREATE FUNCTION refuse_one_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.ticket_id = '${run[5]!.tickets[0]!.ticketId}' THEN
            RAISE EXCEPTION 'the disk says no';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_one_ticket BEFORE INSERT ON tickets
          FOR EACH ROW EXECUTE FUNCTION refuse_one_ticket();`);
    await refuseOneTicket(server);
    const entries = await sealAs(till.terminalId, drafts);
    const { before, batch } = split(entries);
    await pushAndCheck(
      batch,
      new Map([[seqOf(batch, run[5]!.orderId), 'apply_failed']]),
      before,
      refuseOneTicket,
    );
  });

  it('with a broken chain or a fork is refused whatever its sales would do, and keeps nothing', async () => {
    const { first, run } = sales();
    const entries = await sealAs(till.terminalId, drafts);
    const { before, batch } = split(entries);
    expect((await server.push(till, before)).status).toBe(200);
    const untouched = await server.snapshot();
    const refused = async (pushed: DomainEntry[], status: number, code: string) => {
      const res = await server.push(till, pushed);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(await server.snapshot()).toEqual(untouched);
    };
    // An edited sale in a run that would project cleanly.
    const edit = (entry: DomainEntry) =>
      ((entry.payload as { totals: { total: { amount: number } } }).totals.total.amount += 100);
    const edited = structuredClone(batch);
    edit(edited[3]!);
    await refused(edited, 422, 'chain_broken');
    // The same edit in a run that would not apply whole (an order already sold) or whose
    // statement would fail in the database (a trigger): the chain's answer, nothing kept.
    run[2]!.orderId = first[3]!.orderId;
    for (const t of run[2]!.tickets) t.orderId = first[3]!.orderId;
    const colliding = structuredClone(split(await sealAs(till.terminalId, drafts)).batch);
    edit(colliding[5]!);
    await refused(colliding, 422, 'chain_broken');
    await server.db.exec(`
      CREATE FUNCTION refuse_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the disk says no'; END $$;
      CREATE TRIGGER refuse_tickets BEFORE INSERT ON tickets
        FOR EACH ROW EXECUTE FUNCTION refuse_tickets();`);
    const failing = await server.snapshot();
    const res = await server.push(till, edited);
    expect([res.status, res.body.error.code]).toEqual([422, 'chain_broken']);
    expect(await server.snapshot()).toEqual(failing);
    await server.db.exec(`DROP TRIGGER refuse_tickets ON tickets`);
    // A fork: the batch's first sales are stored, then pushed again with another body.
    expect((await server.push(till, batch.slice(0, 4))).status).toBe(200);
    const stored = await server.snapshot();
    const forked = split(await sealAs(till.terminalId, drafts)).batch;
    expect(forked[2]!.hash).not.toBe(batch[2]!.hash);
    const res2 = await server.push(till, forked);
    expect([res2.status, res2.body.error.code]).toEqual([409, 'seq_conflict']);
    expect(await server.snapshot()).toEqual(stored);
  });
});

describe('a run of good sales onto the head', () => {
  it('goes as one statement on PostgreSQL (no transaction) and through the transaction on PGlite: the same figures', async () => {
    const entries = await sealAs(till.terminalId, drafts);
    const cut = entries.findIndex((e) => e.type === 'shift_close') + 1;
    const opened = entries.findIndex((e, i) => i >= cut && e.type === 'shift_open') + 1;
    const [before, run] = [entries.slice(0, opened), entries.slice(opened)];
    expect(run.map((e) => e.type)).toEqual(Array(8).fill('sale'));
    expect((await server.push(till, before)).status).toBe(200);

    const named: string[] = [];
    const query = server.db.query.bind(server.db);
    const queries = vi.spyOn(server.db, 'query').mockImplementation((text, params, options) => {
      if (options?.prepareAs !== undefined) named.push(options.prepareAs);
      return query(text, params, options);
    });
    const transactions = vi.spyOn(server.db, 'transaction');
    const res = await server.push(till, run);
    // Counted before the spies are restored (restoring clears what they saw).
    const inTransaction = transactions.mock.calls.length;
    queries.mockRestore();
    transactions.mockRestore();

    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual(
      run.map((e) => ({ seq: e.seq, hash: e.hash, status: 'applied' })),
    );
    const atOnce = named.filter((n) => n === 'push_sales_at_once').length;
    if (server.db.kind === 'postgres') {
      expect([atOnce, inTransaction]).toEqual([1, 0]);
    } else {
      expect([atOnce, inTransaction]).toEqual([0, 1]);
    }
    const got = await projections(server);
    const want = expected(entries, new Set());
    expect(got.exceptions).toEqual([]);
    expect(got.orders).toEqual(want.orders);
    expect(got.total).toBe(want.total);
    expect(got.tickets).toEqual(want.tickets);
    expect(got.shifts).toEqual(want.shifts);
    // Retried: answered the same (by the transaction path: the head has moved), nothing new.
    const again = await server.push(till, run);
    expect(again.body).toEqual(res.body);
    expect(await projections(server)).toEqual(got);
  });
});
