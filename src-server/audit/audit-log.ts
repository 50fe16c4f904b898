import type { Queryable } from '../db/port';

/**
 * The venue's audit trail (migration 010): one append-only row per sign-in (refused ones too),
 * back-office change, and till event the push applies (approvals, drawer opens, no-sales).
 * `kind` is a short code the back office translates; `detail` holds what the row needs to be
 * read later (never a secret: no passwords, PINs, tokens or codes).
 */
export async function recordAudit(
  db: Queryable,
  venueId: string,
  actor: string,
  kind: string,
  terminalId: string | null,
  detail: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (venue_id, actor, kind, terminal_id, detail)
     VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [venueId, actor, kind, terminalId, JSON.stringify(detail)],
  );
}
