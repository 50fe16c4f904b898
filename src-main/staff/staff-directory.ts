import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StaffSummary } from '../../shared/ipc/staff';
import { err, ok, type Result } from '../../shared/util/result';
import { writeJsonAtomic } from '../services/json-file';
import type { Logger } from '../services/logger';
import { parseJsonSafely, type Quarantine } from '../services/quarantine';
import { hashPin, isValidPin, verifyPin } from './pin-hash';
import {
  MAX_STAFF,
  staffRecordSchema,
  type StaffList,
  type StaffRecord,
} from '../../shared/staff/staff-list';

/**
 * Main's staff list and PIN checks (issue 8 item 5). The list is `staff.json` in main's data
 * folder (names, roles, scrypt hashes); the page never sees a hash. Wrong PINs count per member
 * of staff: MAX_WRONG_PINS in a row lock them for LOCKOUT_MS, during which even the right PIN
 * is refused (otherwise the lockout would only slow a guesser down).
 *
 * The lockout is measured on main's monotonic clock, never the wall clock, so setting the
 * clock forward or back neither ends nor extends it. It is persisted in `pin-lockouts.json`
 * as the time still to run (rewritten while a lockout runs and when main closes), so a
 * restart resumes the remaining time; time while the till is off does not count, since no
 * clock the till can trust measures it.
 */

export const staffFileName = 'staff.json';
export const lockoutFileName = 'pin-lockouts.json';
export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 5 * 60_000;
/** How often a running lockout's remaining time is written down. */
const LOCKOUT_SAVE_MS = 5_000;

export type { StaffRecord } from '../../shared/staff/staff-list';

export const staffFileSchema = z.strictObject({
  version: z.literal(1),
  staff: z.array(staffRecordSchema).max(MAX_STAFF),
  /** The server's list version this file holds; absent for a list provisioned on the till. */
  listVersion: z.number().int().min(0).optional(),
});

const lockoutFileSchema = z.record(
  z.string(),
  z.strictObject({
    failed: z.number().int().min(0).max(MAX_WRONG_PINS),
    remainingMs: z.number().min(0).max(LOCKOUT_MS),
  }),
);

export type PinCheckErrorCode = 'unknown_staff' | 'wrong_pin' | 'locked';

export interface StaffDirectory {
  list(): StaffSummary[];
  get(staffId: string): StaffSummary | undefined;
  /** Checks a PIN with the lockout; a right PIN clears the count of wrong ones. */
  checkPin(staffId: string, pin: string): Promise<Result<StaffSummary, PinCheckErrorCode>>;
  /** The server's version of the list held (null: provisioned on the till, or none yet). */
  listVersion(): number | null;
  /**
   * Takes the server's list: written to the staff file first (atomically), then used. Who is
   * no longer on it cannot sign in or approve from now on; the lockouts of those still on it
   * carry over. A list not newer than the one held is ignored (false).
   */
  replaceList(list: StaffList): Promise<boolean>;
  /** Writes the lockouts down and stops the timer. */
  close(): Promise<void>;
}

export interface StaffDirectoryOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly quarantine: Quarantine;
  /** Main's monotonic clock in ms (performance.now by default); tests drive it. */
  readonly monotonic?: () => number;
  /** Staff to write into a missing staff file (the demo staff on a demo till). */
  readonly provision?: readonly ProvisionedStaff[];
  /** Tests use a cheaper scrypt. */
  readonly hashParams?: Parameters<typeof hashPin>[1];
}

export interface ProvisionedStaff {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRecord['role'];
  readonly pin: string;
}

interface PinState {
  failed: number;
  /** On the monotonic clock; null when not locked. */
  lockedUntil: number | null;
}

function summary(s: StaffRecord): StaffSummary {
  return { id: s.id, name: s.name, role: s.role };
}

/** Hashes each PIN with its own salt and writes the staff file (provisioning and the demo). */
export async function writeStaffFile(
  dataDir: string,
  staff: readonly ProvisionedStaff[],
  hashParams?: Parameters<typeof hashPin>[1],
): Promise<void> {
  const records: StaffRecord[] = [];
  for (const s of staff) {
    if (!isValidPin(s.pin)) throw new Error(`The PIN of ${s.id} is not 4 to 8 digits.`);
    records.push({ id: s.id, name: s.name, role: s.role, pin: await hashPin(s.pin, hashParams) });
  }
  const file = staffFileSchema.parse({ version: 1, staff: records });
  await mkdir(dataDir, { recursive: true });
  await writeJsonAtomic(join(dataDir, staffFileName), file);
}

/**
 * Reads a JSON file main owns: absent → null; damaged or not the expected shape → moved to
 * quarantine (reported) and null, so start goes on.
 */
async function readOwnFile<T>(
  path: string,
  schema: z.ZodType<T>,
  quarantine: Quarantine,
  what: string,
): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cause;
  }
  const json = parseJsonSafely(text);
  const parsed = json.ok ? schema.safeParse(json.value) : null;
  if (parsed?.success) return parsed.data;
  await quarantine.moveAside(path, json.ok ? `not ${what}` : 'not JSON (torn or overwritten)');
  return null;
}

export async function openStaffDirectory(opts: StaffDirectoryOptions): Promise<StaffDirectory> {
  const monotonic = opts.monotonic ?? (() => performance.now());
  const staffPath = join(opts.dataDir, staffFileName);
  const lockoutPath = join(opts.dataDir, lockoutFileName);

  let file = await readOwnFile(staffPath, staffFileSchema, opts.quarantine, 'a staff list');
  if (file === null && opts.provision !== undefined) {
    await writeStaffFile(opts.dataDir, opts.provision, opts.hashParams);
    file = await readOwnFile(staffPath, staffFileSchema, opts.quarantine, 'a staff list');
    opts.logger.info(`staff list provisioned at ${staffPath} (${opts.provision.length} staff)`);
  }
  if (file === null) opts.logger.warn(`no staff list at ${staffPath}: nobody can sign in yet`);
  let staff = new Map((file?.staff ?? []).map((s) => [s.id, s]));
  let listVersion = file?.listVersion ?? null;

  const states = new Map<string, PinState>();
  const saved = await readOwnFile(lockoutPath, lockoutFileSchema, opts.quarantine, 'PIN lockouts');
  const startedAt = monotonic();
  for (const [id, s] of Object.entries(saved ?? {})) {
    if (!staff.has(id)) continue;
    states.set(id, {
      failed: s.failed,
      lockedUntil: s.remainingMs > 0 ? startedAt + s.remainingMs : null,
    });
  }

  const stateOf = (id: string): PinState => {
    let s = states.get(id);
    if (s === undefined) {
      s = { failed: 0, lockedUntil: null };
      states.set(id, s);
    }
    return s;
  };

  // Writes are queued so two quick PIN checks never interleave their renames.
  let writing: Promise<unknown> = Promise.resolve();
  const save = (): Promise<void> => {
    const now = monotonic();
    const out: z.infer<typeof lockoutFileSchema> = {};
    for (const [id, s] of states) {
      const remainingMs = s.lockedUntil === null ? 0 : Math.max(0, s.lockedUntil - now);
      if (s.failed > 0 || remainingMs > 0) out[id] = { failed: s.failed, remainingMs };
    }
    const next = writing.then(() => writeJsonAtomic(lockoutPath, out));
    writing = next.catch((cause: unknown) =>
      opts.logger.error('could not write the PIN lockouts', cause),
    );
    return next;
  };

  let timer: ReturnType<typeof setInterval> | null = null;
  const anyLocked = (): boolean => {
    const now = monotonic();
    return [...states.values()].some((s) => s.lockedUntil !== null && s.lockedUntil > now);
  };
  const keepSaving = (): void => {
    if (timer !== null) return;
    timer = setInterval(() => {
      const running = anyLocked();
      void save();
      if (!running && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    }, LOCKOUT_SAVE_MS);
    timer.unref?.();
  };
  if (anyLocked()) keepSaving();

  // One PIN check at a time: the count read before the (slow) hash is the count written after.
  let checking: Promise<unknown> = Promise.resolve();

  async function check(
    staffId: string,
    pin: string,
  ): Promise<Result<StaffSummary, PinCheckErrorCode>> {
    const record = staff.get(staffId);
    if (record === undefined)
      return err('unknown_staff', 'No staff member with that id on this till.');
    const state = stateOf(staffId);
    const now = monotonic();
    if (state.lockedUntil !== null && state.lockedUntil > now)
      return locked(state.lockedUntil - now);
    if (state.lockedUntil !== null) {
      state.lockedUntil = null;
      state.failed = 0;
    }
    const good = isValidPin(pin) && (await verifyPin(pin, record.pin));
    if (good) {
      const changed = state.failed > 0;
      state.failed = 0;
      if (changed) await save();
      return ok(summary(record));
    }
    state.failed += 1;
    if (state.failed >= MAX_WRONG_PINS) {
      state.failed = 0;
      state.lockedUntil = monotonic() + LOCKOUT_MS;
      await save();
      keepSaving();
      return locked(LOCKOUT_MS);
    }
    await save();
    return err('wrong_pin', 'Wrong PIN.', { attemptsLeft: MAX_WRONG_PINS - state.failed });
  }

  return {
    list: () => [...staff.values()].map(summary),
    get: (id) => {
      const s = staff.get(id);
      return s === undefined ? undefined : summary(s);
    },
    checkPin(staffId, pin) {
      const run = checking.then(() => check(staffId, pin));
      checking = run.catch(() => undefined);
      return run;
    },
    listVersion: () => listVersion,
    async replaceList(list) {
      if (listVersion !== null && list.version <= listVersion) return false;
      const next = staffFileSchema.parse({
        version: 1,
        staff: list.staff,
        listVersion: list.version,
      });
      // Behind the PIN checks in flight, so none reads one list and counts against another.
      const run = checking.then(async () => {
        await writeJsonAtomic(staffPath, next);
        staff = new Map(next.staff.map((s) => [s.id, s]));
        listVersion = list.version;
        for (const id of [...states.keys()]) if (!staff.has(id)) states.delete(id);
      });
      checking = run.catch(() => undefined);
      await run;
      opts.logger.info(
        `staff list version ${list.version} taken from the server (${list.staff.length} staff)`,
      );
      return true;
    },
    async close() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await save().catch(() => undefined);
    },
  };
}

/**
 * A lockout refusal. `lockedUntil` is only for the sentence on screen ("try again at 14:05"):
 * the lockout itself runs on the monotonic clock.
 */
function locked(remainingMs: number) {
  return err('locked' as const, 'Too many wrong PINs. Wait, or ask a manager.', {
    lockedUntil: new Date(Date.now() + remainingMs).toISOString(),
    retryInMs: Math.ceil(remainingMs),
  });
}

export type { PinHash } from '../../shared/staff/staff-list';
