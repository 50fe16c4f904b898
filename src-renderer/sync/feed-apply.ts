import type { DomainEntry } from '../../shared/journal/entry-types';
import { parseJournalEntry } from '../../shared/journal/entry-schema';
import type { PullResponse } from '../../shared/sync/contract';
import type { BoxOfficeDb } from '../store';
import { projectEntries } from './entry-projection';

/**
 * Other tills' journal entries, from the venue's feed, applied to this till's read models
 * (orders, tickets with their counts, sold seats), so it knows the seats sold at another window
 * and can refund a ticket sold there. The entries never enter this till's journal: that is its
 * own chain, and the transaction below does not even include the journal table.
 */

/** The feed position this till has applied up to. */
export const FEED_CURSOR_SETTING = 'sync-feed-cursor';

/**
 * The last seq of `terminalId` applied here. The server's feed carries each terminal's
 * entries in seq order, so this makes a page applied twice (a lost answer, two tabs pulling)
 * change nothing, whatever the cursor says.
 */
export function appliedSeqSetting(terminalId: string): string {
  return `sync-applied:${terminalId}`;
}

export interface FeedPageOutcome {
  /** Entries whose effects were written now. */
  readonly applied: number;
  /** Entries already applied before (a page seen twice), or this till's own. */
  readonly seen: number;
  /**
   * Entries this till cannot apply (unreadable, or an event for an order it does not hold):
   * they stay the server's record and its reconciliation's business, never a reason to stop.
   */
  readonly kept: number;
}

/**
 * Applies one pulled page and moves the cursor to `page.next`, all in one strict transaction:
 * a till killed half-way applies the page again from the old cursor, and the per-terminal
 * seqs make that a no-op for what was already written.
 */
export async function applyFeedPage(
  db: BoxOfficeDb,
  ownTerminalId: string,
  page: Pick<PullResponse, 'entries' | 'next'>,
): Promise<FeedPageOutcome> {
  const parsed = page.entries.map((f) => parseJournalEntry(f.entry));
  const entries = parsed.flatMap((p) => (p.ok ? [p.entry] : []));
  let kept = parsed.length - entries.length;
  let applied = 0;
  let seen = 0;
  await db.transaction(
    'rw',
    [db.orders, db.tickets, db.ticketCounts, db.seatStates, db.settings],
    async () => {
      const terminals = [...new Set(entries.map((e) => e.terminalId))];
      const marks = await db.settings.bulkGet(terminals.map(appliedSeqSetting));
      const appliedUpTo = new Map(
        terminals.map((t, i) => [t, typeof marks[i]?.value === 'number' ? marks[i].value : 0]),
      );
      const fresh: DomainEntry[] = [];
      for (const entry of entries) {
        const upTo = appliedUpTo.get(entry.terminalId) ?? 0;
        if (entry.terminalId === ownTerminalId || entry.seq <= upTo) {
          seen++;
          continue;
        }
        fresh.push(entry);
        appliedUpTo.set(entry.terminalId, entry.seq);
      }
      // A domain refusal (an event naming a ticket the stored order does not have) keeps that
      // entry and lets the page go on: one odd entry must not stop this till from ever
      // learning another sale. Storage errors still abort the page.
      const outcome = await projectEntries(db, fresh, 'other', {
        onRefused: (entry, e) =>
          console.warn(`Sync: entry ${entry.terminalId}/${entry.seq} kept unapplied:`, e),
      });
      for (const o of outcome) {
        if (o === 'applied') applied++;
        else kept++;
      }
      const cursor = (await db.settings.get(FEED_CURSOR_SETTING))?.value;
      await db.settings.bulkPut([
        ...[...appliedUpTo].map(([t, seq]) => ({ key: appliedSeqSetting(t), value: seq })),
        {
          key: FEED_CURSOR_SETTING,
          value: Math.max(typeof cursor === 'number' ? cursor : 0, page.next),
        },
      ]);
    },
  );
  return { applied, seen, kept };
}

export async function feedCursor(db: BoxOfficeDb): Promise<number> {
  const value = (await db.settings.get(FEED_CURSOR_SETTING))?.value;
  return typeof value === 'number' ? value : 0;
}
