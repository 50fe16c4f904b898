import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalBinding } from '../../shared/commands/approval';
import { DEMO_STAFF } from '../../shared/catalog/demo-staff';
import { money } from '../../shared/money/money';
import { silentLogger } from '../../src-main/services/logger';
import { createQuarantine } from '../../src-main/services/quarantine';
import {
  createApprovalTokens,
  isRedeemedApproval,
  TOKEN_TTL_MS,
} from '../../src-main/staff/approval-tokens';
import { hashPin } from '../../src-main/staff/pin-hash';
import { openRedemptionLedger, REDEMPTION_LEDGER } from '../../src-main/staff/redemption-ledger';
import {
  LOCKOUT_MS,
  lockoutFileName,
  MAX_WRONG_PINS,
  openStaffDirectory,
  staffFileName,
} from '../../src-main/staff/staff-directory';
import { TEST_SCRYPT } from '../support/main-staff';

// Main's staff list, PIN lockout and approval tokens (issue 8 item 5), on a fake monotonic
// clock: the wall clock is moved both ways to show that it changes nothing.

const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'box-main-staff-'));
  dirs.push(dir);
  return dir;
}

function monotonicClock(start = 1_000) {
  let now = start;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

async function open(dir: string, mono: () => number) {
  return openStaffDirectory({
    dataDir: dir,
    logger: silentLogger,
    quarantine: createQuarantine(dir, silentLogger),
    monotonic: mono,
    provision: DEMO_STAFF,
    hashParams: TEST_SCRYPT,
  });
}

async function lockOut(directory: Awaited<ReturnType<typeof open>>, staffId: string) {
  for (let i = 1; i < MAX_WRONG_PINS; i++) {
    expect(await directory.checkPin(staffId, '0000')).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', details: { attemptsLeft: MAX_WRONG_PINS - i } },
    });
  }
  expect(await directory.checkPin(staffId, '0000')).toMatchObject({
    ok: false,
    error: { code: 'locked' },
  });
}

describe('main’s staff file', () => {
  it('holds scrypt hashes with a salt per person, never a PIN', async () => {
    const dir = await dataDir();
    const directory = await open(dir, monotonicClock().read);
    const text = await readFile(join(dir, staffFileName), 'utf8');
    const file = JSON.parse(text) as { staff: { id: string; pin: { salt: string } }[] };
    expect(file.staff.map((s) => s.id)).toEqual(['olena', 'taras', 'li-wei']);
    expect(new Set(file.staff.map((s) => s.pin.salt)).size).toBe(3);
    for (const s of DEMO_STAFF) expect(text).not.toContain(`"${s.pin}"`);
    expect(directory.list()).toEqual(DEMO_STAFF.map(({ id, name, role }) => ({ id, name, role })));
    expect(await directory.checkPin('taras', '2222')).toMatchObject({
      ok: true,
      value: { id: 'taras' },
    });
    expect(await directory.checkPin('nobody', '2222')).toMatchObject({
      ok: false,
      error: { code: 'unknown_staff' },
    });
    await directory.close();
  });

  it('a damaged staff file is quarantined and start goes on; a venue till then has nobody', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, staffFileName), '{"version":1,"staff":[{"id":"x"');
    const quarantine = createQuarantine(dir, silentLogger);
    const directory = await openStaffDirectory({
      dataDir: dir,
      logger: silentLogger,
      quarantine,
      hashParams: TEST_SCRYPT,
    });
    expect(directory.list()).toEqual([]);
    expect(quarantine.list()).toEqual([expect.objectContaining({ file: staffFileName })]);
    expect((await readdir(join(dir, 'quarantine'))).length).toBe(1);
    await directory.close();
  });
});

describe('PIN lockout on main’s monotonic clock', () => {
  it('locks after 5 wrong PINs for 5 minutes, refusing even the right PIN meanwhile', async () => {
    const clock = monotonicClock();
    const directory = await open(await dataDir(), clock.read);
    await lockOut(directory, 'olena');
    expect(await directory.checkPin('olena', '1111')).toMatchObject({
      ok: false,
      error: { code: 'locked', details: { retryInMs: LOCKOUT_MS } },
    });
    clock.advance(LOCKOUT_MS - 1);
    expect((await directory.checkPin('olena', '1111')).ok).toBe(false);
    clock.advance(1);
    expect(await directory.checkPin('olena', '1111')).toMatchObject({ ok: true });
    // Taras was never touched by Olena's lockout.
    expect((await directory.checkPin('taras', '2222')).ok).toBe(true);
    await directory.close();
  });

  it('a wall clock set forward or back neither ends nor extends it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const clock = monotonicClock();
    const directory = await open(await dataDir(), clock.read);
    await lockOut(directory, 'olena');
    // A day forward: still locked (only 1 monotonic minute has passed).
    clock.advance(60_000);
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    expect(await directory.checkPin('olena', '1111')).toMatchObject({
      ok: false,
      error: { code: 'locked', details: { retryInMs: LOCKOUT_MS - 60_000 } },
    });
    // A day back, once the 5 monotonic minutes are up: unlocked, not extended by the jump.
    clock.advance(LOCKOUT_MS - 60_000);
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    expect(await directory.checkPin('olena', '1111')).toMatchObject({ ok: true });
    await directory.close();
  });

  it('is persisted: a restart resumes the remaining time, and the count of wrong PINs', async () => {
    const dir = await dataDir();
    const first = monotonicClock(50_000);
    const before = await open(dir, first.read);
    await lockOut(before, 'olena');
    expect((await before.checkPin('taras', '0000')).ok).toBe(false); // one wrong for Taras
    first.advance(2 * 60_000);
    await before.close(); // writes 3 minutes still to run
    const saved = JSON.parse(await readFile(join(dir, lockoutFileName), 'utf8')) as Record<
      string,
      { remainingMs: number; failed: number }
    >;
    expect(saved.olena).toEqual({ failed: 0, remainingMs: 3 * 60_000 });
    expect(saved.taras).toEqual({ failed: 1, remainingMs: 0 });

    // A new process: its monotonic clock starts anywhere (here lower than before).
    const second = monotonicClock(7);
    const after = await open(dir, second.read);
    expect(await after.checkPin('olena', '1111')).toMatchObject({
      ok: false,
      error: { code: 'locked', details: { retryInMs: 3 * 60_000 } },
    });
    second.advance(3 * 60_000);
    expect((await after.checkPin('olena', '1111')).ok).toBe(true);
    // Taras's earlier wrong PIN still counts: four more lock him.
    for (let i = 0; i < MAX_WRONG_PINS - 2; i++) await after.checkPin('taras', '0000');
    expect(await after.checkPin('taras', '0000')).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    await after.close();
  });
});

describe('the server’s staff list taking over', () => {
  it('replaces the list (file first), keeps the lockouts of those still listed, and ignores a list not newer', async () => {
    const dir = await dataDir();
    const mono = monotonicClock();
    const directory = await open(dir, mono.read);
    expect(directory.listVersion()).toBeNull();
    await lockOut(directory, 'taras');
    await directory.checkPin('li-wei', '0000');
    const pin = (p: string) => hashPin(p, TEST_SCRYPT);
    const list = {
      version: 4,
      staff: [
        { id: 'taras', name: 'Taras', role: 'supervisor' as const, pin: await pin('2222') },
        { id: 'iryna', name: 'Iryna', role: 'cashier' as const, pin: await pin('7391') },
      ],
    };
    expect(await directory.replaceList(list)).toBe(true);
    expect(directory.listVersion()).toBe(4);
    expect(directory.list().map((s) => s.id)).toEqual(['taras', 'iryna']);
    expect(JSON.parse(await readFile(join(dir, staffFileName), 'utf8'))).toMatchObject({
      listVersion: 4,
      staff: [{ id: 'taras' }, { id: 'iryna' }],
    });
    // Taras is still locked out (the new list is no way round a lockout); Olena is gone.
    expect(await directory.checkPin('taras', '2222')).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await directory.checkPin('olena', '1111')).toMatchObject({
      ok: false,
      error: { code: 'unknown_staff' },
    });
    expect(await directory.checkPin('iryna', '7391')).toMatchObject({ ok: true });
    // The same version again, or an older one, changes nothing.
    expect(
      await directory.replaceList({ ...list, version: 4, staff: list.staff.slice(0, 1) }),
    ).toBe(false);
    expect(
      await directory.replaceList({ ...list, version: 3, staff: list.staff.slice(0, 1) }),
    ).toBe(false);
    expect(directory.list()).toHaveLength(2);
    await directory.close();
    // A restart reads the server's list and its version back.
    const again = await open(dir, mono.read);
    expect(again.listVersion()).toBe(4);
    expect(again.list().map((s) => s.id)).toEqual(['taras', 'iryna']);
    await again.close();
  });
});

describe('approval tokens', () => {
  const binding: ApprovalBinding = {
    action: 'refund',
    subjectId: 'O-1',
    amount: money(250_000, 'UAH'),
    requestedBy: 'olena',
    requiredRole: 'supervisor',
  };
  const taras = { staffId: 'taras', role: 'supervisor' as const, name: 'Taras' };

  it('are random, redeemed once for their binding, naming the approver main checked', async () => {
    const clock = monotonicClock();
    const tokens = createApprovalTokens({ monotonic: clock.read });
    const a = tokens.issue(binding, taras);
    const b = tokens.issue(binding, taras);
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(a.expiresInMs).toBe(TOKEN_TTL_MS);
    const redeemed = await tokens.redeem(a.token, binding);
    expect(redeemed).toMatchObject({
      ok: true,
      value: {
        staffId: 'taras',
        role: 'supervisor',
        binding,
        tokenId: expect.stringMatching(/^apr-/),
      },
    });
    // Single use.
    expect(await tokens.redeem(a.token, binding)).toMatchObject({
      ok: false,
      error: { code: 'approval_invalid' },
    });
    // An invented one.
    expect(await tokens.redeem('invented-token', binding)).toMatchObject({
      ok: false,
      error: { code: 'approval_invalid' },
    });
  });

  it('refuse another order, amount, action, requester or role, and spend the token doing so', async () => {
    const tokens = createApprovalTokens({ monotonic: monotonicClock().read });
    const others: ApprovalBinding[] = [
      { ...binding, subjectId: 'O-2' },
      { ...binding, amount: money(250_001, 'UAH') },
      { ...binding, action: 'void' },
      { ...binding, requestedBy: 'li-wei' },
      { ...binding, requiredRole: 'manager' },
      { ...binding, amount: null },
    ];
    for (const other of others) {
      const { token } = tokens.issue(binding, taras);
      expect(await tokens.redeem(token, other)).toMatchObject({
        ok: false,
        error: { code: 'approval_invalid' },
      });
      // Spent: the right binding cannot use it afterwards.
      expect((await tokens.redeem(token, binding)).ok).toBe(false);
    }
  });

  it('expire after 2 minutes on the monotonic clock, whatever the wall clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const clock = monotonicClock();
    const tokens = createApprovalTokens({ monotonic: clock.read });
    const early = tokens.issue(binding, taras);
    const late = tokens.issue(binding, taras);
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z')); // wall clock back years
    clock.advance(TOKEN_TTL_MS - 1);
    expect((await tokens.redeem(early.token, binding)).ok).toBe(true);
    clock.advance(1);
    expect(await tokens.redeem(late.token, binding)).toMatchObject({
      ok: false,
      error: { code: 'approval_invalid', message: expect.stringMatching(/expired/) },
    });
  });

  it('a redemption outlives main: a restart between the commit and its report still knows it', async () => {
    const dir = await dataDir();
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    const before = createApprovalTokens({
      monotonic: monotonicClock().read,
      store: await openRedemptionLedger(dir, logger),
    });
    const { token } = before.issue(binding, taras);
    const redeemed = await before.redeem(token, binding);
    if (!redeemed.ok) throw new Error(redeemed.error.message);
    // A torn last line (power cut mid-append) is skipped and logged; start goes on.
    await writeFile(join(dir, REDEMPTION_LEDGER), '{"tokenId":"apr-torn","bin', { flag: 'a' });
    const after = createApprovalTokens({
      monotonic: monotonicClock().read,
      store: await openRedemptionLedger(dir, logger),
    });
    expect(after.redemption(redeemed.value.tokenId)).toEqual({
      tokenId: redeemed.value.tokenId,
      binding,
      approver: { staffId: 'taras', role: 'supervisor' },
    });
    expect(after.redemption('apr-torn')).toBeUndefined();
    expect(warnings.some((w) => w.includes('1 damaged line(s) skipped'))).toBe(true);
    // The token itself stays spent: only the record of its use is kept.
    expect((await after.redeem(token, binding)).ok).toBe(false);
    // The next redemption after the torn line is whole on disk, and read back.
    const next = await after.redeem(after.issue(binding, taras).token, binding);
    if (!next.ok) throw new Error(next.error.message);
    const again = createApprovalTokens({ store: await openRedemptionLedger(dir, logger) });
    expect(again.redemption(next.value.tokenId)?.tokenId).toBe(next.value.tokenId);
  });

  it('a redemption is spent by one journal entry, and stays spent across a restart', async () => {
    const dir = await dataDir();
    const open = async () =>
      createApprovalTokens({
        monotonic: monotonicClock().read,
        store: await openRedemptionLedger(dir, silentLogger),
      });
    const before = await open();
    const redeemed = await before.redeem(before.issue(binding, taras).token, binding);
    if (!redeemed.ok) throw new Error(redeemed.error.message);
    const { tokenId } = redeemed.value;
    expect(await before.spend('apr-never-redeemed', 7)).toBe(false);
    expect(await before.spend(tokenId, 7)).toBe(true);
    // The same entry reported again (main restarted before its head moved) still stands...
    expect(await before.spend(tokenId, 7)).toBe(true);
    // ...a copy of it at another seq does not.
    expect(await before.spend(tokenId, 9)).toBe(false);
    const after = await open();
    expect(after.redemption(tokenId)?.spentSeq).toBe(7);
    expect(await after.spend(tokenId, 9)).toBe(false);
    expect(await after.spend(tokenId, 7)).toBe(true);
    // Another redemption is untouched by that one's spending.
    const other = await after.redeem(after.issue(binding, taras).token, binding);
    if (!other.ok) throw new Error(other.error.message);
    expect(await after.spend(other.value.tokenId, 9)).toBe(true);
  });

  it('isRedeemedApproval: a journalled approval entry is one main redeemed for that binding', async () => {
    const tokens = createApprovalTokens({ monotonic: monotonicClock().read });
    const { token } = tokens.issue(binding, taras);
    const redeemed = await tokens.redeem(token, binding);
    if (!redeemed.ok) throw new Error(redeemed.error.message);
    const entry = {
      approvalId: 'A-1',
      action: 'refund' as const,
      subjectId: 'O-1',
      requestedBy: { staffId: 'olena', role: 'cashier' as const },
      approvedBy: { staffId: 'taras', role: 'supervisor' as const },
      tokenId: redeemed.value.tokenId,
      amount: money(250_000, 'UAH'),
    };
    const redemption = tokens.redemption(redeemed.value.tokenId);
    expect(isRedeemedApproval(entry, redemption)).toBe(true);
    expect(isRedeemedApproval({ ...entry, subjectId: 'O-2' }, redemption)).toBe(false);
    expect(isRedeemedApproval({ ...entry, amount: money(1, 'UAH') }, redemption)).toBe(false);
    expect(
      isRedeemedApproval(
        { ...entry, approvedBy: { staffId: 'li-wei', role: 'manager' } },
        redemption,
      ),
    ).toBe(false);
    expect(
      isRedeemedApproval({ ...entry, tokenId: 'apr-invented' }, tokens.redemption('apr-invented')),
    ).toBe(false);
    const { tokenId: _, ...older } = entry;
    expect(isRedeemedApproval(older, redemption)).toBe(false);
  });
});
