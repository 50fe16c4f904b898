import type { ServerRefund } from '../../shared/orders/server-refund';
import type { Catalog } from '../../shared/catalog/catalog';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { SyncStatus } from '../../shared/ipc/sync';
import type { JournalEntry } from '../../shared/journal/chain';
import { verifyChainBatch } from '../../shared/journal/chain';
import type { PublishedTicketKey } from '../../shared/sync/contract';
import { MAX_PUSH_BYTES, MAX_PUSH_ENTRIES } from '../../shared/sync/contract';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { SyncTimers } from '../../src-renderer/sync/sync-engine';
import type { SyncPort } from '../../src-renderer/sync/sync-port';

/**
 * An in-memory sync server for the page's sync client, with the rules of the real one that
 * the client depends on (src-server/README.md "push"): a batch must chain onto the terminal's
 * head (`chain_gap` past it), entries at or below the head must be the stored ones
 * (`seq_conflict` otherwise, idempotent when equal), the venue feed in commit order with the
 * caller's own entries left out, the own journal for restore, the published keys and the
 * venue's published catalogs.
 */
export class FakeSyncServer {
  readonly journals = new Map<string, JournalEntry[]>();
  readonly feed: { cursor: number; terminalId: string; entry: JournalEntry }[] = [];
  readonly keys: PublishedTicketKey[] = [];
  /** Published catalogs, oldest first (the venue's newest is the last). */
  readonly catalogs: Catalog[] = [];
  catalogRequests = 0;
  /** Every push's seqs, per terminal (to prove each entry went once, in order). */
  readonly pushes: { terminalId: string; seqs: number[]; bytes: number }[] = [];
  offline = false;
  /** The page's `sync.status` listeners: `live()` tells them main's live channel is up. */
  readonly statusListeners = new Set<(status: SyncStatus) => void>();
  live(up: boolean): void {
    const status: SyncStatus = {
      enrolled: this.enrolled,
      terminalId: 'T1',
      venueId: 'v',
      server: 'http://127.0.0.1:1',
      live: up,
      lastPushAt: null,
      lastPullAt: null,
      lastError: null,
    };
    for (const l of this.statusListeners) l(status);
  }
  enrolled = true;
  /** Answer pulls as a server older than the feed head figure did (no `head`). */
  omitHead = false;
  /** Refunds the server paid itself (its ledger), in seq order: pulled with `refundsAfter`. */
  readonly serverRefunds: ServerRefund[] = [];
  private feedListeners = new Set<() => void>();

  private answer<T>(run: () => Result<T, IpcErrorCode> | Promise<Result<T, IpcErrorCode>>) {
    if (!this.enrolled)
      return Promise.resolve(err('not_configured' as const, 'This till is not enrolled.'));
    if (this.offline)
      return Promise.resolve(err('unavailable' as const, 'The server could not be reached.'));
    return Promise.resolve(run());
  }

  head(terminalId: string): { seq: number; hash: string } {
    const j = this.journals.get(terminalId) ?? [];
    const last = j[j.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: '0'.repeat(64) };
  }

  emitFeed(): void {
    for (const l of this.feedListeners) l();
  }

  port(terminalId: string): SyncPort {
    const status = (): SyncStatus => ({
      enrolled: this.enrolled,
      terminalId,
      venueId: this.enrolled ? 'venue' : null,
      server: this.enrolled ? 'http://127.0.0.1' : null,
      live: false,
      lastPushAt: null,
      lastPullAt: null,
      lastError: null,
    });
    return {
      status: () => Promise.resolve(ok(status())),
      push: (raw) =>
        this.answer(async () => {
          const entries = raw as unknown as JournalEntry[];
          const bytes = new TextEncoder().encode(JSON.stringify({ entries })).length;
          if (entries.length > MAX_PUSH_ENTRIES || bytes > MAX_PUSH_BYTES)
            return err('invalid_argument', 'payload_too_large: batch too big');
          this.pushes.push({ terminalId, seqs: entries.map((e) => e.seq), bytes });
          const journal = this.journals.get(terminalId) ?? [];
          this.journals.set(terminalId, journal);
          const head = this.head(terminalId);
          const fresh: JournalEntry[] = [];
          for (const e of entries) {
            if (e.seq <= head.seq) {
              if (journal[e.seq - 1]?.hash !== e.hash)
                return err('invalid_argument', `seq_conflict: entry ${e.seq} differs`);
            } else fresh.push(e);
          }
          if (fresh.length > 0) {
            if (fresh[0]!.seq !== head.seq + 1)
              return err('invalid_argument', `chain_gap: push from seq ${head.seq + 1}`);
            const checked = await verifyChainBatch(fresh, {
              terminalId,
              ...(head.seq > 0 ? { anchor: head } : { expectedFirstSeq: 1 }),
            });
            if (!checked.ok)
              return err(
                'invalid_argument',
                `chain_broken: entry ${checked.seq} ${checked.reason}`,
              );
            for (const e of fresh) {
              journal.push(e);
              this.feed.push({ cursor: this.feed.length + 1, terminalId, entry: e });
            }
          }
          return ok({
            acks: entries.map((e) => ({ seq: e.seq, hash: e.hash, status: 'applied' as const })),
            head: this.head(terminalId),
          });
        }),
      pull: (after, limit, refundsAfter) =>
        this.answer(() => {
          const paid =
            refundsAfter === undefined
              ? undefined
              : this.serverRefunds.filter((r) => r.seq > refundsAfter);
          const all = this.feed.filter((f) => f.cursor > after && f.terminalId !== terminalId);
          const page = all.slice(0, limit);
          return ok({
            entries: page.map((f) => ({ cursor: f.cursor, entry: f.entry })),
            next: page[page.length - 1]?.cursor ?? after,
            more: all.length > limit,
            ...(this.omitHead ? {} : { head: this.feed.length }),
            ticketKeys: [...this.keys],
            revoked: [],
            catalogVersion: this.catalogs.at(-1)?.version ?? null,
            ...(paid !== undefined
              ? {
                  serverRefunds: {
                    entries: paid,
                    next: paid.at(-1)?.seq ?? refundsAfter!,
                    more: false,
                  },
                }
              : {}),
          });
        }),
      catalog: (after) =>
        this.answer(() => {
          this.catalogRequests++;
          const newest = this.catalogs.at(-1);
          return ok({ catalog: newest !== undefined && newest.version > after ? newest : null });
        }),
      journal: (after, limit) =>
        this.answer(() => {
          const all = (this.journals.get(terminalId) ?? []).filter((e) => e.seq > after);
          return ok({
            entries: all.slice(0, limit),
            head: this.head(terminalId),
            more: all.length > limit,
          });
        }),
      registerTicketKey: (keyId, publicKey) =>
        this.answer(() => {
          if (!this.keys.some((k) => k.keyId === keyId))
            this.keys.push({ terminalId, keyId, publicKey, revoked: false });
          return ok({});
        }),
      onFeed: (listener) => {
        this.feedListeners.add(listener);
        return () => this.feedListeners.delete(listener);
      },
      onStatus: (listener) => {
        this.statusListeners.add(listener);
        return () => this.statusListeners.delete(listener);
      },
    };
  }
}

/** Timers the test fires by hand: the engine's schedule is visible and nothing runs by itself. */
export function manualTimers() {
  const due: { cb: () => void; ms: number }[] = [];
  const timers: SyncTimers = {
    set: (cb, ms) => {
      const t = { cb, ms };
      due.push(t);
      return t;
    },
    clear: (h) => {
      const i = due.indexOf(h as (typeof due)[number]);
      if (i >= 0) due.splice(i, 1);
    },
  };
  return { timers, due };
}
