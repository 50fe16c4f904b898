/**
 * The manager's full check (verifyStoredChain from seq 0) over a journal longer than one read
 * batch: every entry re-hashed from what IndexedDB holds and linked to the one before. An
 * entry edited in the store (with or without its hash), or taken out, is named; nothing
 * before the damage is blamed. Edits go straight to the journal table, as a disk error or a
 * hand with devtools would make them, not through the commit path.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sealEntries } from '../../shared/journal/chain';
import type { EntryDraft } from '../../shared/journal/entry-types';
import { verifyStoredChain } from '../../src-renderer/app/journal-anchor';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { STAFF } from '../fixtures/domain';
import { openTestDb } from './store-fixtures';

const T = 'T01';
/** More than one of the verifier's 2,000-row batches, so damage past the first is reached. */
const ENTRIES = 2_300;

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

async function edit(db: BoxOfficeDb, seq: number, change: (r: object) => object): Promise<void> {
  await db.transaction('rw', db.journal, async () => {
    const record = await db.journal.get([T, seq]);
    expect(record).toBeDefined();
    await db.journal.put(change(record!) as never);
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

  it('names an entry whose fields were edited in IndexedDB while its hash was left alone', async () => {
    for (const change of [
      (r: object) => ({ ...r, at: '2026-04-01T07:00:00.000Z' }),
      (r: object) => ({
        ...r,
        type: 'login' === (r as { type: string }).type ? 'logout' : 'login',
      }),
      (r: object) => ({ ...r, payload: { staff: STAFF.petro } }),
    ]) {
      const db = await storedJournal();
      await edit(db, 2_101, change);
      const checked = await verifyStoredChain(db, T, 0);
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.error.message).toContain('Entry 2101 ');
    }
  });

  it('names the next link when an entry was re-sealed after the edit (its own hash recomputed)', async () => {
    const db = await storedJournal();
    const before = (await db.journal.get([T, 2_100]))!;
    const target = (await db.journal.get([T, 2_101]))!;
    const [resealed] = await sealEntries(T, before, [
      { type: target.type, at: target.at, v: 1, payload: { staff: STAFF.petro } },
    ]);
    await edit(db, 2_101, (r) => ({ ...r, ...resealed }));
    const checked = await verifyStoredChain(db, T, 0);
    expect(!checked.ok && checked.error.message).toContain('Entry 2102 ');
  });

  it('names where an entry was taken out', async () => {
    const db = await storedJournal();
    await db.transaction('rw', db.journal, () => db.journal.delete([T, 2_050]));
    const checked = await verifyStoredChain(db, T, 0);
    expect(!checked.ok && checked.error.message).toContain('Entry 2051 ');
  });
});
