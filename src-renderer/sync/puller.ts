import type { BoxOfficeDb } from '../store';
import { getSetting, setSetting } from '../store';
import { applyFeedPage, feedCursor } from './feed-apply';
import type { SyncFailure, SyncPort } from './sync-port';
import { classifyFailure } from './sync-port';
import { ownPublicKey, REGISTERED_KEY_SETTING, storeTrustedKeys } from './ticket-keys';
import { storeCashCodeKeys } from './cash-code-keys';
import { applyServerRefunds, serverRefundsCursor } from './server-refunds';

export const PULL_PAGE = 500;
/** A runaway feed (a server that keeps saying `more`) stops here; the next poll goes on. */
const MAX_PAGES_PER_PULL = 200;

/** How far this till has loaded the venue's feed: its cursor and the server's feed head. */
export interface FeedProgress {
  readonly position: number;
  readonly head: number;
}

export interface PullOptions {
  /** Entries a page (the server allows up to 1000). */
  readonly limit?: number;
  /**
   * After each applied page (its own transaction, so the position is what a restart resumes
   * from). Not called when the server's answer has no `head` (a server older than it).
   */
  readonly onProgress?: (progress: FeedProgress) => void;
  /** Between pages: lets the page paint and the cashier's clicks run. */
  readonly yieldToUi?: () => Promise<void>;
  /** Pages at most in this pull (a runaway guard; MAX_PAGES_PER_PULL by default). */
  readonly maxPages?: number;
}

/** A macrotask turn: renders, input and the cashier's own commits go before the next page. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type PullOutcome =
  | {
      readonly ok: true;
      readonly applied: number;
      readonly kept: number;
      /** The venue's ticket keys changed (a new till, a revocation): the scanner reloads them. */
      readonly keysChanged: boolean;
      /** The venue's newest published catalog version, as the last answer said (null: none). */
      readonly catalogVersion: number | null;
      /** False when the page cap stopped this pull with more waiting: pull again soon. */
      readonly caughtUp: boolean;
    }
  | { readonly ok: false; readonly failure: SyncFailure; readonly applied: number };

/**
 * Pulls the venue's feed from this till's cursor until the server says there is no more,
 * applying each page (and moving the cursor) in one transaction and yielding to the UI between
 * pages, then stores the published ticket keys for the scanner. A failure leaves the cursor
 * where the last applied page put it, and the next pull resumes there.
 */
export async function pullFeed(
  db: BoxOfficeDb,
  terminalId: string,
  port: SyncPort,
  options: PullOptions = {},
): Promise<PullOutcome> {
  const limit = options.limit ?? PULL_PAGE;
  const yieldToUi = options.yieldToUi ?? nextTurn;
  let applied = 0;
  let kept = 0;
  let catalogVersion: number | null = null;
  const maxPages = options.maxPages ?? MAX_PAGES_PER_PULL;
  for (let page = 0; page < maxPages; page++) {
    if (page > 0) await yieldToUi();
    const after = await feedCursor(db);
    const answer = await port.pull(after, limit, await serverRefundsCursor(db));
    if (!answer.ok) return { ok: false, failure: classifyFailure(answer.error), applied };
    const outcome = await applyFeedPage(db, terminalId, answer.value);
    applied += outcome.applied;
    kept += outcome.kept;
    const { head, more, next } = answer.value;
    catalogVersion = answer.value.catalogVersion ?? null;
    if (head !== undefined) {
      const position = Math.max(after, next);
      options.onProgress?.({ position, head: Math.max(head, position) });
    }
    if (!more || next <= after) {
      // Caught up with the feed: an order the server paid back is here if it ever will be.
      const refunds = answer.value.serverRefunds;
      if (refunds !== undefined) applied += (await applyServerRefunds(db, refunds)).applied;
      const keysChanged = await storeTrustedKeys(db, answer.value.ticketKeys);
      await storeCashCodeKeys(db, answer.value.cashCodeKeys);
      return { ok: true, applied, kept, keysChanged, caughtUp: true, catalogVersion };
    }
  }
  return { ok: true, applied, kept, keysChanged: false, caughtUp: false, catalogVersion };
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
