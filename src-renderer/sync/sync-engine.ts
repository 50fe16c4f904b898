import type { BoxOfficeDb } from '../store';
import { backoffDelay } from './backoff';
import { takeNewerCatalog } from './catalog-pull';
import type { FeedProgress } from './puller';
import { PULL_PAGE, pullFeed, registerOwnTicketKey } from './puller';
import type { SyncFailure, SyncPort } from './sync-port';
import type { UploadLocks } from './uploader';
import { browserLocks, drainOutbox, queueState } from './uploader';

/**
 * The till's sync client: when to push and pull, and what the status bar shows. Online or
 * offline is what the last real request said (navigator.onLine only knows about a network
 * cable, not whether the server answers).
 */

export type SyncConnection = 'checking' | 'online' | 'offline' | 'not_enrolled' | 'revoked';

export interface SyncSnapshot {
  readonly connection: SyncConnection;
  /** Entries in the outbox and when the oldest of them was committed. */
  readonly queued: number;
  readonly oldestQueuedAt: string | null;
  /** The last request the server answered (push or pull), ISO; null: none since start. */
  readonly lastSyncAt: string | null;
  /**
   * A refusal that stops the upload (`chain_gap`, `seq_conflict`…): the queue is kept as it is
   * and someone must look at it; retrying the same push cannot help.
   */
  readonly blocked: { readonly code: string; readonly message: string } | null;
  /**
   * A load of the venue's feed that is far behind (a new or restored till taking in other
   * tills' sales): feed positions loaded of the feed's head. Set once a pull finds more than a
   * page to go, kept through a failure (the till is still behind), null once caught up.
   */
  readonly feedLoad: FeedLoad | null;
}

export interface FeedLoad {
  readonly loaded: number;
  readonly total: number;
}

export interface SyncEngine {
  snapshot(): SyncSnapshot;
  subscribe(listener: () => void): () => void;
  /** Something changed: `push` after a commit, `pull` on a feed event, `all` for both. */
  nudge(what: 'push' | 'pull' | 'all'): void;
  /** Resolves when no cycle runs or is due right now (tests; a restore waiting for quiet). */
  idle(): Promise<void>;
  stop(): void;
}

export interface SyncTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface StartSyncOptions {
  readonly db: BoxOfficeDb;
  readonly terminalId: string;
  readonly port: SyncPort;
  readonly locks?: UploadLocks;
  readonly clock?: () => number;
  readonly random?: () => number;
  readonly timers?: SyncTimers;
  /** Entries a pulled page (PULL_PAGE by default); a load this far behind or less shows none. */
  readonly pullPage?: number;
  /** Pages a pull takes before the engine starts the next (tests; the puller's cap). */
  readonly pullPages?: number;
  /** Pull (and retry a quiet push) this often while online; 30 s by default. */
  readonly pollMs?: number;
  /** Other tills' entries were applied to the read models (screens re-read them). */
  readonly onApplied?: () => void;
  /** The venue's published ticket keys changed: the scanner's key ring must be reloaded. */
  readonly onKeysChanged?: () => void;
  /** A newer catalog from the server is stored (this version): the till reads it again. */
  readonly onCatalog?: (version: number) => void | Promise<void>;
  /**
   * Main's live channel to the server came back (the network returned): the engine pushes
   * and pulls at once instead of waiting out its backoff; others (the lease keeper) may too.
   */
  readonly onReconnect?: () => void;
}

export const POLL_MS = 30_000;

const browserTimers: SyncTimers = {
  set: (cb, ms) => setTimeout(cb, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function startSync(options: StartSyncOptions): SyncEngine {
  const { db, terminalId, port } = options;
  const locks = options.locks ?? browserLocks();
  const clock = options.clock ?? (() => Date.now());
  const timers = options.timers ?? browserTimers;
  const pollMs = options.pollMs ?? POLL_MS;
  // Behind by more than one page (feed positions), the load shows its progress.
  const pullPage = options.pullPage ?? PULL_PAGE;
  const listeners = new Set<() => void>();
  let snap: SyncSnapshot = {
    connection: 'checking',
    queued: 0,
    oldestQueuedAt: null,
    lastSyncAt: null,
    blocked: null,
    feedLoad: null,
  };
  let stopped = false;
  let running: Promise<void> | null = null;
  let want = { push: true, pull: true };
  let failures = 0;
  let timer: unknown = null;

  const set = (patch: Partial<SyncSnapshot>): void => {
    snap = { ...snap, ...patch };
    for (const l of listeners) l();
  };

  const answered = (): void =>
    set({ connection: 'online', lastSyncAt: new Date(clock()).toISOString() });

  const progressed = ({ position, head }: FeedProgress): void => {
    const behind = position < head;
    if (behind && (snap.feedLoad !== null || head - position > pullPage))
      set({ feedLoad: { loaded: position, total: head } });
    else if (!behind && snap.feedLoad !== null) set({ feedLoad: null });
  };

  /** Applies a failure; true when the cycle should stop here. */
  const failed = (failure: SyncFailure, stage: 'push' | 'pull'): boolean => {
    switch (failure.kind) {
      case 'offline':
        failures++;
        set({ connection: 'offline' });
        return true;
      case 'not_enrolled':
        set({ connection: 'not_enrolled' });
        return true;
      case 'revoked':
        set({ connection: 'revoked' });
        return true;
      case 'refused':
        // The server answered, so the till is online; only this stage is stuck.
        set({ connection: 'online' });
        if (stage === 'push') set({ blocked: { code: failure.code, message: failure.message } });
        return false;
    }
  };

  async function cycle(): Promise<void> {
    const now = want;
    want = { push: false, pull: false };
    let stop = false;
    if (now.push && snap.blocked === null) {
      const up = await drainOutbox(db, terminalId, port, locks);
      if (up.kind === 'drained') {
        // An empty outbox asks the server nothing: that says nothing about being online.
        if (up.pushed > 0) {
          failures = 0;
          answered();
        }
      } else {
        if (up.pushed > 0) answered();
        stop = failed(up.failure, 'push');
      }
    }
    if (!stop && now.pull) {
      const down = await pullFeed(db, terminalId, port, {
        limit: pullPage,
        onProgress: progressed,
        ...(options.pullPages !== undefined ? { maxPages: options.pullPages } : {}),
      });
      if (down.ok) {
        failures = 0;
        answered();
        // A load longer than one pull's page cap goes on at once, not at the next poll.
        if (down.caughtUp) {
          if (snap.feedLoad !== null) set({ feedLoad: null });
        } else want = { ...want, pull: true };
        if (down.applied > 0) options.onApplied?.();
        if (down.keysChanged) options.onKeysChanged?.();
        const catalog = await takeNewerCatalog(db, port, down.catalogVersion, clock());
        if (!catalog.ok) failed(catalog.failure, 'pull');
        else if (catalog.replaced !== null) await options.onCatalog?.(catalog.replaced);
        const keyFailure = await registerOwnTicketKey(db, port);
        if (keyFailure) failed(keyFailure, 'pull');
      } else {
        failed(down.failure, 'pull');
      }
    }
    const queue = await queueState(db, terminalId);
    set({ queued: queue.queued, oldestQueuedAt: queue.oldestAt });
  }

  function schedule(): void {
    if (stopped) return;
    if (timer !== null) timers.clear(timer);
    // Offline: back off with jitter, then try everything again (a reconnect pulls too).
    // Otherwise: the slow poll. Not enrolled: the poll too, in case main enrols meanwhile.
    const ms =
      snap.connection === 'offline'
        ? backoffDelay(failures - 1, options.random ? { random: options.random } : {})
        : pollMs;
    timer = timers.set(() => {
      timer = null;
      nudge('all');
    }, ms);
  }

  function run(): void {
    if (running !== null || stopped) return;
    running = (async () => {
      try {
        while (!stopped && (want.push || want.pull)) await cycle();
      } catch (e) {
        // A store error (disk full, a closed database): reported, retried on the next poll.
        console.warn('Sync failed:', e);
      } finally {
        running = null;
        schedule();
      }
    })();
  }

  function nudge(what: 'push' | 'pull' | 'all'): void {
    want = {
      push: want.push || what !== 'pull',
      pull: want.pull || what !== 'push',
    };
    run();
  }

  const offFeed = port.onFeed(() => nudge('pull'));
  let live = false;
  const offStatus = port.onStatus((status) => {
    if (status.enrolled && snap.connection === 'not_enrolled') nudge('all');
    if (status.live && !live) {
      // The server is reachable again: whatever waits in the outbox goes now.
      nudge('all');
      options.onReconnect?.();
    }
    live = status.live;
    if (!status.enrolled) set({ connection: 'not_enrolled' });
  });
  // Queue figures for the status bar before the first request returns.
  void queueState(db, terminalId)
    .then((q) => set({ queued: q.queued, oldestQueuedAt: q.oldestAt }))
    .catch(() => undefined);
  run();

  return {
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nudge,
    async idle() {
      while (running !== null) await running;
    },
    stop() {
      stopped = true;
      offFeed();
      offStatus();
      if (timer !== null) timers.clear(timer);
    },
  };
}
