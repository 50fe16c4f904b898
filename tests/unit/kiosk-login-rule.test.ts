/**
 * Main's rule for which journalled logins stand (src-main/kiosk/kiosk-mode.ts): the kiosk
 * identity has no PIN, so it signs in only while the till is a kiosk (or just after the back
 * office switched kiosk mode off); a person signs in freely outside kiosk mode, and inside it
 * only within two minutes of main checking their PIN.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_GRACE_MS, openKioskMode } from '../../src-main/kiosk/kiosk-mode';
import { createEventHub } from '../../src-main/services/event-hub';
import { silentLogger } from '../../src-main/services/logger';

const KIOSK = { staffId: 'kiosk', role: 'kiosk' };
const OLENA = { staffId: 'olena', role: 'cashier' };

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function keeper(launchKiosk: boolean) {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-login-'));
  const clock = { ms: 1_000 };
  const mode = await openKioskMode({
    dataDir: dir,
    launchKiosk,
    terminalId: () => 'T-TEST',
    staff: { checkPin: () => Promise.reject(new Error('not used')) },
    events: createEventHub(silentLogger),
    logger: silentLogger,
    monotonic: () => clock.ms,
  });
  return { mode, clock };
}

describe('which logins main lets stand', () => {
  it('a cashier till refuses the kiosk identity (no PIN), and takes a person', async () => {
    const { mode } = await keeper(false);
    expect(mode.mode().kiosk).toBe(false);
    expect(mode.acceptsLogin(KIOSK)).toBe(false);
    expect(mode.acceptsLogin(OLENA)).toBe(true);
  });

  it('a kiosk takes its own identity, and a person only just after main checked the PIN', async () => {
    const { mode, clock } = await keeper(true);
    expect(mode.acceptsLogin(KIOSK)).toBe(true);
    expect(mode.acceptsLogin(OLENA)).toBe(false);
    mode.notePinChecked(OLENA.staffId);
    expect(mode.acceptsLogin(OLENA)).toBe(true);
    clock.ms += LOGIN_GRACE_MS + 1;
    expect(mode.acceptsLogin(OLENA)).toBe(false);
  });

  it('switched off by the back office: the kiosk login written just before stands for two minutes', async () => {
    const { mode, clock } = await keeper(false);
    await mode.serverSays(true);
    expect(mode.mode()).toEqual({ kiosk: true, reason: 'back_office' });
    await mode.serverSays(false);
    expect(mode.mode().kiosk).toBe(false);
    clock.ms += LOGIN_GRACE_MS - 1;
    expect(mode.acceptsLogin(KIOSK)).toBe(true);
    clock.ms += 2;
    expect(mode.acceptsLogin(KIOSK)).toBe(false);
  });
});
