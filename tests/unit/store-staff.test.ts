import { afterEach, describe, expect, it } from 'vitest';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { constantTimeEqual, hashPin, verifyPin } from '../../src-renderer/store/pin-hash';
import {
  LOCKOUT_MS,
  MAX_WRONG_PINS,
  checkPin,
  enrolStaff,
} from '../../src-renderer/store/staff-repository';
import { openTestDb } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

describe('PIN hashing', () => {
  it('uses PBKDF2-SHA256 with a random salt and at least 100,000 iterations', async () => {
    const a = await hashPin('1234');
    const b = await hashPin('1234');
    expect(a.algorithm).toBe('PBKDF2-SHA256');
    expect(a.iterations).toBeGreaterThanOrEqual(100_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1235', a)).toBe(false);
    // A caller cannot weaken it below the floor.
    expect((await hashPin('1234', { iterations: 10 })).iterations).toBe(100_000);
  });

  it('matches an independent PBKDF2 computation (node:crypto)', async () => {
    const { pbkdf2Sync } = await import('node:crypto');
    const salt = new Uint8Array(16).fill(7);
    const h = await hashPin('9081', { iterations: 100_000, randomBytes: () => salt });
    const expected = pbkdf2Sync('9081', Buffer.from(salt), 100_000, 32, 'sha256').toString(
      'base64',
    );
    expect(h.hash).toBe(expected);
  });

  it('compares in constant time over all bytes', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([]), new Uint8Array([0]))).toBe(false);
  });
});

describe('PIN check with lockout', () => {
  it('locks after 5 wrong PINs for 5 minutes, refusing even the right PIN, then lets in', async () => {
    const d = openTestDb();
    dbs.push(d);
    expect(
      (
        await enrolStaff(
          d,
          { id: 'olena', name: 'Olena', role: 'supervisor', pin: '2468' },
          { iterations: 100_000 },
        )
      ).ok,
    ).toBe(true);
    let now = new Date('2026-11-22T10:00:00.000Z');
    // The page's monotonic clock, moving with the wall clock here (the lockout checks both).
    const start = now.getTime();
    const mono = () => 1_000_000 + (now.getTime() - start);

    for (let i = 1; i < MAX_WRONG_PINS; i++) {
      const r = await checkPin(d, 'olena', '0000', now, mono());
      expect(!r.ok && r.error).toMatchObject({
        code: 'wrong_pin',
        details: { attemptsLeft: MAX_WRONG_PINS - i },
      });
    }
    const fifth = await checkPin(d, 'olena', '0000', now, mono());
    const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    expect(!fifth.ok && fifth.error).toMatchObject({
      code: 'locked',
      details: { lockedUntil: until },
    });

    now = new Date(now.getTime() + LOCKOUT_MS - 1_000);
    const early = await checkPin(d, 'olena', '2468', now, mono());
    expect(!early.ok && early.error.code).toBe('locked');

    now = new Date(now.getTime() + 1_000);
    const after = await checkPin(d, 'olena', '2468', now, mono());
    expect(after.ok && after.value).toEqual({ id: 'olena', name: 'Olena', role: 'supervisor' });
    expect(await d.staff.get('olena')).toMatchObject({ failedPins: 0, lockedUntil: null });
  });

  it('resets the count on a good PIN and starts afresh after a lockout expires', async () => {
    const d = openTestDb();
    dbs.push(d);
    await enrolStaff(
      d,
      { id: 'ivan', name: 'Ivan', role: 'cashier', pin: '13579' },
      { iterations: 100_000 },
    );
    const now = new Date('2026-11-22T10:00:00.000Z');
    for (let i = 0; i < 4; i++) await checkPin(d, 'ivan', '1111', now);
    expect((await checkPin(d, 'ivan', '13579', now)).ok).toBe(true);
    const r = await checkPin(d, 'ivan', '1111', now);
    expect(!r.ok && r.error.details).toEqual({ attemptsLeft: 4 });

    expect((await checkPin(d, 'nobody', '1111', now)).ok).toBe(false);
    const bad = await enrolStaff(d, { id: 'x', name: 'X', role: 'cashier', pin: '12a4' });
    expect(!bad.ok && bad.error.code).toBe('invalid_pin');
  });

  it('a clock set back or forward never shortens a lockout (wall time persisted, real time kept)', async () => {
    const d = openTestDb();
    dbs.push(d);
    await enrolStaff(
      d,
      { id: 'olena', name: 'Olena', role: 'supervisor', pin: '2468' },
      { iterations: 100_000 },
    );
    const wall = new Date('2026-11-22T10:00:00.000Z');
    const mono = 5_000_000;
    for (let i = 0; i < MAX_WRONG_PINS; i++) await checkPin(d, 'olena', '0000', wall, mono);
    const lockedUntil = (await d.staff.get('olena'))?.lockedUntil;
    expect(lockedUntil).toBe(new Date(wall.getTime() + LOCKOUT_MS).toISOString());

    // Clock set back an hour, a minute later in real time: the persisted lockout still holds.
    const back = new Date(wall.getTime() - 3_600_000 + 60_000);
    const r1 = await checkPin(d, 'olena', '2468', back, mono + 60_000);
    expect(!r1.ok && r1.error.code).toBe('locked');

    // Clock set forward an hour, two minutes in: the wall says it is over, real time does not.
    const ahead = new Date(wall.getTime() + 3_600_000);
    const r2 = await checkPin(d, 'olena', '2468', ahead, mono + 120_000);
    expect(!r2.ok && r2.error).toMatchObject({
      code: 'locked',
      details: { lockedUntil: new Date(ahead.getTime() + LOCKOUT_MS - 120_000).toISOString() },
    });

    // Once five real minutes have passed, the right PIN lets her in.
    const r3 = await checkPin(d, 'olena', '2468', ahead, mono + LOCKOUT_MS);
    expect(r3.ok).toBe(true);
  });
});
