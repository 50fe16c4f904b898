// First: Dexie picks up the global indexedDB when it loads (the till's store is real Dexie).
import 'fake-indexeddb/auto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, logout } from '../../shared/commands';
import type { CommandErrorCode } from '../../shared/commands';
import { createContractClient, type ContractClient } from '../../shared/ipc/client';
import type { KioskMode } from '../../shared/ipc/kiosk';
import { ok } from '../../shared/util/result';
import { leaveKioskMode, startKioskSession } from '../../src-renderer/app/kiosk-session';
import type { Till } from '../../src-renderer/app/till';
import { KIOSK_MODE_LOG, LOGIN_GRACE_MS } from '../../src-main/kiosk/kiosk-mode';
import { createServices, type Services } from '../../src-main/services/create-services';
import { silentLogger } from '../../src-main/services/logger';
import { openDemoPage } from '../support/main-services';
import { TEST_SCRYPT } from '../support/main-staff';

// Issue 15 item 2, attacked from the page: a script in a kiosk's page tries to leave kiosk
// mode without a manager's PIN. Main is the real service set (createServices as the bridge
// and Electron host it, launched as a kiosk: staff file, PIN checks with lockout, the journal
// anchor) reached through its real dispatch; the till is the real one on its IndexedDB store,
// reporting every commit to main. Only a manager's PIN, checked by main, lets anyone out.

let dir: string;
let services: Services;
let client: ContractClient;
let till: Till;
let monotonic = 1_000;
let n = 0;
const modeEvents: KioskMode[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'security-kiosk-'));
  monotonic = 1_000;
  modeEvents.length = 0;
  services = await createServices({
    dataDir: dir,
    app: {
      name: 'Box Office POS',
      version: '0.0.0-security',
      platform: 'linux',
      kiosk: true,
      demo: true,
      transport: 'bridge',
    },
    logger: silentLogger,
    monotonic: () => monotonic,
    pinHashParams: TEST_SCRYPT,
  });
  services.events.subscribe((event, payload) => {
    if (event === 'kiosk.mode') modeEvents.push(payload as KioskMode);
  });
  client = createContractClient({
    kind: 'bridge',
    invoke: (method, args) =>
      services.dispatch(method, args, { transport: 'bridge', caller: 'page' }),
    on: () => () => undefined,
  });
  till = await openDemoPage(client, `kiosk-exit-${++n}-${Date.now()}`);
  const started = await startKioskSession(till);
  if (!started.ok) throw new Error(started.error.message);
});

afterEach(async () => {
  till.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

const leave = (staffId: string, pin: string) => client.call('kiosk.leave', { staffId, pin });
const isKiosk = async () => {
  const info = await client.call('app.info', {});
  const mode = await client.call('kiosk.mode', {});
  return info.ok && mode.ok && info.value.kiosk && mode.value.kiosk;
};

/** What a page script would do: sign a person in by journalling the login itself. */
function journalLoginOf(staff: { staffId: string; role: 'manager' | 'cashier' }) {
  const session = till.state().session;
  return till.commit<CommandErrorCode>((terminal) => {
    const out = session === null ? null : logout(terminal, session, till.ports);
    if (out !== null && !out.ok) return out;
    const r = login({ ...terminal, session: null }, { staff }, till.ports);
    if (!r.ok) return r;
    return ok([...(out?.value.drafts ?? []), ...r.value.drafts]);
  });
}

describe('a page script cannot leave kiosk mode without main’s approval', () => {
  it('a wrong PIN, a cashier’s or a supervisor’s right PIN are refused; main stays a kiosk', async () => {
    expect(await leave('li-wei', '9999')).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    expect(await leave('olena', '1111')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await leave('taras', '2222')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await leave('nobody', '1234')).toMatchObject({
      ok: false,
      error: { code: 'unknown_staff' },
    });
    // Through the page's own exit path too: main's answer decides, nothing is journalled.
    const journal = await till.store.db.journal.count();
    const viaPage = await leaveKioskMode(till, (id, pin) => leave(id, pin), 'olena', '1111');
    expect(viaPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await till.store.db.journal.count()).toBe(journal);
    expect(await isKiosk()).toBe(true);
    expect(modeEvents).toEqual([]);
    expect(till.state().session).toMatchObject({ staffId: 'kiosk', role: 'kiosk' });
  });

  it('sign-in is refused while a kiosk, even with a manager’s right PIN', async () => {
    expect(await client.call('staff.signIn', { staffId: 'li-wei', pin: '3333' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await isKiosk()).toBe(true);
  });

  it('customer records are refused while a kiosk: a page script at the kiosk reads nobody', async () => {
    for (const [method, args] of [
      ['customers.search', { q: 'maria@example.org' }],
      ['customers.record', { customerKey: 'cu-0123456789abcdef0123456789abcdef' }],
      ['customers.consent', { contact: 'maria@example.org', given: true }],
    ] as const) {
      expect(await client.call(method, args as never)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('staffed window') },
      });
    }
  });

  it('a login the page journals itself is refused by main’s anchor: the till stops', async () => {
    expect(till.records().kind).not.toBe('damaged');
    await journalLoginOf({ staffId: 'li-wei', role: 'manager' });
    await expect.poll(() => till.records().kind).toBe('damaged');
    expect(await isKiosk()).toBe(true);
  });

  it('guessing is locked out: five wrong PINs and even the right one waits', async () => {
    for (let i = 0; i < 5; i++) await leave('li-wei', '0000');
    expect(await leave('li-wei', '3333')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await isKiosk()).toBe(true);
  });

  it('a manager’s PIN checked by main lets them out, recorded under the terminal; the login stands', async () => {
    const left = await leaveKioskMode(till, (id, pin) => leave(id, pin), 'li-wei', '3333');
    expect(left).toMatchObject({ ok: true, value: { id: 'li-wei', role: 'manager' } });
    expect(await isKiosk()).toBe(false);
    expect(modeEvents).toEqual([{ kiosk: false, reason: 'manager_exit' }]);
    expect(till.state().session).toMatchObject({ staffId: 'li-wei', role: 'manager' });
    await new Promise((r) => setTimeout(r, 50));
    expect(till.records().kind).not.toBe('damaged');
    const terminalId = services.config.get().terminalId;
    const log = (await readFile(join(dir, KIOSK_MODE_LOG), 'utf8')).trim().split('\n');
    expect(log.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ terminalId, from: false, to: true, reason: 'launch' }),
      expect.objectContaining({
        terminalId,
        from: true,
        to: false,
        reason: 'manager_exit',
        by: { staffId: 'li-wei', role: 'manager' },
        caller: 'page',
      }),
    ]);
    // Out of kiosk mode, the cashier screens sign people in as usual.
    expect(await client.call('staff.signIn', { staffId: 'olena', pin: '1111' })).toMatchObject({
      ok: true,
    });
  });

  it('a PIN main checked long ago does not let a later journalled login through', async () => {
    // Back in kiosk mode by the back office, after a manager left it earlier.
    expect(await leave('li-wei', '3333')).toMatchObject({ ok: true });
    await services.kiosk.serverSays(true);
    expect(await isKiosk()).toBe(true);
    monotonic += LOGIN_GRACE_MS + 1;
    await journalLoginOf({ staffId: 'li-wei', role: 'manager' });
    await expect.poll(() => till.records().kind).toBe('damaged');
  });
});
