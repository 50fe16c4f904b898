import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import Dexie from 'dexie';
import { StoreError } from './errors';

/**
 * A journal entry acknowledges money or inventory that moved: it must reach the disk before
 * the transaction reports success, or a power cut could lose a sale the cashier confirmed.
 * IndexedDB only promises that for transactions opened with durability 'strict'.
 */
export const JOURNAL_TABLES: ReadonlySet<string> = new Set(['journal', 'journalPacks']);

function durabilityOf(trans: unknown): string | undefined {
  const d = (trans as { durability?: unknown } | null)?.durability;
  return typeof d === 'string' ? d : undefined;
}

/**
 * A schema upgrade's versionchange transaction cannot be opened strict, and needs not be: it
 * only adds store-side index members (never an acknowledged sale), and if it is lost in a
 * crash the version bump is lost with it, so the upgrade simply runs again.
 */
function isUpgrade(trans: unknown): boolean {
  return (trans as { mode?: unknown } | null)?.mode === 'versionchange';
}

function notStrict(durability: string | undefined): StoreError {
  return new StoreError(
    'not_strict',
    `Refused to write a journal entry in a transaction with durability '${durability ?? 'unknown'}'; journal writes need 'strict'.`,
  );
}

/** For code that is about to write the journal: throws StoreError('not_strict') unless strict. */
export function assertStrictTransaction(): void {
  const trans = Dexie.currentTransaction as { idbtrans?: unknown } | null;
  const durability = durabilityOf(trans?.idbtrans);
  if (durability !== 'strict') throw notStrict(durability);
}

/**
 * The same rule at the lowest layer (DBCore), so it holds for every write to the journal,
 * not only the ones that go through commitJournal: a new code path that forgets the rule
 * fails loudly instead of writing a sale that might not survive a crash.
 */
export const journalDurabilityGuard: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'journal-durability-guard',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (!JOURNAL_TABLES.has(name)) return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            const durability = durabilityOf(req.trans);
            if (durability !== 'strict' && !isUpgrade(req.trans))
              return Promise.reject(notStrict(durability));
            return table.mutate(req);
          },
        };
      },
    };
  },
};
