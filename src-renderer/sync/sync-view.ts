import type { SyncSnapshot } from './sync-engine';

/** Unsynced data older than this is a warning: a day of sales exists on this till alone. */
export const STALE_AFTER_MS = 24 * 3_600_000;

export interface QueueAge {
  /** Whole minutes under an hour, else whole hours (what the status bar prints). */
  readonly unit: 'minutes' | 'hours';
  readonly value: number;
  /** Older than 24 h: the status bar warns. */
  readonly stale: boolean;
}

/**
 * The oldest queued entry's age as the status bar shows it, or null when there is nothing to
 * show: the queue is empty, or the till is not enrolled (every entry of a till on its own stays
 * here by design, and a warning that can never clear would teach cashiers to ignore warnings).
 */
export function queueAge(snapshot: SyncSnapshot, now: number): QueueAge | null {
  if (snapshot.connection === 'not_enrolled') return null;
  if (snapshot.queued === 0 || snapshot.oldestQueuedAt === null) return null;
  const ms = Math.max(0, now - Date.parse(snapshot.oldestQueuedAt));
  return ms >= 3_600_000
    ? { unit: 'hours', value: Math.floor(ms / 3_600_000), stale: ms > STALE_AFTER_MS }
    : { unit: 'minutes', value: Math.floor(ms / 60_000), stale: false };
}
