import { randomBytes } from 'node:crypto';
import { VENUE_ID_PATTERN } from '../../shared/catalog/venue-id';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { recordAudit } from '../audit/audit-log';
import { newestStaffListAfter } from '../staff/staff-lists';
import { DUMMY_PASSWORD_HASH, sha256Hex, verifyPassword, verifyStaffPin } from './secrets';

/** A manager changes things; a supervisor reads everything and changes nothing. */
export type BackOfficeRole = 'manager' | 'supervisor';
/** What a route does: `read` lets supervisors in, `write` only managers. */
export type Need = 'read' | 'write';

export interface BackOfficePrincipal {
  readonly venueId: string;
  /** The managers row (enrolment codes, resolutions and publications name it). */
  readonly managerId: string;
  readonly name: string;
  readonly role: BackOfficeRole;
}

export const SESSION_COOKIE = 'bo_session';
/** A shift and then some: a manager signs in once a working day. */
export const SESSION_HOURS = 12;
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** What a person types to sign in: an account's e-mail and password, or its staff id and PIN. */
export type Credentials =
  | { readonly email: string; readonly password: string }
  | { readonly staffId: string; readonly pin: string };

/** The lockout and audit key of what was typed: the e-mail, or `staff:<id>` (lower case). */
function identityOf(c: Credentials): string {
  return 'email' in c ? c.email.trim().toLowerCase() : `staff:${c.staffId.trim().toLowerCase()}`;
}

/**
 * Sign-in for the back office, by password or by PIN. Five failures in a row for one typed
 * identity lock it for 15 minutes — also one nobody has, so a locked answer does not say who
 * exists — and every attempt, refused or not, is in the audit trail. Returns the principal and
 * the cookie value `<venue>.<secret>`; the server keeps only the secret's SHA-256.
 */
export async function signIn(
  db: Queryable,
  venueId: string,
  credentials: Credentials,
): Promise<{ principal: BackOfficePrincipal; cookie: string }> {
  const byPin = 'pin' in credentials;
  const identity = identityOf(credentials);
  const refused = new HttpError(
    401,
    'sign_in_refused',
    byPin
      ? 'That staff id and PIN do not match a manager or supervisor of this venue.'
      : 'That e-mail and password do not match a manager or supervisor of this venue.',
  );
  if (!VENUE_ID_PATTERN.test(venueId)) throw refused;
  const venue = await db.query(`SELECT 1 FROM venues WHERE venue_id = $1`, [venueId]);
  if (venue.length === 0) {
    await verifyPassword('', DUMMY_PASSWORD_HASH);
    throw refused;
  }
  const lock = await db.query<{ locked: boolean }>(
    `SELECT locked_until IS NOT NULL AND locked_until > now() AS locked
       FROM back_office_lockouts WHERE venue_id = $1 AND identity = $2`,
    [venueId, identity],
  );
  if (lock[0]?.locked) {
    await recordAudit(db, venueId, identity, 'sign_in_locked', null, {});
    throw new HttpError(
      423,
      'sign_in_locked',
      `Too many wrong ${byPin ? 'PINs' : 'passwords'}: this sign-in is locked for ${LOCK_MINUTES} minutes. Ask another manager if it cannot wait.`,
    );
  }
  const principal = byPin
    ? await checkPin(db, venueId, credentials.staffId.trim(), credentials.pin)
    : await checkPassword(db, venueId, identity, credentials.password);
  if (!principal) {
    await db.query(
      `INSERT INTO back_office_lockouts (venue_id, identity, failures) VALUES ($1, $2, 1)
       ON CONFLICT (venue_id, identity) DO UPDATE SET
         failures = back_office_lockouts.failures + 1,
         locked_until = CASE WHEN back_office_lockouts.failures + 1 >= ${MAX_FAILURES}
                             THEN now() + interval '${LOCK_MINUTES} minutes' END`,
      [venueId, identity],
    );
    await recordAudit(db, venueId, identity, 'sign_in_failed', null, {});
    throw refused;
  }
  await db.query(`DELETE FROM back_office_lockouts WHERE venue_id = $1 AND identity = $2`, [
    venueId,
    identity,
  ]);
  const secret = randomBytes(32).toString('base64url');
  const actor = `manager:${principal.managerId}`;
  await db.query(
    `INSERT INTO back_office_sessions (venue_id, token_hash, actor, name, role, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + interval '${SESSION_HOURS} hours')`,
    [venueId, sha256Hex(secret), actor, principal.name, principal.role],
  );
  await recordAudit(db, venueId, actor, 'sign_in', null, {
    role: principal.role,
    method: byPin ? 'pin' : 'password',
  });
  return { principal, cookie: `${venueId}.${secret}` };
}

/**
 * The venue's account with this e-mail (lower case) if the password is its own, else null.
 * An unknown e-mail is checked against a dummy hash, so the time taken does not tell which
 * accounts exist. The one password check of the session sign-in and of HTTP Basic.
 */
export async function checkPassword(
  db: Queryable,
  venueId: string,
  email: string,
  password: string,
): Promise<BackOfficePrincipal | null> {
  const rows = await db.query<{
    manager_id: string;
    name: string;
    role: BackOfficeRole;
    password_hash: string;
  }>(
    `SELECT manager_id, name, role, password_hash FROM managers WHERE venue_id = $1 AND email = $2`,
    [venueId, email],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!row || !ok) return null;
  return { venueId, managerId: row.manager_id, name: row.name, role: row.role };
}

/**
 * The account linked to this staff id (migration 015) if `pin` is that person's PIN in the
 * venue's newest staff list, else null. The list decides the PIN (a reset at the tills applies
 * here) and whether they may sign in at all: someone a manager locked or left out of the list
 * is refused. An unknown id is checked against a dummy hash, as for passwords.
 */
export async function checkPin(
  db: Queryable,
  venueId: string,
  staffId: string,
  pin: string,
): Promise<BackOfficePrincipal | null> {
  const rows = await db.query<{ manager_id: string; name: string; role: BackOfficeRole }>(
    `SELECT manager_id, name, role FROM managers
      WHERE venue_id = $1 AND staff_id IS NOT NULL AND lower(staff_id) = lower($2)`,
    [venueId, staffId],
  );
  // Read whether or not the id is linked, so the time taken does not tell which ids are.
  const list = await newestStaffListAfter(db, venueId, -1);
  const member = list?.staff.find((s) => s.id.toLowerCase() === staffId.toLowerCase());
  const ok = member
    ? await verifyStaffPin(pin, member.pin)
    : await verifyPassword(pin, DUMMY_PASSWORD_HASH);
  const row = rows[0];
  if (!row || !member || !ok) return null;
  return { venueId, managerId: row.manager_id, name: row.name, role: row.role };
}

function splitCookie(value: string): { venueId: string; secret: string } | null {
  const dot = value.indexOf('.');
  if (dot < 1) return null;
  const venueId = value.slice(0, dot);
  const secret = value.slice(dot + 1);
  if (!VENUE_ID_PATTERN.test(venueId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { venueId, secret };
}

/** The live session a cookie names, or null (unknown, expired or signed out). */
export async function sessionPrincipal(
  db: Queryable,
  cookie: string | undefined,
): Promise<BackOfficePrincipal | null> {
  const parts = cookie ? splitCookie(cookie) : null;
  if (!parts) return null;
  const rows = await db.query<{ actor: string; name: string; role: BackOfficeRole }>(
    `SELECT actor, name, role FROM back_office_sessions
      WHERE venue_id = $1 AND token_hash = $2 AND expires_at > now()`,
    [parts.venueId, sha256Hex(parts.secret)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    venueId: parts.venueId,
    managerId: row.actor.replace(/^manager:/, ''),
    name: row.name,
    role: row.role,
  };
}

export async function signOut(db: Queryable, cookie: string | undefined): Promise<void> {
  const parts = cookie ? splitCookie(cookie) : null;
  if (!parts) return;
  await db.query(`DELETE FROM back_office_sessions WHERE venue_id = $1 AND token_hash = $2`, [
    parts.venueId,
    sha256Hex(parts.secret),
  ]);
}

/** Refuses a supervisor on a route that changes something (403, in words they understand). */
export function requireNeed(principal: BackOfficePrincipal, need: Need): void {
  if (need === 'write' && principal.role !== 'manager') {
    throw new HttpError(
      403,
      'read_only',
      'A supervisor can see the back office but not change it: ask a manager to do this.',
    );
  }
}
