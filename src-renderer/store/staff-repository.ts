import type { Role } from '../../shared/catalog/roles';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { BoxOfficeDb } from './db';
import type { StoreErrorCode } from './errors';
import { toStoreError } from './errors';
import { hashPin, isValidPin, verifyPin } from './pin-hash';
import type { StaffRecord } from './records';

export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export type PinCheckErrorCode = 'unknown_staff' | 'locked' | 'wrong_pin' | 'invalid_pin';

export interface PinCheckFailureDetails {
  /** Tries left before the lockout (wrong_pin). */
  readonly attemptsLeft?: number;
  /** When the lockout ends (locked). */
  readonly lockedUntil?: string;
}

export interface StaffSummary {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/**
 * Lockout deadlines on the page's monotonic clock (performance.now()), per database and staff
 * member. The persisted `lockedUntil` is wall time, so it survives a restart and a clock set
 * back only lengthens it; a clock set forward would shorten it, and this keeps the lockout in
 * force for its real duration for as long as the page lives. (A restart plus a clock set
 * forward still ends it early: PIN checks move to main, with its own monotonic clock, in
 * issue 8 item 5.)
 */
const monotonicLocks = new WeakMap<BoxOfficeDb, Map<string, number>>();

function monotonicLocksOf(db: BoxOfficeDb): Map<string, number> {
  let locks = monotonicLocks.get(db);
  if (locks === undefined) {
    locks = new Map();
    monotonicLocks.set(db, locks);
  }
  return locks;
}

function summary(s: StaffRecord): StaffSummary {
  return { id: s.id, name: s.name, role: s.role };
}

/** Adds or replaces a staff member with a freshly hashed PIN (from the server's staff list or a manager). */
export async function enrolStaff(
  db: BoxOfficeDb,
  staff: { id: string; name: string; role: Role; pin: string },
  hashOptions?: Parameters<typeof hashPin>[1],
): Promise<Result<StaffSummary, StoreErrorCode | 'invalid_pin'>> {
  if (!isValidPin(staff.pin)) return err('invalid_pin', 'A PIN is 4 to 8 digits.');
  const pin = await hashPin(staff.pin, hashOptions);
  const record: StaffRecord = {
    id: staff.id,
    name: staff.name,
    role: staff.role,
    pin,
    failedPins: 0,
    lockedUntil: null,
  };
  try {
    await db.staff.put(record);
  } catch (e) {
    return toStoreError(e);
  }
  return ok(summary(record));
}

/**
 * Checks a PIN with lockout: after MAX_WRONG_PINS wrong PINs in a row the staff member is
 * locked for LOCKOUT_MS (by the injected clock, and by `monotonicNow` while the page lives:
 * see monotonicLocks), and a right PIN during the lockout is refused too — otherwise the
 * lockout would only slow a guesser down, not stop one.
 *
 * The PIN is hashed before the read-write transaction (WebCrypto would let IndexedDB
 * auto-commit it); the counters are then updated against the record as read inside it.
 */
export async function checkPin(
  db: BoxOfficeDb,
  staffId: string,
  pin: string,
  now: Date,
  monotonicNow: number = performance.now(),
): Promise<Result<StaffSummary, PinCheckErrorCode | StoreErrorCode>> {
  const locks = monotonicLocksOf(db);
  let record: StaffRecord | undefined;
  try {
    record = await db.staff.get(staffId);
  } catch (e) {
    return toStoreError(e);
  }
  if (record === undefined)
    return err('unknown_staff', 'No staff member with that id on this till.');
  if (record.lockedUntil !== null && Date.parse(record.lockedUntil) > now.getTime()) {
    return err('locked', 'Too many wrong PINs. Wait, or ask a manager.', {
      lockedUntil: record.lockedUntil,
    });
  }
  const monotonicDeadline = locks.get(staffId);
  if (monotonicDeadline !== undefined && monotonicDeadline > monotonicNow) {
    // The wall clock says the lockout is over, but not that much time has really passed.
    const lockedUntil = new Date(now.getTime() + (monotonicDeadline - monotonicNow)).toISOString();
    return err('locked', 'Too many wrong PINs. Wait, or ask a manager.', { lockedUntil });
  }
  const good = isValidPin(pin) && (await verifyPin(pin, record.pin));

  let outcome: Result<StaffSummary, PinCheckErrorCode>;
  try {
    outcome = await db.transaction('rw', db.staff, async () => {
      const current = await db.staff.get(staffId);
      if (current === undefined)
        return err('unknown_staff', 'No staff member with that id on this till.');
      const expired =
        current.lockedUntil !== null && Date.parse(current.lockedUntil) <= now.getTime();
      const failed = expired ? 0 : current.failedPins;
      if (good) {
        await db.staff.put({ ...current, failedPins: 0, lockedUntil: null });
        return ok(summary(current));
      }
      const count = failed + 1;
      if (count >= MAX_WRONG_PINS) {
        const lockedUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
        await db.staff.put({ ...current, failedPins: 0, lockedUntil });
        return err('locked', 'Too many wrong PINs. Wait, or ask a manager.', { lockedUntil });
      }
      await db.staff.put({ ...current, failedPins: count, lockedUntil: null });
      return err('wrong_pin', 'Wrong PIN.', { attemptsLeft: MAX_WRONG_PINS - count });
    });
  } catch (e) {
    return toStoreError(e);
  }
  if (outcome.ok) locks.delete(staffId);
  else if (outcome.error.code === 'locked') locks.set(staffId, monotonicNow + LOCKOUT_MS);
  return outcome;
}
