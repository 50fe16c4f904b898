import { useEffect, useState } from 'react';
import { queueAge } from '../sync/sync-view';
import { timeOrDateTime } from './short-time';
import { StatusItem } from './status-item';
import { useSyncSnapshot } from './sync-context';
import { useTill } from './till-context';
import { useText } from './use-text';

/** Minutes a tick: the ages shown are whole minutes and hours. */
function useNow(clock: () => number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const id = setInterval(() => setNow(clock()), 30_000);
    return () => clearInterval(id);
  }, [clock]);
  return now;
}

/**
 * The sync items of the status bar: the connection as the last real request found it, the
 * queue, the last sync and, while anything waits, the age of the oldest entry — a warning past
 * 24 h. A till that is not enrolled says so once and shows how much it keeps. While a load of
 * other tills' sales is far behind (a new or restored till), how far it has got, and a banner
 * across the top of the bar: selling goes on, but a ticket sold at another till may not be
 * found for a refund yet. The two warnings a cashier must act on (sales over 24 h old, sync
 * stopped) are sentences: each takes a line of its own across the bar, like the banner.
 */
export function SyncStatus() {
  const till = useTill();
  const text = useText();
  const sync = useSyncSnapshot();
  const now = useNow(till.ports.clock);
  const enrolled = sync.connection !== 'not_enrolled';
  const age = queueAge(sync, now);
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
      <StatusItem
        name={text('ui.status.name.server')}
        words={connection}
        className={sync.connection === 'online' ? 'ok' : 'warn'}
      />
      <StatusItem
        name={text('ui.status.name.syncQueue')}
        words={text('status.syncQueue', { count: sync.queued })}
        className="keep"
      />
      {enrolled ? (
        <StatusItem
          name={text('ui.status.name.lastSync')}
          words={
            sync.lastSyncAt === null
              ? text('status.sync.never')
              : text('status.sync.last', { time: timeOrDateTime(text.tr, sync.lastSyncAt, now) })
          }
        />
      ) : null}
      {age !== null ? (
        <StatusItem
          name={text('ui.status.name.oldestUnsynced')}
          className={age.stale ? 'warn' : undefined}
          words={
            age.unit === 'hours'
              ? text('status.sync.oldestHours', { hours: age.value })
              : text('status.sync.oldestMinutes', { minutes: age.value })
          }
        />
      ) : null}
      {age?.stale === true ? (
        <StatusItem
          name={text('ui.status.name.staleWarning')}
          className="warn status-banner"
          alert
          words={text('status.sync.stale')}
        />
      ) : null}
      {sync.feedLoad !== null ? (
        <>
          <StatusItem
            name={text('ui.status.name.feedLoading')}
            className="warn"
            words={text('status.sync.loading', {
              loaded: sync.feedLoad.loaded,
              total: sync.feedLoad.total,
            })}
          />
          <div
            role="status"
            aria-label={text('ui.status.name.feedNotLoaded')}
            className="load-banner"
          >
            {text('status.sync.loadingBanner')}
          </div>
        </>
      ) : null}
      {sync.blocked !== null ? (
        <StatusItem
          name={text('ui.status.name.syncStopped')}
          className="warn status-banner"
          alert
          words={text('status.sync.blocked', { code: sync.blocked.code })}
        />
      ) : null}
    </>
  );
}
