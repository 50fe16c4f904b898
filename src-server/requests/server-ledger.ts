import { canonicalJsonOrThrow } from '../../shared/crypto/canonical-json';
import { sha256Hex } from '../auth/secrets';
import { num, type Queryable } from '../db/port';
import { serverRefundSchema, type ServerRefund } from '../../shared/orders/server-refund';

/**
 * The server's own money journal (migration 016, `server_ledger`). A till records every money
 * change as a journal entry; money the server moves — a card refund through the payment
 * provider, a credit voucher issued for a request — is recorded the same way here: one
 * append-only row per movement, gapless `seq` per venue, `hash` = SHA-256 of the previous
 * hash and the RFC 8785 canonical JSON of the body, so a changed or removed row breaks the
 * chain (`verifyLedger`). One row per request (unique): a retried payout cannot record twice.
 */
export type LedgerKind = 'card_refund' | 'voucher_issued';

const GENESIS = '0'.repeat(64);

/**
 * Who the server's `tickets` projection says last changed a ticket the server paid back
 * (`updated_by_terminal`; `updated_seq` is the ledger row's seq): a till's later refund of it
 * is then a double refund the reconciliation names, as between two windows.
 */
export const SERVER_LEDGER_TERMINAL = 'server-ledger';

export async function appendLedger(
  tx: Queryable,
  venueId: string,
  kind: LedgerKind,
  requestId: string,
  body: Record<string, unknown>,
  /** The server's clock when it paid (ISO 8601): the day the reports count the payout in. */
  recordedAt: string,
): Promise<{ seq: number; hash: string }> {
  // One writer per venue's chain at a time; released at the transaction's end.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('server_ledger:' || $1))`, [venueId]);
  const last = await tx.query<{ seq: number; hash: string }>(
    `SELECT seq, hash FROM server_ledger WHERE venue_id = $1 ORDER BY seq DESC LIMIT 1`,
    [venueId],
  );
  const seq = (last[0] ? Number(last[0].seq) : 0) + 1;
  const prevHash = last[0]?.hash ?? GENESIS;
  const full = { ...body, kind, requestId, seq };
  const hash = sha256Hex(prevHash + canonicalJsonOrThrow(full));
  await tx.query(
    `INSERT INTO server_ledger (venue_id, seq, prev_hash, hash, kind, request_id, body, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz)`,
    [venueId, seq, prevHash, hash, kind, requestId, JSON.stringify(full), recordedAt],
  );
  return { seq, hash };
}

/** The first broken row's seq, or null when the venue's chain verifies. */
export async function verifyLedger(db: Queryable, venueId: string): Promise<number | null> {
  const rows = await db.query<{ seq: number; prev_hash: string; hash: string; body: unknown }>(
    `SELECT seq, prev_hash, hash, body FROM server_ledger WHERE venue_id = $1 ORDER BY seq`,
    [venueId],
  );
  let prev = GENESIS;
  let expected = 1;
  for (const r of rows) {
    const body = typeof r.body === 'string' ? (JSON.parse(r.body) as unknown) : r.body;
    if (
      Number(r.seq) !== expected ||
      r.prev_hash !== prev ||
      sha256Hex(prev + canonicalJsonOrThrow(body)) !== r.hash
    ) {
      return Number(r.seq);
    }
    prev = r.hash;
    expected++;
  }
  return null;
}

/**
 * The venue's server payouts after ledger seq `after`, as the tills' pull carries them
 * (shared/sync/contract.ts `serverRefunds`). Seqs are taken under the venue's advisory lock
 * held to COMMIT, so a reader never sees seq n+1 before n: the cursor skips nothing.
 */
export async function readServerRefunds(
  db: Queryable,
  venueId: string,
  after: number,
  limit: number,
): Promise<{ entries: ServerRefund[]; next: number; more: boolean }> {
  const rows = await db.query<LedgerRow>(
    `SELECT seq, body, recorded_at FROM server_ledger
     WHERE venue_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [venueId, after, limit + 1],
  );
  const entries = rows.slice(0, limit).map(serverRefundOf);
  return {
    entries,
    next: entries.length > 0 ? entries[entries.length - 1]!.seq : after,
    more: rows.length > limit,
  };
}

/** One order's server payouts, in ledger order (the server's own view of the order). */
export async function readServerRefundsOfOrder(
  db: Queryable,
  venueId: string,
  orderId: string,
): Promise<ServerRefund[]> {
  return readServerRefundsOfOrders(db, venueId, [orderId]);
}

/** Several orders' server payouts, in ledger order (a customer's record). */
export async function readServerRefundsOfOrders(
  db: Queryable,
  venueId: string,
  orderIds: readonly string[],
): Promise<ServerRefund[]> {
  const rows = await db.query<LedgerRow>(
    `SELECT seq, body, recorded_at FROM server_ledger
     WHERE venue_id = $1 AND body ->> 'orderId' = ANY($2::text[]) ORDER BY seq`,
    [venueId, [...orderIds]],
  );
  return rows.map(serverRefundOf);
}

/**
 * The venue's server payouts recorded in [from, until) — a report's day — in ledger order.
 * A scan of the venue's ledger (one row per paid request): small beside its journal.
 */
export async function readServerRefundsBetween(
  db: Queryable,
  venueId: string,
  from: string,
  until: string,
): Promise<ServerRefund[]> {
  const rows = await db.query<LedgerRow>(
    `SELECT seq, body, recorded_at FROM server_ledger
     WHERE venue_id = $1 AND recorded_at >= $2::timestamptz AND recorded_at < $3::timestamptz
     ORDER BY seq`,
    [venueId, from, until],
  );
  return rows.map(serverRefundOf);
}

interface LedgerRow {
  seq: unknown;
  body: unknown;
  recorded_at: Date | string;
}

function serverRefundOf(r: LedgerRow): ServerRefund {
  const body = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as LedgerBody;
  return serverRefundSchema.parse({
    seq: num(r.seq),
    kind: body.kind,
    requestId: body.requestId,
    orderId: body.orderId,
    ticketIds: body.ticketIds,
    at: new Date(r.recorded_at).toISOString(),
    // A card refund's body says `amount`, a voucher's `value` (what it is worth).
    amount: body.kind === 'voucher_issued' ? body.value : body.amount,
    sources: body.sources ?? [],
    ...(body.voucherCode !== undefined ? { voucherCode: body.voucherCode } : {}),
  });
}

/** A ledger row's body as payout.ts writes it. */
interface LedgerBody {
  kind: LedgerKind;
  requestId: string;
  orderId: string;
  ticketIds: string[];
  amount?: unknown;
  value?: unknown;
  sources?: unknown;
  voucherCode?: string;
}
