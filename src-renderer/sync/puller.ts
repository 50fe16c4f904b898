import type { BoxOfficeDb } from '../store';
import { getSetting, setSetting } from '../store';
import { applyFeedPage, feedCursor } from './feed-apply';
import type { SyncFailure, SyncPort } from './sync-port';
import { classifyFailure } from './sync-port';
import { ownPublicKey, REGISTERED_KEY_SETTING, storeTrustedKeys } from './ticket-keys';

export const PULL_PAGE = 500;
/** A runaway feed (a server that keeps saying `more`) stops here; the next poll goes on. */
const MAX_PAGES_PER_PULL = 200;

export type PullOutcome =
  | {
      readonly ok: true;
      readonly applied: number;
      readonly kept: number;
      /** The venue's ticket keys changed (a new till, a revocation): the scanner reloads them. */
      readonly keysChanged: boolean;
      /** The venue's newest published catalog version, as the last answer said (null: none). */
      readonly catalogVersion: number | null;
    }
  | { readonly ok: false; readonly failure: SyncFailure; readonly applied: number };

/**
 * Pulls the venue's feed from this till's cursor until the server says there is no more,
 * applying each page (and moving the cursor) in one transaction, then stores the published
 * ticket keys for the scanner. A failure leaves the cursor where the last applied page put it.
 */
export async function pullFeed(
  db: BoxOfficeDb,
  terminalId: string,
  port: SyncPort,
  limit = PULL_PAGE,
): Promise<PullOutcome> {
  let applied = 0;
  let kept = 0;
  let keysChanged = false;
  let catalogVersion: number | null = null;
  for (let page = 0; page < MAX_PAGES_PER_PULL; page++) {
    const after = await feedCursor(db);
    const answer = await port.pull(after, limit);
    if (!answer.ok) return { ok: false, failure: classifyFailure(answer.error), applied };
    const outcome = await applyFeedPage(db, terminalId, answer.value);
    applied += outcome.applied;
    kept += outcome.kept;
    catalogVersion = answer.value.catalogVersion;
    if (!answer.value.more || answer.value.next <= after) {
      keysChanged = await storeTrustedKeys(db, answer.value.ticketKeys);
      break;
    }
  }
  return { ok: true, applied, kept, keysChanged, catalogVersion };
}

/**
 * Publishes this till's ticket-signing public key once (again only if the key changed, i.e.
 * the store was lost and a new key made), so the venue's other tills verify its tickets.
 */
export async function registerOwnTicketKey(
  db: BoxOfficeDb,
  port: SyncPort,
): Promise<SyncFailure | null> {
  const own = await ownPublicKey(db);
  if (own === null || (await getSetting(db, REGISTERED_KEY_SETTING)) === own.keyId) return null;
  const answer = await port.registerTicketKey(own.keyId, own.publicKey);
  if (!answer.ok) return classifyFailure(answer.error);
  await setSetting(db, REGISTERED_KEY_SETTING, own.keyId);
  return null;
}
