import type { SyncStatus } from '../../shared/ipc/sync';
import { err, ok } from '../../shared/util/result';
import type { HandlersFor } from '../services/handlers';

/**
 * Main's side of sync: the terminal's enrolment and token, and the requests to the server.
 * Until a till is enrolled every sync method answers `not_configured` and the status says so:
 * the page shows "not connected to a server" instead of pretending to be synced.
 */
export function notEnrolledSyncHandlers(terminalId: () => string): HandlersFor<'sync.'> {
  const status = (): SyncStatus => ({
    enrolled: false,
    terminalId: terminalId(),
    venueId: null,
    server: null,
    live: false,
    lastPushAt: null,
    lastPullAt: null,
    lastError: null,
  });
  const refuse = () =>
    Promise.resolve(
      err('not_configured' as const, 'This till is not connected to a server (not enrolled).'),
    );
  return {
    'sync.status': () => Promise.resolve(ok(status())),
    'sync.push': refuse,
    'sync.pull': refuse,
    'sync.journal': refuse,
    'sync.registerTicketKey': refuse,
  };
}
