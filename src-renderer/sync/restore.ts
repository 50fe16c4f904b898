import { verifyChainBatch } from '../../shared/journal/chain';
import type { DomainEntry, EntryDraft } from '../../shared/journal/entry-types';
import { parseJournalEntry } from '../../shared/journal/entry-schema';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { ContractClient } from '../../shared/ipc/client';
import type { AnchorPort } from '../app/journal-anchor';
import { anchorThrough } from '../app/journal-anchor';
import type { Store } from '../store';
import { openStore, readTail } from '../store';
import { projectEntries } from './entry-projection';
import { type FeedProgress, pullFeed } from './puller';
import type { SyncFailure, SyncPort } from './sync-port';
import { classifyFailure, syncThrough } from './sync-port';

export type RestoreErrorCode =
  'not_enrolled' | 'offline' | 'refused' | 'broken_chain' | 'store_failed' | 'still_damaged';

export interface RestoreOutcome {
  /** Entries written into the store now. */
  readonly restored: number;
  /** The store's last seq afterwards (main's head agrees with it). */
  readonly seq: number;
}

const PAGE = 500;

function failureOf(f: SyncFailure): Result<never, RestoreErrorCode> {
  switch (f.kind) {
    case 'not_enrolled':
      return err(
        'not_enrolled',
        'This till is not connected to a server, so there is nothing to restore from.',
      );
    case 'offline':
      return err(
        'offline',
        `The server could not be reached. Check the network and try again. (${f.message})`,
      );
    case 'revoked':
      return err('refused', `The server no longer accepts this till: ${f.message}`);
    case 'refused':
      return err('refused', `The server refused: ${f.message}`);
  }
}

/** A sealed entry as the draft it was sealed from: sealing it again after the same entry gives the same hash. */
function draftOf(entry: DomainEntry): EntryDraft {
  return {
    type: entry.type,
    at: entry.at,
    ...(entry.v !== undefined ? { v: entry.v } : {}),
    payload: entry.payload,
  } as EntryDraft;
}

/**
 * Restores this till's own journal from the server into a store that lost it (empty, or
 * behind main's anchor). Each page is checked with the shared chain verifier against the
 * store's tail, then committed through the store's one commit path — which seals the same
 * drafts after the same tail (so every hash must come out equal, checked inside the
 * transaction), writes checkpoint, shift index and receipt counters, and runs the same
 * projections as the sale, refund, exchange and void commits. Other tills' feed is pulled
 * first, so a refund this till made of another till's sale finds that order.
 *
 * Finally the store's new tail is held against main's anchor (`journal.compare`): only an
 * equal head lets the till sell again, at the next seq and receipt number.
 */
export async function restoreFromServer(options: {
  readonly store: Store;
  readonly port: SyncPort;
  readonly anchor: AnchorPort;
  readonly onProgress?: (restored: number, headSeq: number) => void;
  /** After each page of the venue feed, pulled first (other tills' sales: may be many pages). */
  readonly onFeedProgress?: (progress: FeedProgress) => void;
}): Promise<Result<RestoreOutcome, RestoreErrorCode>> {
  const { store, port, anchor } = options;
  const { db, terminalId } = store;
  const pulled = await pullFeed(
    db,
    terminalId,
    port,
    options.onFeedProgress ? { onProgress: options.onFeedProgress } : {},
  );
  if (!pulled.ok) return failureOf(pulled.failure);

  let tail: { seq: number; hash: string } | null = (await readTail(db, terminalId)).last;
  let restored = 0;
  for (;;) {
    const page = await port.journal(tail?.seq ?? 0, PAGE);
    if (!page.ok) return failureOf(classifyFailure(page.error));
    const entries: DomainEntry[] = [];
    for (const raw of page.value.entries) {
      const parsed = parseJournalEntry(raw);
      if (!parsed.ok)
        return err('broken_chain', `The server's copy has an unreadable entry: ${parsed.message}`);
      entries.push(parsed.entry);
    }
    if (entries.length === 0) break;
    const checked = await verifyChainBatch(entries, {
      terminalId,
      ...(tail ? { anchor: tail } : { expectedFirstSeq: 1 }),
    });
    if (!checked.ok) {
      return err(
        'broken_chain',
        `The server's copy of this till's records does not chain at entry ${checked.seq} (${checked.reason}); nothing after it was restored.`,
      );
    }
    const committed = await store.commitJournal(entries.map(draftOf), async (ctx) => {
      for (let i = 0; i < ctx.entries.length; i++) {
        // Sealed here after the same tail, the same draft must give the server's hash.
        if (ctx.entries[i]!.hash !== entries[i]!.hash)
          throw new Error(`entry ${entries[i]!.seq} sealed here differs from the server's`);
      }
      await projectEntries(ctx.db, ctx.entries, 'own');
    });
    if (!committed.ok) {
      return err('store_failed', `The records could not be written: ${committed.error.message}`);
    }
    const last = entries[entries.length - 1]!;
    tail = { seq: last.seq, hash: last.hash };
    restored += entries.length;
    options.onProgress?.(restored, page.value.head.seq);
    if (!page.value.more || last.seq >= page.value.head.seq) break;
  }

  // The restored entries are on the server already: not queued for upload again. (If this
  // were lost, the server would acknowledge them as the ones it holds: no harm either.)
  if (tail !== null) {
    const upTo = tail.seq;
    await db.transaction('rw', db.outbox, () =>
      db.outbox
        .where('[terminalId+seq]')
        .between([terminalId, 0], [terminalId, upTo], true, true)
        .delete(),
    );
  }

  const compared = await anchor.compare(tail);
  if (!compared.ok)
    return err('still_damaged', `The device service did not answer: ${compared.error.message}`);
  if (compared.value.state !== 'equal') {
    const c = compared.value;
    const detail =
      c.state === 'damaged'
        ? `the server's copy ends at entry ${c.storeSeq}, this till's own record at ${c.headSeq ?? 'none'}`
        : `this till's records go past its own record from entry ${c.fromSeq}`;
    return err(
      'still_damaged',
      `The records were restored, but they still do not match this till: ${detail}.`,
    );
  }
  return ok({ restored, seq: tail?.seq ?? 0 });
}

/**
 * The records-damaged screen's action: opens this terminal's store (the app closed it when it
 * found the damage), restores into it through main, and closes it again; the page then
 * reloads and starts the till the usual way, which checks the store against main's head anew.
 */
export async function restoreTill(
  client: ContractClient,
  terminalId: string,
  onProgress?: (restored: number, headSeq: number) => void,
  onFeedProgress?: (progress: FeedProgress) => void,
): Promise<Result<RestoreOutcome, RestoreErrorCode>> {
  const opened = await openStore({ terminalId });
  if (!opened.ok) return err('store_failed', opened.error.message);
  try {
    return await restoreFromServer({
      store: opened.value,
      port: syncThrough(client),
      anchor: anchorThrough(client),
      ...(onProgress ? { onProgress } : {}),
      ...(onFeedProgress ? { onFeedProgress } : {}),
    });
  } finally {
    opened.value.close();
  }
}

/** Whether the damage is one a restore from the server repairs: records missing, not different. */
export function restorable(damage: string): boolean {
  return damage === 'store_empty' || damage === 'behind';
}
