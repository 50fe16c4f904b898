import type { AnchorHead } from '../../shared/journal/anchor';
import { headSignatureValid } from '../../shared/journal/anchor';
import type { HeadSignatureRequest, HeadSignatureResponse } from '../../shared/sync/contract';
import type { TerminalPrincipal } from '../auth/terminal-auth';
import type { Db, Queryable } from '../db/port';
import { num } from '../db/port';
import { HttpError } from '../http-error';

/**
 * A till's Z head signature (issue 11 item 8), checked in one transaction under the
 * terminal's row lock (the push's lock: a push and this check of one terminal take turns):
 *
 * 1. the server must hold the chain up to the signed seq, else 409 `head_not_reached`;
 * 2. the signature must be the terminal's registered key's over the head as sent;
 * 3. the stored entry at that seq must have the signed hash, and the last non-training
 *    receipt number stored up to it must be the signed one (main's anchor rule).
 *
 * Every signature checked is kept (`head_signatures`); one that fails 2 or 3 is raised as a
 * `z_signature_mismatch` exception on the entry at that seq (if that entry has none yet: one
 * row per entry) and answered `mismatch`. Sent again, the same signature gets the same answer.
 */
export async function checkHeadSignature(
  db: Db,
  terminal: TerminalPrincipal,
  request: HeadSignatureRequest,
): Promise<HeadSignatureResponse> {
  const { venueId, terminalId } = terminal;
  const { head, signature } = request;
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ public_key: string; head_seq: number }>(
      `SELECT public_key, head_seq FROM terminals WHERE venue_id = $1 AND terminal_id = $2 FOR UPDATE`,
      [venueId, terminalId],
    );
    const row = rows[0];
    if (row === undefined) throw new HttpError(404, 'terminal_not_found', 'Unknown terminal.');
    if (head.seq > row.head_seq) {
      throw new HttpError(
        409,
        'head_not_reached',
        `The server holds terminal ${terminalId}'s journal up to seq ${row.head_seq}; push up to seq ${head.seq} before sending the Z signature.`,
      );
    }
    const kept = await tx.query<{ status: 'verified' | 'mismatch'; message: string | null }>(
      `SELECT status, message FROM head_signatures
       WHERE venue_id = $1 AND terminal_id = $2 AND seq = $3 AND signature = $4`,
      [venueId, terminalId, head.seq, signature],
    );
    if (kept[0] !== undefined) return answer(kept[0].status, kept[0].message);

    const why = await mismatch(tx, terminal, row.public_key, { terminalId, ...head }, signature);
    await tx.query(
      `INSERT INTO head_signatures (venue_id, terminal_id, seq, hash, last_receipt_no, signature, status, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        venueId,
        terminalId,
        head.seq,
        head.hash,
        head.lastReceiptNo,
        signature,
        why ? 'mismatch' : 'verified',
        why,
      ],
    );
    if (why === null) return answer('verified', null);
    await tx.query(
      `INSERT INTO reconciliation_exceptions (venue_id, terminal_id, seq, code, message, kind,
         entries, suggested_action)
       VALUES ($1, $2, $3, 'z_signature_mismatch', $4, 'z_signature_mismatch', $5::jsonb, $6)
       ON CONFLICT (venue_id, terminal_id, seq) DO NOTHING`,
      [
        venueId,
        terminalId,
        head.seq,
        why,
        JSON.stringify([{ terminalId, seq: head.seq }]),
        `Compare the code printed on terminal ${terminalId}'s Z slip with its journal; the till's records may have been rewritten after the Z, or its key used by someone else.`,
      ],
    );
    return answer('mismatch', why);
  });
}

function answer(status: 'verified' | 'mismatch', message: string | null): HeadSignatureResponse {
  return message === null ? { status } : { status, message };
}

/** Why the signed head is not the terminal's or not the server's chain; null when it is both. */
async function mismatch(
  tx: Queryable,
  { venueId, terminalId }: TerminalPrincipal,
  publicKey: string,
  head: AnchorHead,
  signature: string,
): Promise<string | null> {
  const key = new Uint8Array(Buffer.from(publicKey, 'base64'));
  if (!(await headSignatureValid(key, head, signature))) {
    return `The Z head signature for seq ${head.seq} is not terminal ${terminalId}'s key's signature over that head.`;
  }
  const stored = await tx.query<{ hash: string; last_receipt_no: unknown }>(
    `SELECT e.hash,
       (SELECT max((r.body->'payload'->>'receiptNo')::bigint) FROM journal_entries r
        WHERE r.venue_id = $1 AND r.terminal_id = $2 AND r.seq <= $3
          AND r.body->'payload' ? 'receiptNo'
          AND coalesce(r.body->'payload'->>'training', 'false') <> 'true') AS last_receipt_no
     FROM journal_entries e WHERE e.venue_id = $1 AND e.terminal_id = $2 AND e.seq = $3`,
    [venueId, terminalId, head.seq],
  );
  const entry = stored[0];
  if (entry === undefined) return `The server holds no entry at seq ${head.seq}.`;
  if (entry.hash !== head.hash) {
    return `Terminal ${terminalId}'s Z signed entry ${head.seq} with hash ${head.hash.slice(0, 12)}…, but the server's entry ${head.seq} has hash ${entry.hash.slice(0, 12)}…: the chain the server holds is not the one the Z closed.`;
  }
  const lastReceipt = entry.last_receipt_no === null ? 0 : num(entry.last_receipt_no);
  if (lastReceipt !== head.lastReceiptNo) {
    return `Terminal ${terminalId}'s Z signed last receipt number ${head.lastReceiptNo} at seq ${head.seq}, but the server's entries up to it end at receipt ${lastReceipt}.`;
  }
  return null;
}
