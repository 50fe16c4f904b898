import { randomUUID } from 'node:crypto';
import type { Db } from '../db/port';

/** The PostgreSQL channel server nodes announce committed pushes on (LISTEN/NOTIFY). */
export const FEED_CHANNEL = 'box_office_feed';

export type FeedListener = (cursor: number) => void;

type TerminalSignal = 'revoked' | 'print' | 'kiosk';

/**
 * Tells the open live streams (GET /api/sync/live) of a venue that its feed grew. In-process
 * first: `publish` is called by the push after its transaction COMMITTED (never before: a
 * till told about a cursor must find the entries when it pulls). Across server nodes over one
 * PostgreSQL: the push also runs `pg_notify` inside its transaction (`announcement`), which
 * PostgreSQL delivers only at COMMIT, to every node LISTENing (`connect`); a node skips its
 * own announcements, which it has published in-process already. A lost notification costs a
 * poll, never data: the event carries no entries, the till pulls.
 */
export class FeedNotifier {
  /** Tells this node's announcements from other nodes'. */
  readonly nodeId = randomUUID();
  private readonly listeners = new Map<string, Set<FeedListener>>();

  subscribe(venueId: string, listener: FeedListener): () => void {
    let set = this.listeners.get(venueId);
    if (!set) this.listeners.set(venueId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(venueId) === set) this.listeners.delete(venueId);
    };
  }

  /** Open streams (tests and logs). */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Where a failing listener is reported (buildServer logs it); the others still hear. */
  onListenerError: (error: unknown) => void = () => undefined;

  /**
   * Called after COMMIT: a stream that fails here must not turn a stored push into an error
   * answer (the till would retry a batch the server holds; harmless, but wrong to ask for).
   */
  publish(venueId: string, cursor: number): void {
    for (const listener of [...(this.listeners.get(venueId) ?? [])]) {
      try {
        listener(cursor);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /**
   * The channel and payload of the NOTIFY that tells other nodes the venue's feed grew to
   * `cursor`: run inside the push transaction (`SELECT pg_notify(channel, payload)`, which the
   * push does in its last statement), PostgreSQL sends it to them at COMMIT.
   */
  announcement(venueId: string, cursor: number): [channel: string, payload: string] {
    const [channel, before] = this.announcementBeforeCursor(venueId);
    return [channel, `${before}${cursor}`];
  }

  /**
   * announcement's channel and its payload up to the cursor, for a statement that takes the
   * feed positions itself and sends `pg_notify(channel, payload || cursor)`.
   */
  announcementBeforeCursor(venueId: string): [channel: string, payloadBeforeCursor: string] {
    return [FEED_CHANNEL, `${this.nodeId} ${venueId} `];
  }

  /** Per-terminal signals: a revocation (its streams end), a print job queued for it. */
  private readonly terminalListeners = new Map<string, Set<() => void>>();

  private onTerminal(
    signal: TerminalSignal,
    venueId: string,
    terminalId: string,
    listener: () => void,
  ): () => void {
    const key = `${signal} ${venueId} ${terminalId}`;
    let set = this.terminalListeners.get(key);
    if (!set) this.terminalListeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.terminalListeners.get(key) === set) {
        this.terminalListeners.delete(key);
      }
    };
  }

  private signal(signal: TerminalSignal, venueId: string, terminalId: string): void {
    for (const listener of [
      ...(this.terminalListeners.get(`${signal} ${venueId} ${terminalId}`) ?? []),
    ]) {
      try {
        listener();
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** `listener` runs when `terminalId` of `venueId` is revoked (its live stream ends then). */
  onRevoked(venueId: string, terminalId: string, listener: () => void): () => void {
    return this.onTerminal('revoked', venueId, terminalId, listener);
  }

  /** Called after the revocation COMMITTED: the terminal's open streams on this node end. */
  revoked(venueId: string, terminalId: string): void {
    this.signal('revoked', venueId, terminalId);
  }

  /** The NOTIFY telling other nodes a terminal was revoked (run in the revoking transaction). */
  revocationAnnouncement(venueId: string, terminalId: string): [channel: string, payload: string] {
    return [FEED_CHANNEL, `${this.nodeId} ${venueId} revoked ${terminalId}`];
  }

  /** `listener` runs when a print job is queued for `terminalId` (its live stream says so). */
  onPrintJob(venueId: string, terminalId: string, listener: () => void): () => void {
    return this.onTerminal('print', venueId, terminalId, listener);
  }

  /** Called after the job's insert COMMITTED. */
  printJobQueued(venueId: string, terminalId: string): void {
    this.signal('print', venueId, terminalId);
  }

  /** The NOTIFY telling other nodes a print job waits for a terminal (in the queuing transaction). */
  printJobAnnouncement(venueId: string, terminalId: string): [channel: string, payload: string] {
    return [FEED_CHANNEL, `${this.nodeId} ${venueId} print ${terminalId}`];
  }

  /** `listener` runs when a manager flips `terminalId`'s kiosk switch (its live stream says so). */
  onKioskSwitch(venueId: string, terminalId: string, listener: () => void): () => void {
    return this.onTerminal('kiosk', venueId, terminalId, listener);
  }

  /** Called after the switch COMMITTED: the stream re-reads the flag and sends it. */
  kioskSwitched(venueId: string, terminalId: string): void {
    this.signal('kiosk', venueId, terminalId);
  }

  /** The NOTIFY telling other nodes a terminal's kiosk switch moved (in the switching transaction). */
  kioskAnnouncement(venueId: string, terminalId: string): [channel: string, payload: string] {
    return [FEED_CHANNEL, `${this.nodeId} ${venueId} kiosk ${terminalId}`];
  }

  /**
   * LISTENs for other nodes' announcements when the database offers it (the `pg` adapter;
   * PGlite is one process, so there is no other node to hear). Returns the way to stop.
   */
  async connect(db: Db, onError: (error: unknown) => void): Promise<() => Promise<void>> {
    if (!db.listen) return async () => {};
    return db.listen(
      FEED_CHANNEL,
      (payload) => {
        const [node, venueId, what, terminalId] = payload.split(' ');
        if (node === this.nodeId || !venueId || !what) return;
        if (what === 'revoked' || what === 'print' || what === 'kiosk') {
          if (terminalId) this.signal(what, venueId, terminalId);
          return;
        }
        this.publish(venueId, Number(what));
      },
      onError,
    );
  }
}
