// First: Dexie picks up the global indexedDB when it loads (the till's store is real Dexie).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../shared/ipc/client';
import { signIn, signOut } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import { switchSession } from '../../src-renderer/app/kiosk-session';
import type { Services } from '../../src-main/services/create-services';
import { PROOF_TTL_MS } from '../../src-main/staff/sign-in-proofs';
import { openDemoPage, startMain as startMainServices } from '../support/main-services';
import { TEST_SCRYPT } from '../support/main-staff';

// The trust boundary at sign-in, attacked from the page of a staffed till (not a kiosk): a
// script journals a person's login without main having checked that person's PIN. Main is the
// real service set (createServices as the bridge and Electron host it: staff file, PIN checks,
// the journal anchor) through its real dispatch; the till is the real one on its IndexedDB
// store, reporting every commit to main. A login stands only on the proof main issued at the
// PIN check: for that person, once, while fresh; anything else stops the till.

let dir: string;
let services: Services;
let client: ContractClient;
let till: Till;
let monotonic = 1_000;
let n = 0;

async function startMain(): Promise<void> {
  ({ services, client } = await startMainServices(dir, {
    monotonic: () => monotonic,
    pinHashParams: TEST_SCRYPT,
    caller: 'page',
  }));
}

async function openPage(): Promise<void> {
  till = await openDemoPage(client, `sign-in-proof-${++n}-${Date.now()}`);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'security-sign-in-'));
  monotonic = 1_000;
  await startMain();
  await openPage();
});

afterEach(async () => {
  till.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

/** What a page script would do: sign a person in by journalling the login itself. */
const journalLoginOf = (staff: { staffId: string; role: 'manager' | 'cashier' | 'supervisor' }) =>
  switchSession(till, staff);

/** Long enough for the commit's report to have reached main (it runs after the commit). */
const reported = () => new Promise((r) => setTimeout(r, 50));

describe('a page script cannot sign a person in around main (not a kiosk)', () => {
  it('a manager’s login the page journals with no PIN checked by main is refused: the till stops', async () => {
    expect(till.records().kind).not.toBe('damaged');
    expect((await journalLoginOf({ staffId: 'li-wei', role: 'manager' })).ok).toBe(true);
    await expect.poll(() => till.records().kind).toBe('damaged');
  });

  it('a sign-in whose PIN main checked stands, and so does the next one', async () => {
    expect(await signIn(till, 'olena', '1111')).toMatchObject({ ok: true });
    expect(await signIn(till, 'li-wei', '3333')).toMatchObject({ ok: true });
    await reported();
    expect(till.state().session).toMatchObject({ staffId: 'li-wei', role: 'manager' });
    expect(till.records().kind).not.toBe('damaged');
  });

  it('a PIN main checked for one person does not let the page sign in another', async () => {
    expect(await client.call('staff.signIn', { staffId: 'olena', pin: '1111' })).toMatchObject({
      ok: true,
    });
    await journalLoginOf({ staffId: 'li-wei', role: 'manager' });
    await expect.poll(() => till.records().kind).toBe('damaged');
  });

  it('nor the same person under a higher role', async () => {
    expect(await client.call('staff.signIn', { staffId: 'olena', pin: '1111' })).toMatchObject({
      ok: true,
    });
    await journalLoginOf({ staffId: 'olena', role: 'manager' });
    await expect.poll(() => till.records().kind).toBe('damaged');
  });

  it('main’s proof is spent by one login: journalling it again is refused', async () => {
    expect(await signIn(till, 'olena', '1111')).toMatchObject({ ok: true });
    const out = await signOut(till, { staffId: 'olena', role: 'cashier' });
    expect(out.ok).toBe(true);
    await reported();
    expect(till.records().kind).not.toBe('damaged');
    await journalLoginOf({ staffId: 'olena', role: 'cashier' });
    await expect.poll(() => till.records().kind).toBe('damaged');
  });

  it('a PIN main checked long ago does not let a later journalled login through', async () => {
    expect(await client.call('staff.signIn', { staffId: 'olena', pin: '1111' })).toMatchObject({
      ok: true,
    });
    monotonic += PROOF_TTL_MS + 1;
    await journalLoginOf({ staffId: 'olena', role: 'cashier' });
    await expect.poll(() => till.records().kind).toBe('damaged');
  });

  it('main restarted between the PIN check and the login’s report still lets the genuine login stand', async () => {
    expect(await client.call('staff.signIn', { staffId: 'olena', pin: '1111' })).toMatchObject({
      ok: true,
    });
    till.close();
    await services.close();
    monotonic = 5; // a restarted main's monotonic clock starts again
    await startMain();
    await openPage();
    // The till was off longer than a PIN check lasts: the page reports the login at start-up.
    monotonic += PROOF_TTL_MS + 1;
    await journalLoginOf({ staffId: 'olena', role: 'cashier' });
    await reported();
    expect(till.records().kind).not.toBe('damaged');
    expect(till.state().session).toMatchObject({ staffId: 'olena' });
  });
});
