import { recordAudit } from '../audit/audit-log';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http-error';
import type { FeedNotifier } from './feed-notifier';

/**
 * The back office's kiosk switch per terminal (issue 13 item 8, issue 15 item 1). The server
 * only stores the flag and tells the till (the pull's `kioskMode`, the live stream's
 * `event: kiosk`); the till's main owns its mode and switches it.
 */

/** The stored switch of one terminal (migration 011); null: no such terminal. */
export async function kioskModeOf(
  db: Queryable,
  venueId: string,
  terminalId: string,
): Promise<boolean | null> {
  const rows = await db.query<{ kiosk_mode: boolean }>(
    `SELECT kiosk_mode FROM terminals WHERE venue_id = $1 AND terminal_id = $2`,
    [venueId, terminalId],
  );
  return rows[0]?.kiosk_mode ?? null;
}

/** A shift still open on the terminal as far as its pushes have told the server. */
export interface OpenShiftOnTill {
  readonly shiftId: string;
  readonly openedAt: string;
}

export interface KioskSwitched {
  readonly terminalId: string;
  readonly kiosk: boolean;
  /**
   * Switched on while a shift is open there: the till becomes a kiosk once that shift is
   * closed at the till (a cashier's float is in a drawer a kiosk cannot count), and the back
   * office says so rather than leaving the manager to wonder. Null otherwise.
   */
  readonly openShift: OpenShiftOnTill | null;
}

/**
 * Stores the switch, audits it and tells the till's open live streams (this node in-process,
 * other nodes through the NOTIFY sent at COMMIT). A revoked or unknown terminal is refused.
 */
export async function switchKiosk(
  db: Db,
  feed: FeedNotifier,
  who: { readonly venueId: string; readonly actor: string },
  terminalId: string,
  kiosk: boolean,
): Promise<KioskSwitched> {
  const { venueId } = who;
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE terminals SET kiosk_mode = $3
       WHERE venue_id = $1 AND terminal_id = $2 AND revoked_at IS NULL RETURNING terminal_id`,
      [venueId, terminalId, kiosk],
    );
    if (rows.length === 0) {
      const exists = await tx.query(
        `SELECT 1 FROM terminals WHERE venue_id = $1 AND terminal_id = $2`,
        [venueId, terminalId],
      );
      if (exists.length > 0) {
        throw new HttpError(
          409,
          'terminal_revoked',
          `Terminal ${terminalId} is revoked; a revoked terminal cannot be switched to or from kiosk mode.`,
        );
      }
      throw new HttpError(
        404,
        'terminal_not_found',
        `There is no terminal ${terminalId} at this venue.`,
      );
    }
    await recordAudit(tx, venueId, who.actor, 'kiosk_mode_set', terminalId, { kiosk });
    const [channel, payload] = feed.kioskAnnouncement(venueId, terminalId);
    await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
  });
  feed.kioskSwitched(venueId, terminalId);
  return {
    terminalId,
    kiosk,
    openShift: kiosk ? await openShiftOn(db, venueId, terminalId) : null,
  };
}

async function openShiftOn(
  db: Queryable,
  venueId: string,
  terminalId: string,
): Promise<OpenShiftOnTill | null> {
  // A kiosk's own zero-float shift is not in the way: only a person's shift is named.
  const rows = await db.query<{ shift_id: string; opened_at: Date | string }>(
    `SELECT s.shift_id, s.opened_at FROM shifts s
     JOIN journal_entries j ON j.venue_id = s.venue_id AND j.terminal_id = s.terminal_id
       AND j.seq = s.opened_seq
     WHERE s.venue_id = $1 AND s.terminal_id = $2 AND s.closed_at IS NULL
       AND coalesce(j.body->'payload'->'staff'->>'role', '') <> 'kiosk'
     ORDER BY s.opened_seq DESC LIMIT 1`,
    [venueId, terminalId],
  );
  const row = rows[0];
  return row ? { shiftId: row.shift_id, openedAt: new Date(row.opened_at).toISOString() } : null;
}
