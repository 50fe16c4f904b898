import { useEffect, useState } from 'react';
import type { SyncSnapshot } from '../sync/sync-engine';
import { useSyncSnapshot } from './sync-context';
import { useTill } from './till-context';
import { useText } from './use-text';

/** Unsynced data older than this is a warning: a day of sales exists on this till alone. */
export const STALE_AFTER_MS = 24 * 3_600_000;

/** Minutes a tick: the ages shown are whole minutes and hours. */
function useNow(clock: () => number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const id = setInterval(() => setNow(clock()), 30_000);
    return () => clearInterval(id);
  }, [clock]);
  return now;
}

export function connectionIsKnown(s: SyncSnapshot): boolean {
  return s.connection === 'online' || s.connection === 'offline';
}

/**
 * The sync items of the status bar: the connection as the last real request found it, the
 * queue, the last sync and, while anything waits, the age of the oldest entry — a warning past
 * 24 h. A till that is not enrolled says so once and shows how much it keeps.
 */
export function SyncStatus() {
  const till = useTill();
  const text = useText();
  const sync = useSyncSnapshot();
  const now = useNow(till.ports.clock);
  const enrolled = sync.connection !== 'not_enrolled';
  const ageMs = sync.oldestQueuedAt === null ? null : now - Date.parse(sync.oldestQueuedAt);
  const connection = (() => {
    switch (sync.connection) {
      case 'online':
        return text('status.online');
      case 'offline':
        return text('status.offline');
      case 'checking':
        return text('status.sync.checking');
      case 'not_enrolled':
        return text('status.sync.notEnrolled');
      case 'revoked':
        return text('status.sync.revoked');
    }
  })();
  return (
    <>
      <span
        role="status"
        aria-label="Server connection"
        className={sync.connection === 'online' ? 'ok' : 'warn'}
      >
        {connection}
      </span>
      <span role="status" aria-label="Sync queue">
        {text('status.syncQueue', { count: sync.queued })}
      </span>
      {enrolled ? (
        <span role="status" aria-label="Last sync">
          {sync.lastSyncAt === null
            ? text('status.sync.never')
            : text('status.sync.last', { time: new Date(sync.lastSyncAt) })}
        </span>
      ) : null}
      {enrolled && ageMs !== null && sync.queued > 0 ? (
        <span
          role="status"
          aria-label="Oldest unsynced entry"
          className={ageMs > STALE_AFTER_MS ? 'warn' : undefined}
        >
          {ageMs >= 3_600_000
            ? text('status.sync.oldestHours', { hours: Math.floor(ageMs / 3_600_000) })
            : text('status.sync.oldestMinutes', {
                minutes: Math.max(0, Math.floor(ageMs / 60_000)),
              })}
        </span>
      ) : null}
      {enrolled && ageMs !== null && sync.queued > 0 && ageMs > STALE_AFTER_MS ? (
        <span role="alert" aria-label="Unsynced sales warning" className="warn">
          {text('status.sync.stale')}
        </span>
      ) : null}
      {sync.blocked !== null ? (
        <span role="alert" aria-label="Sync stopped" className="warn">
          {text('status.sync.blocked', { code: sync.blocked.code })}
        </span>
      ) : null}
    </>
  );
}
