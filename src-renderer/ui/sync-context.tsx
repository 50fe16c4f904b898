import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { SyncEngine, SyncSnapshot } from '../sync/sync-engine';

/** The till's sync client, started once per open till (ReadyApp); null before it starts. */
export const SyncContext = createContext<SyncEngine | null>(null);

const NOT_STARTED: SyncSnapshot = {
  connection: 'checking',
  queued: 0,
  oldestQueuedAt: null,
  lastSyncAt: null,
  blocked: null,
  feedLoad: null,
};
const noSubscription = () => () => undefined;

/** The sync state as the status bar shows it; re-renders on every change. */
export function useSyncSnapshot(): SyncSnapshot {
  const engine = useContext(SyncContext);
  const subscribe = useCallback(
    (listener: () => void) => (engine ? engine.subscribe(listener) : noSubscription()),
    [engine],
  );
  const snapshot = useCallback(() => (engine ? engine.snapshot() : NOT_STARTED), [engine]);
  return useSyncExternalStore(subscribe, snapshot);
}
