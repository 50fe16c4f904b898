import type { Role } from '../../shared/catalog/roles';
import {
  staffListSchema,
  staffPinSchema,
  staffRecordSchema,
  type PinHash,
  type StaffRecord,
} from '../../shared/staff/staff-list';
import { recordAudit } from '../audit/audit-log';
import { hashStaffPin } from '../auth/secrets';
import type { Db, Queryable } from '../db/port';
import { publishVersion } from '../db/versioned-documents';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';
import { newestStaffVersion, STAFF_LISTS } from './staff-lists';

/**
 * The back office's staff page (issue 13 item 8): one change at a time — add a member, rename,
 * change a role, lock or unlock, reset a PIN — each published as the next version of the
 * venue's staff list through the same publish path as `PUT /api/venues/:venueId/staff`, so
 * every till pulls it within a pull.
 *
 * Locking. The staff list tills pull (shared/staff/staff-list.ts) is a strict schema with no
 * "locked" flag: a till lets in whoever is in the list. So a locked member is published
 * *without* sign-in rights by leaving them out of the new version. They are not forgotten:
 * every version is kept (migration 004), so their last record — name, role and PIN hash — is
 * in the newest version that still lists them. "Locked" is therefore: listed in some earlier
 * version, not in the newest. Unlocking publishes that last record again (with their old
 * PIN). Someone a manager left out of a whole-list PUT shows as locked too, which is what they
 * are: they cannot sign in, and a manager can let them back in. No second copy of the list
 * is kept, so the history cannot disagree with it.
 */

export interface StaffMemberView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly locked: boolean;
}

export interface StaffView {
  /** The newest published version; null while the venue has none. */
  readonly version: number | null;
  readonly publishedAt: string | null;
  readonly staff: StaffMemberView[];
}

/** Each member the venue ever listed: their newest record and the version that has it. */
async function everyMember(
  db: Queryable,
  venueId: string,
): Promise<Map<string, { record: StaffRecord; version: number }>> {
  const rows = await db.query<{ member: unknown; version: unknown }>(
    `SELECT DISTINCT ON (lower(m.value->>'id')) m.value AS member, l.version
     FROM staff_lists l, jsonb_array_elements(l.body->'staff') AS m
     WHERE l.venue_id = $1
     ORDER BY lower(m.value->>'id'), l.version DESC`,
    [venueId],
  );
  const members = new Map<string, { record: StaffRecord; version: number }>();
  for (const r of rows) {
    const raw = typeof r.member === 'string' ? (JSON.parse(r.member) as unknown) : r.member;
    const record = staffRecordSchema.parse(raw);
    members.set(record.id.toLowerCase(), { record, version: Number(r.version) });
  }
  return members;
}

/**
 * A staff member's name as the venue last listed them (a locked member keeps theirs), for
 * slips and reports that name who did something; null if no version ever listed the id.
 */
export async function staffNameOf(
  db: Queryable,
  venueId: string,
  staffId: string,
): Promise<string | null> {
  const rows = await db.query<{ name: string }>(
    `SELECT m.value->>'name' AS name
     FROM staff_lists l, jsonb_array_elements(l.body->'staff') AS m
     WHERE l.venue_id = $1 AND lower(m.value->>'id') = lower($2)
     ORDER BY l.version DESC LIMIT 1`,
    [venueId, staffId],
  );
  return rows[0]?.name ?? null;
}

/** The staff page's table: the newest list's members, then the locked ones; never a PIN hash. */
export async function staffView(db: Queryable, venueId: string): Promise<StaffView> {
  const newest = await db.query<{ version: unknown; published_at: Date | string }>(
    `SELECT version, published_at FROM staff_lists WHERE venue_id = $1
     ORDER BY version DESC LIMIT 1`,
    [venueId],
  );
  const head = newest[0];
  if (!head) return { version: null, publishedAt: null, staff: [] };
  const version = Number(head.version);
  const members = [...(await everyMember(db, venueId)).values()];
  const view = (m: { record: StaffRecord; version: number }): StaffMemberView => ({
    id: m.record.id,
    name: m.record.name,
    role: m.record.role,
    locked: m.version !== version,
  });
  const byName = (a: StaffMemberView, b: StaffMemberView) =>
    a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const listed = members.map(view);
  return {
    version,
    publishedAt: new Date(head.published_at).toISOString(),
    staff: [
      ...listed.filter((m) => !m.locked).sort(byName),
      ...listed.filter((m) => m.locked).sort(byName),
    ],
  };
}

/** A PIN as typed, checked with a sentence a manager understands. */
export function checkPin(pin: string): string {
  if (!staffPinSchema.safeParse(pin).success) {
    throw new HttpError(
      400,
      'invalid_pin',
      'A PIN is 4 to 8 digits (0–9 only), for example 4827. Letters, spaces and signs are not allowed.',
    );
  }
  return pin;
}

type Change =
  | { readonly op: 'add'; readonly id: string; readonly name: string; readonly role: Role }
  | {
      readonly op: 'edit';
      readonly id: string;
      readonly name?: string;
      readonly role?: Role;
      readonly locked?: boolean;
    }
  | { readonly op: 'reset_pin'; readonly id: string };

const notFound = (id: string) =>
  new HttpError(404, 'staff_not_found', `There is no member of staff ${id} at this venue.`);

/**
 * Applies one change to the newest list (inside the publish lock, so a concurrent publication
 * is seen) and answers the next list. `pin` is the new PIN's hash, for add and reset.
 */
function applyChange(
  staff: readonly StaffRecord[],
  history: Map<string, { record: StaffRecord; version: number }>,
  change: Change,
  pin: PinHash | null,
): StaffRecord[] {
  const key = change.id.toLowerCase();
  const at = staff.findIndex((s) => s.id.toLowerCase() === key);
  const next = [...staff];
  switch (change.op) {
    case 'add': {
      if (at >= 0) {
        throw new HttpError(
          409,
          'staff_id_taken',
          `The staff id ${change.id} is already used by ${staff[at]!.name}; choose another id.`,
        );
      }
      const old = history.get(key);
      if (old) {
        throw new HttpError(
          409,
          'staff_id_taken',
          `The staff id ${change.id} belongs to ${old.record.name}, who is locked; unlock them or choose another id.`,
        );
      }
      next.push({ id: change.id, name: change.name, role: change.role, pin: pin! });
      return next;
    }
    case 'reset_pin': {
      if (at < 0) {
        if (history.has(key)) {
          throw new HttpError(
            409,
            'staff_locked',
            `${history.get(key)!.record.name} is locked; unlock them before giving them a new PIN.`,
          );
        }
        throw notFound(change.id);
      }
      next[at] = { ...next[at]!, pin: pin! };
      return next;
    }
    case 'edit': {
      const rename = (r: StaffRecord): StaffRecord => ({
        ...r,
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
      });
      if (at >= 0) {
        if (change.locked === true) return next.filter((_, i) => i !== at);
        next[at] = rename(next[at]!);
        return next;
      }
      const old = history.get(key);
      if (!old) throw notFound(change.id);
      if (change.locked !== false) {
        throw new HttpError(
          409,
          'staff_locked',
          `${old.record.name} is locked; unlock them before changing their name or role.`,
        );
      }
      next.push(rename(old.record));
      return next;
    }
  }
}

const viewOf = (r: StaffRecord): StaffMemberView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  locked: false,
});

/** What the audit row says a change was. */
function auditKind(change: Change, wasListed: boolean): string {
  if (change.op === 'add') return 'staff_added';
  if (change.op === 'reset_pin') return 'staff_pin_reset';
  if (change.locked === true && wasListed) return 'staff_locked';
  if (change.locked === false && !wasListed) return 'staff_unlocked';
  return 'staff_changed';
}

/**
 * Publishes `change` as the next staff-list version (the existing publish path: the venue row
 * lock, the version check, the live streams woken) and writes its audit row. A publication by
 * someone else in between takes the version: retried once on the list it left.
 */
export async function publishStaffChange(
  db: Db,
  feed: FeedNotifier,
  venueId: string,
  managerId: string,
  change: Change,
  newPin: string | null,
): Promise<{ version: number; member: StaffMemberView | null }> {
  // Hashed before the publish transaction: scrypt must not hold the venue lock.
  const pin = newPin === null ? null : await hashStaffPin(checkPin(newPin));
  for (let attempt = 0; ; attempt++) {
    const version = ((await newestStaffVersion(db, venueId)) ?? -1) + 1;
    const history = await everyMember(db, venueId);
    const seen: { wasListed: boolean; after: StaffRecord | null } = {
      wasListed: false,
      after: null,
    };
    try {
      await publishVersion(db, feed, STAFF_LISTS, venueId, version, managerId, (_, newest) => {
        const before = newest?.staff ?? [];
        const key = change.id.toLowerCase();
        seen.wasListed = before.some((s) => s.id.toLowerCase() === key);
        const staff = applyChange(before, history, change, pin);
        seen.after = staff.find((s) => s.id.toLowerCase() === key) ?? null;
        return staffListSchema.parse({ version, staff });
      });
    } catch (error) {
      if (attempt === 0 && error instanceof HttpError && error.code === 'staff_version_taken') {
        continue;
      }
      throw error;
    }
    const member = seen.after === null ? null : viewOf(seen.after);
    const locked = history.get(change.id.toLowerCase())?.record;
    await recordAudit(
      db,
      venueId,
      `manager:${managerId}`,
      auditKind(change, seen.wasListed),
      null,
      {
        staffId: change.id,
        name: member?.name ?? locked?.name ?? null,
        ...(change.op !== 'reset_pin' && change.role !== undefined ? { role: change.role } : {}),
        version,
      },
    );
    return {
      version,
      member: member ?? (locked ? { ...viewOf(locked), locked: true } : null),
    };
  }
}
