import { hash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PinHash } from '../../shared/staff/staff-list';

/** Hex SHA-256: how enrolment codes and bearer-token secrets are kept (never the secret). */
export function sha256Hex(text: string): string {
  // One-shot (no Hash object per call): the push hashes every entry it checks with this; the
  // chain check of 100 sales took 1.71 ms of CPU with createHash().update().digest(), 1.61
  // with this (medians of 300, interleaved). Strings are hashed as UTF-8, as before.
  return hash('sha256', text, 'hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** 32 random bytes, base64url: the secret part of a terminal's bearer token. */
export function newTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Crockford base32 (no I, L, O, U): read off a screen and typed at the till without mix-ups. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time enrolment code: 16 characters (80 bits) in groups of four. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const b of bytes) code += CROCKFORD[b & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** The code as typed: upper case, no spaces or dashes, ambiguous letters read as digits. */
export function normaliseEnrolmentCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keyLength, { N, r, p }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** A manager's password as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password to compare against when the manager does not exist, so timing does not tell. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * A staff PIN as tills check it (shared/staff/staff-list.ts `PinHash`): scrypt, random salt,
 * parameters kept with the hash. Hashed here on arrival from the manager, so the PIN itself
 * is never stored; main's `verifyPin` checks what this writes (tests/server/staff.test.ts).
 */
export async function hashStaffPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return {
    algorithm: 'scrypt',
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

/**
 * Whether `pin` is the one a staff list's hash was made from (the PIN sign-in of the back
 * office): the same scrypt check as a password, its parameters read from the hash.
 */
export function verifyStaffPin(pin: string, stored: PinHash): Promise<boolean> {
  return verifyPassword(
    pin,
    ['scrypt', stored.N, stored.r, stored.p, stored.salt, stored.hash].join('$'),
  ).catch(() => false);
}
