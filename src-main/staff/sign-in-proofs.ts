import { join } from 'node:path';
import { z } from 'zod';
import { roleSchema, type Role } from '../../shared/catalog/roles';
import { readTextIfExists, writeFileDurable } from '../devices/durable-file';
import type { Logger } from '../services/logger';
import { parseJsonSafely, type Quarantine } from '../services/quarantine';

/**
 * Main's proof that a person's login may stand (the trust boundary: identity is main's). The
 * page journals a login itself, after main checked the PIN (`staff.signIn`, or `kiosk.leave`
 * for a manager leaving kiosk mode); when the page reports that login entry, main's journal
 * anchor accepts it only against a proof main issued at that PIN check: for that staff member
 * and role, within PROOF_TTL_MS, once. A login a page script journals around main has none,
 * and the anchor refuses it (the till then stops as records damaged).
 *
 * Not an approval token: an approval is one person vouching for another's action (the binding
 * names journal approval actions and a supervisor or manager, and refuses oneself), while a
 * sign-in is the person themselves; and the login entry carries nothing the page could copy —
 * the proof never leaves main.
 *
 * Issued proofs are on disk before the PIN check answers: a main restarted between the PIN
 * check and the report (a crash, a power cut, an update) must not refuse the till's own
 * genuine login, which the page reports again at start-up however long the till was off. So a
 * proof read back at start stays good for RESTARTED_PROOF_MS of wall time from its PIN check
 * (still once, still for that person and role only).
 */
export const SIGN_IN_PROOFS_FILE = 'sign-in-proofs.json';

/** Between the PIN check and the login's report: milliseconds, or the minutes of a slow disk. */
export const PROOF_TTL_MS = 2 * 60_000;
/** A proof main read back at start: the till may have been off for hours before that. */
export const RESTARTED_PROOF_MS = 24 * 3600_000;

const fileSchema = z.array(
  z.strictObject({ staffId: z.string().min(1).max(64), role: roleSchema, at: z.string() }),
);

interface Proof {
  readonly staffId: string;
  readonly role: Role;
  /** Wall clock of the PIN check, for the file (main's monotonic clock restarts with it). */
  readonly at: string;
  /** Main's monotonic clock: the proof is good until then. */
  readonly until: number;
}

export interface SignInProofs {
  /** Main checked this person's PIN for a sign-in: their next login may stand. */
  issue(staff: { readonly staffId: string; readonly role: Role }): Promise<void>;
  /**
   * Whether a journalled login of this person stands: yes once per proof, while it is good.
   * Spends the proof.
   */
  take(staff: { readonly staffId: string; readonly role: string }): boolean;
}

export async function openSignInProofs(opts: {
  readonly dataDir: string;
  readonly logger: Logger;
  /** Where a damaged proofs file goes (start goes on, as for every file main reads). */
  readonly quarantine?: Quarantine;
  readonly monotonic?: () => number;
  readonly now?: () => Date;
}): Promise<SignInProofs> {
  const monotonic = opts.monotonic ?? (() => performance.now());
  const now = opts.now ?? (() => new Date());
  const path = join(opts.dataDir, SIGN_IN_PROOFS_FILE);
  /** One good proof per person: a newer PIN check replaces the older one. */
  const proofs = new Map<string, Proof>();

  const text = await readTextIfExists(path);
  if (text !== null) {
    const json = parseJsonSafely(text);
    const parsed = fileSchema.safeParse(json.ok ? json.value : undefined);
    if (!parsed.success) {
      // The safe side: a proof lost is a login refused, never one let in.
      opts.logger.warn(`${SIGN_IN_PROOFS_FILE} is damaged; sign-ins checked before are forgotten`);
      await opts.quarantine?.moveAside(path, json.ok ? 'not a list of sign-in proofs' : 'not JSON');
    } else {
      const wall = now().getTime();
      for (const p of parsed.data) {
        const age = wall - Date.parse(p.at);
        if (age >= 0 && age < RESTARTED_PROOF_MS) {
          proofs.set(p.staffId, { ...p, until: monotonic() + RESTARTED_PROOF_MS - age });
        }
      }
    }
  }

  const forgetExpired = () => {
    const t = monotonic();
    for (const [id, p] of proofs) if (p.until <= t) proofs.delete(id);
  };
  // Writes one at a time, each the whole (tiny) list as it is then.
  let writing: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    const data = JSON.stringify(
      [...proofs.values()].map(({ staffId, role, at }) => ({ staffId, role, at })),
    );
    writing = writing.catch(() => undefined).then(() => writeFileDurable(path, `${data}\n`));
    return writing;
  };

  return {
    async issue(staff) {
      forgetExpired();
      proofs.set(staff.staffId, {
        staffId: staff.staffId,
        role: staff.role,
        at: now().toISOString(),
        until: monotonic() + PROOF_TTL_MS,
      });
      await save();
    },
    take(staff) {
      forgetExpired();
      const proof = proofs.get(staff.staffId);
      if (proof === undefined || proof.role !== staff.role) return false;
      proofs.delete(staff.staffId);
      // Spent at once in memory; the file follows (a crash before it lands leaves that
      // person's proof to expire by itself).
      save().catch((e: unknown) =>
        opts.logger.warn(`${SIGN_IN_PROOFS_FILE} not rewritten after a login`, e),
      );
      return true;
    },
  };
}
