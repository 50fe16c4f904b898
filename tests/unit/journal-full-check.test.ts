/**
 * The manager's full check (verifyStoredChain from seq 0) over a journal longer than one read
 * batch: every entry re-hashed from what IndexedDB holds and linked to the one before. An
 * entry edited in the store (with or without its hash), or taken out, is named; nothing
 * before the damage is blamed. Edits go straight to where the entry is stored, as a disk error
 * or a hand with devtools would make them, not through the commit path: its line in a pack
 * (v7) for a packed entry, its journal row for one of the unpacked tail.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJsonOrThrow } from '../../shared/crypto/canonical-json';
import { sealEntries } from '../../shared/journal/chain';
import type { EntryDraft } from '../../shared/journal/entry-types';
import { verifyStoredChain } from '../../src-renderer/app/journal-anchor';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { isPacked, packStart, readEntries } from '../../src-renderer/store/journal-packs';
import { STAFF } from '../fixtures/domain';
import { journalOf } from '../../src-renderer/store/queries';
import { openTestDb } from './store-fixtures';

const T = 'T01';
/**
 * More than one of the verifier's read batches (packs and rows), so damage past the first is
 * reached: 2,300 packed entries and a tail of 30 unpacked ones.
 */
const ENTRIES = 2_330;

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

async function storedJournal(): Promise<BoxOfficeDb> {
  const db = openTestDb();
  dbs.push(db);
  const writer = new JournalWriter(db, T, () => new Date('2026-04-01T20:00:00.000Z'));
  const drafts: EntryDraft[] = Array.from({ length: ENTRIES }, (_, i) => ({
    type: i % 2 === 0 ? 'login' : 'logout',
    at: new Date(Date.parse('2026-04-01T08:00:00.000Z') + i * 1_000).toISOString(),
    v: 1,
    payload: { staff: STAFF.olena },
  }));
  const committed = await writer.commitJournal(drafts);
  expect(committed.ok).toBe(true);
  return db;
}

/** A pack's entry as a line: its hashed members in canonical order (its hash is not in it). */
function lineOf(entry: object): string {
  const { hash, ...members } = entry as { hash?: string };
  void hash;
  return canonicalJsonOrThrow(members);
}

/**
 * Changes the stored entry `seq`. A packed one is changed in its pack: its line, and if the
 * change gives it another hash, where its hash is kept (the next line's prevHash, or the
 * pack's last hash).
 */
async function edit(db: BoxOfficeDb, seq: number, change: (r: object) => object): Promise<void> {
  await db.transaction('rw', db.journal, db.journalPacks, async () => {
    const record = await db.journal.get([T, seq]);
    expect(record).toBeDefined();
    if (!isPacked(record!)) {
      await db.journal.put(change(record!) as never);
      return;
    }
    const pack = (await db.journalPacks.get([T, packStart(seq)]))!;
    const [entry] = await readEntries(db, [record]);
    const changed = change(entry!) as { hash: string };
    const lines = pack.lines.split('\n');
    const k = seq - pack.firstSeq;
    lines[k] = lineOf(changed);
    let lastHash = pack.lastHash;
    if (changed.hash !== entry!.hash) {
      if (k + 1 < lines.length)
        lines[k + 1] = lineOf({ ...(JSON.parse(lines[k + 1]!) as object), prevHash: changed.hash });
      else lastHash = changed.hash;
    }
    await db.journalPacks.put({ ...pack, lines: lines.join('\n'), lastHash });
  });
}

/** Takes entry `seq` out: its row, or its line from its pack. */
async function remove(db: BoxOfficeDb, seq: number): Promise<void> {
  await db.transaction('rw', db.journal, db.journalPacks, async () => {
    const record = await db.journal.get([T, seq]);
    if (!isPacked(record!)) {
      await db.journal.delete([T, seq]);
      return;
    }
    const pack = (await db.journalPacks.get([T, packStart(seq)]))!;
    const lines = pack.lines.split('\n');
    lines.splice(seq - pack.firstSeq, 1);
    await db.journalPacks.put({ ...pack, lines: lines.join('\n') });
  });
}

describe('the full check of the stored chain', () => {
  it('passes a sound journal and reports progress to its last entry', async () => {
    const db = await storedJournal();
    const progress: number[] = [];
    const checked = await verifyStoredChain(db, T, 0, (done) => progress.push(done));
    expect(checked).toEqual({ ok: true, value: ENTRIES });
    expect(progress[progress.length - 1]).toBe(ENTRIES);
    expect(progress.length).toBeGreaterThan(1);
  });

  // 2101 is packed (its line is edited), 2310 in the unpacked tail (its row is).
  for (const seq of [2_101, 2_310]) {
    it(`names an entry whose fields were edited in IndexedDB while its hash was left alone (${seq})`, async () => {
      for (const change of [
        (r: object) => ({ ...r, at: '2026-04-01T07:00:00.000Z' }),
        (r: object) => ({
          ...r,
          type: 'login' === (r as { type: string }).type ? 'logout' : 'login',
        }),
        (r: object) => ({ ...r, payload: { staff: STAFF.petro } }),
      ]) {
        const db = await storedJournal();
        await edit(db, seq, change);
        const checked = await verifyStoredChain(db, T, 0);
        expect(checked.ok).toBe(false);
        expect(!checked.ok && checked.error.message).toContain(`Entry ${seq} `);
      }
      // Three journals of 2,330 entries: seconds on a loaded machine.
    }, 20_000);
  }

  it('names the next link when an entry was re-sealed after the edit (its own hash recomputed)', async () => {
    for (const seq of [2_101, 2_310]) {
      const db = await storedJournal();
      const before = (await db.journal.get([T, seq - 1]))!;
      const target = (await db.journal.get([T, seq]))!;
      const [resealed] = await sealEntries(T, before, [
        { type: target.type, at: target.at, v: 1, payload: { staff: STAFF.petro } },
      ]);
      await edit(db, seq, (r) => ({ ...r, ...resealed }));
      const checked = await verifyStoredChain(db, T, 0);
      expect(!checked.ok && checked.error.message).toContain(`Entry ${seq + 1} `);
    }
  });

  it('names where an entry was taken out', async () => {
    for (const seq of [2_050, 2_310]) {
      const db = await storedJournal();
      await remove(db, seq);
      const checked = await verifyStoredChain(db, T, 0);
      expect(!checked.ok && checked.error.message).toContain(`Entry ${seq + 1} `);
    }
  });

  it('names an entry whose pack is gone, or no longer backs its row', async () => {
    for (const firstSeq of [1_051, 2_251]) {
      const db = await storedJournal();
      await db.transaction('rw', db.journalPacks, () => db.journalPacks.delete([T, firstSeq]));
      const checked = await verifyStoredChain(db, T, 0);
      expect(!checked.ok && checked.error.message).toContain(`Entry ${firstSeq} `);
      await expect(journalOf(db, T)).rejects.toMatchObject({ code: 'io_error' });
    }
    // A slim row whose hash is not its entry's: every reader refuses it, and a check that
    // starts from it (start-up's, from the last verified seq) names the entry after it.
    const db = await storedJournal();
    await db.transaction('rw', db.journal, async () => {
      const row = (await db.journal.get([T, 1_234]))!;
      await db.journal.put({ ...row, hash: 'f'.repeat(64) });
    });
    await expect(journalOf(db, T)).rejects.toThrow(/Journal entry 1234 does not match its pack/);
    const checked = await verifyStoredChain(db, T, 1_234);
    expect(!checked.ok && checked.error.message).toContain('Entry 1235 ');
  }, 20_000);
});
