/**
 * Start-up and shift reports must not grow with history: the store keeps a checkpoint (the
 * terminal state at the last seq) and a `[shiftId+seq]` index, both written inside the one
 * commit path. The proofs below damage entries those reads must never touch: a read that still
 * went through the whole journal would fail on them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { projectTerminal } from '../../shared/commands';
import { verifyChain } from '../../shared/journal/chain';
import type { EntryDraft } from '../../shared/journal/entry-types';
import { buildShiftReport, reportFromTally } from '../../shared/shift/report';
import { tallyOf } from '../../shared/shift/tally';
import { ok } from '../../shared/util/result';
import { JournalWriter, readTail } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { journalOf, journalOfShift, terminalStateOf } from '../../src-renderer/store/queries';
import { openTill, uah } from '../fixtures/domain';
import { busyShift, twoShiftDay } from './journal-day';
import { openTestDb } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

const T = 'T01';

/** The two-shift day committed the way the benchmark seeds: all drafts in one commit. */
async function storedDay() {
  const till = await twoShiftDay();
  const db = openTestDb();
  dbs.push(db);
  const writer = new JournalWriter(db, T, () => new Date('2026-04-01T20:00:00.000Z'));
  const committed = await writer.commitJournal(till.entries);
  expect(committed.ok).toBe(true);
  return { till, db, writer, entries: committed.ok ? committed.value.entries : [] };
}

/** Overwrites one stored entry with something the journal contract refuses. */
async function damage(db: BoxOfficeDb, seq: number): Promise<void> {
  await db.transaction('rw', db.journal, async () => {
    const record = await db.journal.get([T, seq]);
    expect(record).toBeDefined();
    await db.journal.put({ ...record!, payload: { damaged: true } });
  });
}

describe('the checkpoint kept by commitJournal', () => {
  it('holds the folded terminal state at the last seq, whoever committed', async () => {
    const { till, db, entries, writer } = await storedDay();
    const checkpoint = await db.checkpoints.get(T);
    expect(checkpoint?.seq).toBe(entries.length);
    expect(checkpoint?.hash).toBe(entries[entries.length - 1]?.hash);
    expect(checkpoint?.state).toEqual(till.terminal);
    expect(checkpoint?.state).toEqual(projectTerminal(T, await journalOf(db, T)));
    // A later commit moves it in the same transaction.
    const shift = till.terminal.shift!;
    const more = await writer.commitJournal((ctx) =>
      ok([
        {
          type: 'logout',
          at: ctx.now,
          v: 1,
          payload: { staff: shift.staff },
        },
      ]),
    );
    expect(more.ok && more.value.state.session).toBeNull();
    expect((await db.checkpoints.get(T))?.seq).toBe(entries.length + 1);
  });

  it('gives start-up the state without reading the entries before it', async () => {
    const { till, db } = await storedDay();
    // Entry 3 (a sale of the first shift) is damaged: reading the whole journal fails …
    await damage(db, 3);
    await expect(journalOf(db, T)).rejects.toMatchObject({ code: 'io_error' });
    // … but start-up reads only the checkpoint and what follows it.
    expect(await terminalStateOf(db, T)).toEqual(till.terminal);
  });

  it('folds entries written after the checkpoint, and folds from the start without one', async () => {
    const { till, db, entries } = await storedDay();
    const all = await journalOf(db, T);
    const early = projectTerminal(T, all.slice(0, 5));
    await db.transaction('rw', db.checkpoints, () =>
      db.checkpoints.put({ terminalId: T, seq: 5, hash: entries[4]!.hash, state: early }),
    );
    expect(await terminalStateOf(db, T)).toEqual(till.terminal);
    await db.transaction('rw', db.checkpoints, () => db.checkpoints.delete(T));
    expect(await terminalStateOf(db, T)).toEqual(till.terminal);
  });
});

describe('the [shiftId+seq] index', () => {
  it("gives a report its shift's entries only, from shift_open on", async () => {
    const { till, db } = await storedDay();
    const first = (await journalOf(db, T)).find((e) => e.type === 'shift_open')!;
    const current = till.terminal.shift!.shiftId;
    const firstShiftId = first.type === 'shift_open' ? first.payload.shiftId : '';
    expect(firstShiftId).not.toBe(current);

    const shiftEntries = await journalOfShift(db, T, current);
    expect(shiftEntries.map((e) => e.type)).toEqual(['shift_open', 'sale']);
    expect(shiftEntries.map(({ type, at, payload }) => ({ type, at, payload }))).toEqual(
      till.shiftEntries().map(({ type, at, payload }) => ({ type, at, payload })),
    );
    // The closed shift's run: its open, everything in it (logins too) and its close.
    const closed = await journalOfShift(db, T, firstShiftId);
    expect(closed[0]?.type).toBe('shift_open');
    expect(closed[closed.length - 1]?.type).toBe('shift_close');
    // The change of cashier between the shifts belongs to neither.
    const between = await db.journal.filter((r) => r.shiftId === undefined).toArray();
    expect(between.map((r) => r.type)).toEqual(['login', 'logout', 'login']);

    // Damage in the closed shift does not reach the open shift's report.
    await damage(db, 3);
    expect(await journalOfShift(db, T, current)).toHaveLength(2);
    await expect(journalOfShift(db, T, firstShiftId)).rejects.toMatchObject({
      code: 'io_error',
    });
  });

  it('hands back exactly the sealed entries, so the chain verifies', async () => {
    const { db, entries } = await storedDay();
    const read = await journalOf(db, T);
    expect(read).toEqual(entries);
    expect(await verifyChain(read)).toEqual({ ok: true });
  });
});

describe("the open shift's running tally kept with the checkpoint", () => {
  /** A busy open shift (sales, refund, exchange, void, every cash movement), one commit per entry. */
  async function busyOpenShift() {
    const till = openTill();
    await busyShift(till);
    const db = openTestDb();
    dbs.push(db);
    const writer = new JournalWriter(db, T, () => new Date('2026-04-01T20:00:00.000Z'));
    for (const entry of till.entries) {
      const { type, at, payload } = entry;
      const committed = await writer.commitJournal([{ type, at, payload } as EntryDraft]);
      expect(committed.ok).toBe(true);
    }
    return { till, db };
  }

  it('equals the tally of the shift’s own entries, and gives the same X report', async () => {
    const { till, db } = await busyOpenShift();
    const shiftId = till.terminal.shift!.shiftId;
    const fromEntries = tallyOf(await journalOfShift(db, T, shiftId));
    const tail = await readTail(db, T);
    expect(tail.shift).toEqual(fromEntries);
    expect(tail.shift!.sales.count).toBeGreaterThan(2);
    expect(tail.shift!.refunds.count + tail.shift!.exchanges.count + tail.shift!.voids.count).toBe(
      3,
    );
    const options = { kind: 'X' as const, generatedAt: '2026-04-01T20:00:00.000Z' };
    expect(reportFromTally(tail.shift!, options)).toEqual(
      buildShiftReport(till.shiftEntries(), options),
    );
  });

  it('is read without the shift’s entries, and rebuilt from them for a checkpoint without one', async () => {
    const { db } = await busyOpenShift();
    const expected = (await readTail(db, T)).shift;
    const checkpoint = (await db.checkpoints.get(T))!;
    expect(checkpoint.shift).toEqual(expected);
    // A checkpoint written before tallies were kept: start-up tallies the shift once.
    const { shift, ...older } = checkpoint;
    void shift;
    await db.transaction('rw', db.checkpoints, () => db.checkpoints.put(older));
    expect((await readTail(db, T)).shift).toEqual(expected);
    // With the tally in the checkpoint, a damaged sale of the shift is never read.
    await db.transaction('rw', db.checkpoints, () => db.checkpoints.put(checkpoint));
    await damage(db, 3);
    expect((await readTail(db, T)).shift).toEqual(expected);
  });

  it('ends with the shift: null after its close', async () => {
    const { db } = await storedDay();
    const tail = await readTail(db, T);
    // The day's second shift is open with one sale; the first one's tally is gone.
    expect(tail.shift?.sales.count).toBe(1);
    expect(tail.shift?.float).toEqual(uah(500));
  });
});
