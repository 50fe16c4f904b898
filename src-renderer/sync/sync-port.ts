import type { ContractClient } from '../../shared/ipc/client';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { SyncStatus } from '../../shared/ipc/sync';
import type {
  CatalogResponse,
  OwnJournalResponse,
  PullResponse,
  PushResponse,
} from '../../shared/sync/contract';
import type { Result } from '../../shared/util/result';

/**
 * What the page's sync client needs from main (which holds the token and talks HTTP): the
 * `sync.*` methods of the contract. The app gives `syncThrough(client)`; unit tests an
 * in-memory server behind the same shape.
 */
export interface SyncPort {
  status(): Promise<Result<SyncStatus, IpcErrorCode>>;
  push(entries: readonly Record<string, unknown>[]): Promise<Result<PushResponse, IpcErrorCode>>;
  /** `refundsAfter`: the server-ledger cursor; given, the answer carries `serverRefunds`. */
  pull(
    after: number,
    limit: number,
    refundsAfter?: number,
  ): Promise<Result<PullResponse, IpcErrorCode>>;
  journal(after: number, limit: number): Promise<Result<OwnJournalResponse, IpcErrorCode>>;
  /** The venue's newest catalog if newer than `after` (-1: this till has none). */
  catalog(after: number): Promise<Result<CatalogResponse, IpcErrorCode>>;
  registerTicketKey(keyId: string, publicKey: string): Promise<Result<unknown, IpcErrorCode>>;
  /** `sync.feed`: the venue's feed grew. Returns the unsubscribe. */
  onFeed(listener: () => void): () => void;
  /** `sync.status`: main's enrolment or live channel changed. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

export function syncThrough(client: ContractClient): SyncPort {
  return {
    status: () => client.call('sync.status', {}),
    push: (entries) => client.call('sync.push', { entries: [...entries] }),
    pull: (after, limit, refundsAfter) =>
      client.call('sync.pull', {
        after,
        limit,
        ...(refundsAfter !== undefined ? { refundsAfter } : {}),
      }),
    journal: (after, limit) => client.call('sync.journal', { after, limit }),
    catalog: (after) => client.call('sync.catalog', { after }),
    registerTicketKey: (keyId, publicKey) =>
      client.call('sync.registerTicketKey', { keyId, publicKey }),
    onFeed: (listener) => client.on('sync.feed', () => listener()),
    onStatus: (listener) => client.on('sync.status', listener),
  };
}

/**
 * How a failed sync request is to be treated. `offline`: the server was not reached (or did
 * not answer): retry later. `not_enrolled`: no server configured: stay idle, no error.
 * `revoked`: the server refuses this terminal. `refused`: the server answered no to this
 * request (its own code, e.g. `chain_gap`): repeating it unchanged cannot help.
 */
export type SyncFailure =
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'not_enrolled' }
  | { readonly kind: 'revoked'; readonly message: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

/**
 * The server's own code of a refusal: main passes it as `details.code` (src-main/sync/
 * server-client.ts); failing that, a snake_case word in the message (`chain_gap`).
 */
export function serverCodeOf(error: { message: string; details?: unknown }): string {
  const code = (error.details as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return /\b[a-z]+(?:_[a-z]+)+\b/.exec(error.message)?.[0] ?? 'refused';
}

export function classifyFailure(error: {
  code: string;
  message: string;
  details?: unknown;
}): SyncFailure {
  switch (error.code) {
    case 'not_configured':
      return { kind: 'not_enrolled' };
    case 'forbidden':
      return { kind: 'revoked', message: error.message };
    case 'invalid_argument':
      return { kind: 'refused', code: serverCodeOf(error), message: error.message };
    case 'not_found':
      // The server answered but lacks the route (an older server): online, this part idle.
      return { kind: 'refused', code: 'not_supported', message: error.message };
    default:
      // unavailable, timeout, internal (a version skew or a 5xx): all worth another try later.
      return { kind: 'offline', message: error.message };
  }
}
