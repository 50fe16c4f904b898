import type { Role } from '../../shared/catalog/roles';
import {
  staffListSchema,
  type PinHash,
  type StaffList,
  type StaffListUpdate,
} from '../../shared/staff/staff-list';
import { hashStaffPin } from '../auth/secrets';
import type { Db, Queryable } from '../db/port';
import {
  newestAfter,
  newestVersionOf,
  publishVersion,
  seedFirstVersion,
  type VersionedKind,
} from '../db/versioned-documents';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';

/**
 * The venue's staff lists (migration 004). A manager publishes the whole list under a version
 * above the newest; PINs are hashed here on arrival and a member sent without one keeps the
 * hash of the newest list. Tills learn the newest version from every pull answer
 * (`staffVersion`), and main fetches the list; publishing wakes the live streams, so an online
 * till has a new cashier (or has lost a dismissed one) within a pull.
 */
export const STAFF_LISTS: VersionedKind<StaffList> = {
  table: 'staff_lists',
  schema: staffListSchema,
  takenCode: 'staff_version_taken',
  noun: 'staff list',
};

/**
 * Stores `update` as the venue's newest staff list. Refused: a version not above the newest
 * (409: a second manager publishing at once is told, never overwrites), a new member without
 * a PIN (422).
 */
export async function publishStaffList(
  db: Db,
  feed: FeedNotifier,
  venueId: string,
  update: StaffListUpdate,
  publishedBy: string,
): Promise<{ readonly version: number }> {
  // Hashed before the transaction: scrypt takes ~40 ms a PIN and must not hold the venue lock.
  const hashed = new Map<string, PinHash>();
  for (const s of update.staff) {
    if (s.pin !== undefined) hashed.set(s.id, await hashStaffPin(s.pin));
  }
  return publishVersion(
    db,
    feed,
    STAFF_LISTS,
    venueId,
    update.version,
    publishedBy,
    (_, newest) => {
      const kept = new Map((newest?.staff ?? []).map((s) => [s.id, s.pin]));
      const staff = update.staff.map((s, i) => {
        const pin = hashed.get(s.id) ?? kept.get(s.id);
        if (pin === undefined) {
          throw new HttpError(
            422,
            'pin_required',
            `${s.name} (${s.id}, entry ${i + 1}) is new to this venue: give them a PIN of 4 to 8 digits.`,
          );
        }
        return { id: s.id, name: s.name, role: s.role, pin };
      });
      return staffListSchema.parse({ version: update.version, staff });
    },
  );
}

/** The newest published staff list version, or null when the venue has none yet. */
export const newestStaffVersion = (db: Queryable, venueId: string): Promise<number | null> =>
  newestVersionOf(db, 'staff_lists', venueId);

/** The newest list if it is newer than `after`, else null. */
export const newestStaffListAfter = (
  db: Queryable,
  venueId: string,
  after: number,
): Promise<StaffList | null> => newestAfter(db, STAFF_LISTS, venueId, after);

/**
 * A venue's first staff list (version 0), written only while it has none: the demo venue's
 * at start-up, with the demo PINs the README gives. True when written.
 */
export async function seedFirstStaffList(
  db: Queryable,
  venueId: string,
  staff: readonly { id: string; name: string; role: Role; pin: string }[],
  publishedBy: string,
): Promise<boolean> {
  if ((await newestStaffVersion(db, venueId)) !== null) return false;
  const list: StaffList = {
    version: 0,
    staff: await Promise.all(
      staff.map(async (s) => ({
        id: s.id,
        name: s.name,
        role: s.role,
        pin: await hashStaffPin(s.pin),
      })),
    ),
  };
  return seedFirstVersion(db, STAFF_LISTS, venueId, list, publishedBy);
}
