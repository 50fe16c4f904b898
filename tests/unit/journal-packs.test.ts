/**
 * The journal's packs (v7, store/journal-packs.ts): the commit that completes a pack stores it
 * and rewrites its entries' rows slim; every reader gives back exactly the entries committed;
 * the full check walks the packs, then the unpacked tail, and names the entry where a pack's
 * line was edited or a pack taken out.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { ok } from '../../shared/util/result';
import { tallyOf } from '../../shared/shift/tally';
import { verifyStoredChain } from '../../src-renderer/app/journal-anchor';
import { JournalWriter, readTail } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { isPacked, packedCounterName, slimPacked } from '../../src-renderer/store/journal-packs';
import { journalOf, journalOfShift, journalTail } from '../../src-renderer/store/queries';
import { saleDay } from './journal-sales';
import { openTestDb } from './store-fixtures';

const T = 'T01';
const clock = () => new Date('2026-04-01T20:00:00.000Z');

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

/**
 * 120 entries in commits of uneven sizes, some through a fresh writer (which knows nothing of
 * the pack in progress and reads its entries back in the commit that completes it).
 */
async function committedDay(): Promise<{
  db: BoxOfficeDb;
  entries: DomainEntry[];
  shiftId: string;
}> {
  const db = openTestDb();
  dbs.push(db);
  const day = await saleDay();
  const entries: DomainEntry[] = [];
  let writer = new JournalWriter(db, T, clock);
  for (const [count, fresh] of [
    [30, false],
    [17, true],
    [60, false],
    [13, true],
  ] as const) {
    if (fresh) writer = new JournalWriter(db, T, clock);
    const r = await writer.commitJournal((ctx) =>
      ok(day.drafts(entries.length, count, ctx.receiptNumber)),
    );
    if (!r.ok) throw new Error(r.error.message);
    entries.push(...r.value.entries);
  }
  return { db, entries, shiftId: day.shiftId };
}

describe('the journal packs', () => {
  it('are written by the commits that complete them; every reader gives back the entries committed', async () => {
    const { db, entries, shiftId } = await committedDay();
    expect((await db.counters.get(packedCounterName(T)))?.value).toBe(100);
    expect((await db.journalPacks.toArray()).map((p) => [p.firstSeq, p.lastSeq])).toEqual([
      [1, 50],
      [51, 100],
    ]);
    // The commit that completed a pack stored its own entries slim and left the pack's
    // earlier rows whole: readers read both.
    expect(await journalOf(db, T)).toEqual(entries);
    // Off the sale path they go slim too (the writer starts this itself when the page is idle).
    while ((await slimPacked(db, T, 10)) > 0);
    const rows = await db.journal.toArray();
    expect(rows.filter(isPacked).map((r) => r.seq)).toEqual(
      entries.slice(0, 100).map((e) => e.seq),
    );
    expect(rows.find((r) => r.seq === 37)).not.toHaveProperty('payload');

    // A slim row resolves to the entry as committed, member for member.
    expect(await journalOf(db, T)).toEqual(entries);
    expect(await journalTail(db, T, 30)).toEqual(entries.slice(90));
    const shift = await journalOfShift(db, T, shiftId);
    expect(shift).toEqual(entries.slice(1));
    expect(tallyOf(shift)).toEqual(tallyOf(entries.slice(1)));
    expect((await readTail(db, T)).last).toMatchObject({ seq: 120, hash: entries[119]!.hash });

    expect(await verifyStoredChain(db, T, 0)).toEqual({ ok: true, value: 120 });
    for (const from of [37, 50, 100, 110])
      expect(await verifyStoredChain(db, T, from)).toEqual({ ok: true, value: 120 });
  });

  it('name the entry whose line inside a pack was edited', async () => {
    const { db } = await committedDay();
    // The receipt number of seq 37 (receipt 35: sales start at seq 3), its hash left alone.
    const pack = (await db.journalPacks.get([T, 1]))!;
    expect(pack.lines).toContain('"receiptNo":35,');
    await db.transaction('rw', db.journalPacks, () =>
      db.journalPacks.put({
        ...pack,
        lines: pack.lines.replace('"receiptNo":35,', '"receiptNo":99,'),
      }),
    );
    const checked = await verifyStoredChain(db, T, 0);
    expect(!checked.ok && checked.error.message).toContain('Entry 37 ');
  });

  it('name where a pack was taken out, the first or the last', async () => {
    for (const [firstSeq, named] of [
      [1, 'Entry 1 '],
      [51, 'Entry 51 '],
    ] as const) {
      const { db } = await committedDay();
      await db.transaction('rw', db.journalPacks, () => db.journalPacks.delete([T, firstSeq]));
      const checked = await verifyStoredChain(db, T, 0);
      expect(!checked.ok && checked.error.message).toContain(named);
    }
  });
});
