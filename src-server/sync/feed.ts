import type {
  OwnJournalResponse,
  PublishedTicketKey,
  PullResponse,
} from '../../shared/sync/contract';
import type { TerminalPrincipal } from '../auth/terminal-auth';
import { num, type Queryable } from '../db/port';

/**
 * The venue's feed after `after`: other terminals' entries in feed-position order. Read in
 * ONE statement against the venue's counter: every position at or below the counter seen in
 * that snapshot is committed and visible in it (positions are taken under the venue's row
 * lock, in commit order — see sync/push.ts), so when no page follows, `next` can move past
 * the caller's own entries up to the counter, and the till does not scan them again. The
 * counter of that same snapshot is the answer's `head` (how far the feed goes, for the till's
 * progress figure).
 */
export async function readFeed(
  db: Queryable,
  terminal: TerminalPrincipal,
  after: number,
  limit: number,
): Promise<Required<Pick<PullResponse, 'entries' | 'next' | 'more' | 'head'>>> {
  const rows = await db.query<{ head: unknown; feed_pos: unknown; body: unknown }>(
    `WITH v AS (SELECT feed_pos AS head FROM venues WHERE venue_id = $1)
     SELECT v.head, j.feed_pos, j.body FROM v LEFT JOIN LATERAL (
       SELECT feed_pos, body FROM journal_entries
       WHERE venue_id = $1 AND feed_pos > $3 AND feed_pos <= v.head AND terminal_id <> $2
       ORDER BY feed_pos LIMIT $4
     ) j ON true`,
    [terminal.venueId, terminal.terminalId, after, limit + 1],
  );
  const head = num(rows[0]?.head ?? 0);
  const found = rows
    .filter((r) => r.feed_pos !== null && r.feed_pos !== undefined)
    .map((r) => ({ cursor: num(r.feed_pos), entry: r.body }));
  const more = found.length > limit;
  const entries = found.slice(0, limit);
  const next = more ? entries[entries.length - 1]!.cursor : Math.max(after, head);
  return { entries, next, more, head };
}

/** Every ticket-signing key of the venue; a revoked terminal's keys are flagged, not hidden. */
export async function readTicketKeys(
  db: Queryable,
  venueId: string,
): Promise<PublishedTicketKey[]> {
  const rows = await db.query<{
    terminal_id: string;
    key_id: string;
    public_key: string;
    revoked: boolean;
  }>(
    `SELECT k.terminal_id, k.key_id, k.public_key, t.revoked_at IS NOT NULL AS revoked
     FROM ticket_keys k JOIN terminals t ON t.venue_id = k.venue_id AND t.terminal_id = k.terminal_id
     WHERE k.venue_id = $1 ORDER BY t.terminal_no, k.key_id`,
    [venueId],
  );
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    keyId: r.key_id,
    publicKey: r.public_key,
    revoked: r.revoked,
  }));
}

export async function readRevoked(
  db: Queryable,
  venueId: string,
): Promise<PullResponse['revoked']> {
  const rows = await db.query<{
    terminal_id: string;
    revoked_at: Date | string;
    revoked_reason: string | null;
  }>(
    `SELECT terminal_id, revoked_at, revoked_reason FROM terminals
     WHERE venue_id = $1 AND revoked_at IS NOT NULL ORDER BY revoked_at, terminal_id`,
    [venueId],
  );
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    revokedAt: new Date(r.revoked_at).toISOString(),
    reason: r.revoked_reason ?? '',
  }));
}

/**
 * The caller's own stored entries after `after`, in seq order, with the head the server
 * holds for it — read in one statement, so the page and the head agree (a push committing
 * meanwhile moves both or neither) and restoring to `head` never waits for an entry the
 * head does not cover.
 */
export async function readOwnJournal(
  db: Queryable,
  terminal: TerminalPrincipal,
  after: number,
  limit: number,
): Promise<OwnJournalResponse> {
  const rows = await db.query<{
    head_seq: unknown;
    head_hash: string;
    seq: unknown;
    body: unknown;
  }>(
    `WITH t AS (SELECT head_seq, head_hash FROM terminals WHERE venue_id = $1 AND terminal_id = $2)
     SELECT t.head_seq, t.head_hash, j.seq, j.body FROM t LEFT JOIN LATERAL (
       SELECT seq, body FROM journal_entries
       WHERE venue_id = $1 AND terminal_id = $2 AND seq > $3 AND seq <= t.head_seq
       ORDER BY seq LIMIT $4
     ) j ON true`,
    [terminal.venueId, terminal.terminalId, after, limit + 1],
  );
  const first = rows[0]!;
  const found = rows.filter((r) => r.seq !== null && r.seq !== undefined).map((r) => r.body);
  return {
    entries: found.slice(0, limit),
    head: { seq: num(first.head_seq), hash: first.head_hash },
    more: found.length > limit,
  };
}
