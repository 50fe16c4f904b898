import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { KioskMode } from '../../shared/ipc/kiosk';
import type { StaffSummary } from '../../shared/ipc/staff';
import { err, ok, type Result } from '../../shared/util/result';
import { appendLineDurable, writeFileDurable } from '../devices/durable-file';
import type { EventHub } from '../services/event-hub';
import type { HandlersFor } from '../services/handlers';
import type { Logger } from '../services/logger';
import type { PinCheckErrorCode, StaffDirectory } from '../staff/staff-directory';

/** The mode and the back office's switch as last heard, so a restart keeps both. */
export const KIOSK_MODE_FILE = 'kiosk-mode.json';
/** Every change of mode, appended and fsynced before the page is told (main's own record). */
export const KIOSK_MODE_LOG = 'kiosk-mode-changes.jsonl';

const stateSchema = z.object({
  kiosk: z.boolean(),
  reason: z.enum(['launch', 'back_office', 'manager_exit']),
  /** The back office's switch as the server last said it; null: never heard. */
  server: z.boolean().nullable(),
});
type State = z.infer<typeof stateSchema>;

export interface KioskModeChange {
  readonly at: string;
  /** The terminal identity the change is recorded under. */
  readonly terminalId: string;
  readonly from: boolean;
  readonly to: boolean;
  readonly reason: KioskMode['reason'];
  /** The manager who left kiosk mode (manager_exit). */
  readonly by?: { readonly staffId: string; readonly role: string };
  /** The transport's caller label of a manager's exit. */
  readonly caller?: string;
}

export interface KioskModeKeeper {
  readonly handlers: HandlersFor<'kiosk.'>;
  mode(): KioskMode;
  /** The back office's switch as a pull or the live channel brought it. */
  serverSays(kiosk: boolean): Promise<void>;
  /** Main checked this person's PIN for a sign-in just now (staff.signIn answered yes). */
  notePinChecked(staffId: string): void;
  /**
   * Whether a journalled login may stand. While a kiosk: the kiosk's own, or a person whose PIN
   * main checked within the last two minutes (a sign-in that passed just before the switch
   * came in). Not a kiosk: any person's (their PIN proof is checked apart), and the kiosk's own
   * only within two minutes of kiosk mode ending — the kiosk identity has no PIN, so outside
   * kiosk mode a page could otherwise sign in as it for nothing; the grace covers a login the
   * kiosk screen wrote just before the back office switched it off (refusing that would
   * read as a forged chain).
   */
  acceptsLogin(staff: { readonly staffId: string; readonly role: string }): boolean;
}

/** How long a PIN main checked lets that person's login through while a kiosk. */
export const LOGIN_GRACE_MS = 2 * 60_000;

/**
 * Main owns the till's mode (issue 15 items 1–2). It starts as the launch flag says, or as
 * the back office last switched it; it follows the back office's switch when that CHANGES
 * (so a manager who left kiosk mode for maintenance is not pulled back in by the next pull,
 * only by the next switch or the next start), and is left only by a manager whose PIN main
 * checked itself. Every change is recorded under the terminal identity before it takes effect.
 */
export async function openKioskMode(opts: {
  readonly dataDir: string;
  readonly launchKiosk: boolean;
  readonly terminalId: () => string;
  readonly staff: Pick<StaffDirectory, 'checkPin'>;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Main's monotonic clock (the login grace); performance.now by default. */
  readonly monotonic?: () => number;
}): Promise<KioskModeKeeper> {
  const now = opts.now ?? (() => new Date());
  const monotonic = opts.monotonic ?? (() => performance.now());
  const checkedAt = new Map<string, number>();
  /** Main's monotonic reading when kiosk mode last ended; undefined: not since this start. */
  let kioskEndedAt: number | undefined;
  const statePath = join(opts.dataDir, KIOSK_MODE_FILE);
  const saved = await readState(statePath, opts.logger);
  const server = saved?.server ?? null;
  let state: State = { kiosk: false, reason: 'launch', server };
  // Changes one at a time, each recorded and saved before the next is looked at.
  let queue: Promise<unknown> = Promise.resolve();

  async function change(
    to: boolean,
    reason: KioskMode['reason'],
    extra: Pick<KioskModeChange, 'by' | 'caller'> = {},
    nextServer = state.server,
  ): Promise<void> {
    const from = state.kiosk;
    const next: State = {
      kiosk: to,
      reason: from === to ? state.reason : reason,
      server: nextServer,
    };
    if (from !== to) {
      const record: KioskModeChange = {
        at: now().toISOString(),
        terminalId: opts.terminalId(),
        from,
        to,
        reason,
        ...extra,
      };
      await appendLineDurable(join(opts.dataDir, KIOSK_MODE_LOG), JSON.stringify(record));
    }
    await writeFileDurable(statePath, `${JSON.stringify(next, null, 2)}\n`);
    state = next;
    if (from && !to) kioskEndedAt = monotonic();
    if (from !== to) {
      opts.logger.info(`kiosk mode ${to ? 'on' : 'off'} (${reason})`);
      opts.events.emit('kiosk.mode', { kiosk: to, reason });
    }
  }

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  // At start: the launch flag, else the back office's switch as last heard.
  if (opts.launchKiosk) await change(true, 'launch');
  else if (server === true) await change(true, 'back_office');
  else await change(false, 'launch');

  const mode = (): KioskMode => ({ kiosk: state.kiosk, reason: state.reason });

  const notePinChecked = (staffId: string) => checkedAt.set(staffId, monotonic());

  return {
    mode,
    notePinChecked,
    acceptsLogin(staff) {
      const within = (at: number | undefined) =>
        at !== undefined && monotonic() - at <= LOGIN_GRACE_MS;
      if (staff.role === 'kiosk') return state.kiosk || within(kioskEndedAt);
      return !state.kiosk || within(checkedAt.get(staff.staffId));
    },
    serverSays: (kiosk) =>
      serial(async () => {
        const heard = state.server;
        if (heard === kiosk) return;
        // First word from a server that says "not a kiosk" leaves a launch-flag kiosk alone.
        if (heard === null && !kiosk) return change(state.kiosk, state.reason, {}, kiosk);
        return change(kiosk, 'back_office', {}, kiosk);
      }),
    handlers: {
      'kiosk.mode': () => Promise.resolve(ok(mode())),
      'kiosk.leave': ({ staffId, pin }, ctx) =>
        serial(async (): Promise<Result<StaffSummary, 'forbidden' | PinCheckErrorCode>> => {
          if (!state.kiosk) return err('forbidden', 'This till is not in kiosk mode.');
          const checked = await opts.staff.checkPin(staffId, pin);
          if (!checked.ok) {
            opts.logger.warn(`kiosk exit refused: ${checked.error.message}`, { staffId });
            return checked;
          }
          if (checked.value.role !== 'manager') {
            opts.logger.warn('kiosk exit refused: not a manager', { staffId });
            return err('forbidden', 'Only a manager can leave kiosk mode.');
          }
          notePinChecked(checked.value.id);
          await change(false, 'manager_exit', {
            by: { staffId: checked.value.id, role: checked.value.role },
            caller: ctx.caller,
          });
          return ok(checked.value);
        }),
    },
  };
}

async function readState(path: string, logger: Logger): Promise<State | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const parsed = stateSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    // A damaged file costs the remembered switch only: the next pull brings it back.
    logger.warn(`${KIOSK_MODE_FILE} is damaged; the back office's switch is read again`);
    return null;
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
