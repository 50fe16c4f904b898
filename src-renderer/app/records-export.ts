import Dexie from 'dexie';
import type { ContractClient } from '../../shared/ipc/client';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import { DEFAULT_DB_NAME, openStore } from '../store';
import type { RecordsState } from './journal-anchor';

/**
 * What the records-damaged screen offers: every journal row, journal pack and checkpoint
 * the store still holds, as one JSON file for support. Nothing is changed.
 */
export async function exportRecords(
  terminalId: string,
  state: RecordsState,
  dbName: string = DEFAULT_DB_NAME,
): Promise<Result<{ readonly json: string; readonly count: number }, string>> {
  const opened = await openStore({ terminalId, name: dbName });
  if (!opened.ok) return err(opened.error.code, opened.error.message);
  const { db } = opened.value;
  try {
    // The rows as stored: a packed entry's row is slim, its text is in `journalPacks`.
    const [journal, journalPacks, checkpoints] = await Promise.all([
      db.journal.toArray(),
      db.journalPacks.toArray(),
      db.checkpoints.toArray(),
    ]);
    const json = JSON.stringify(
      {
        exportedAt: new Date().toISOString(),
        terminalId,
        state,
        checkpoints,
        journal,
        journalPacks,
      },
      null,
      1,
    );
    return ok({ json, count: journal.length });
  } finally {
    opened.value.close();
  }
}

/**
 * A demo till's way out: main forgets the demo head, the page deletes its store, and the next
 * start is a new demo till. A venue till is refused by main (and never offered the button).
 */
export async function startDemoOver(
  client: ContractClient,
  dbName: string = DEFAULT_DB_NAME,
): Promise<Result<true, string>> {
  const reset = await client.call('journal.resetDemo', {});
  if (!reset.ok) return err(reset.error.code, reset.error.message);
  await Dexie.delete(dbName);
  return ok(true);
}
