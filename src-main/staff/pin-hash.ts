import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff PINs in main: scrypt with a random 16-byte salt per member of staff. A 4–8 digit PIN
 * has little entropy, so the cost is what makes a stolen staff file expensive to brute-force
 * (N = 2^14, r = 8: 16 MiB and some 40 ms per check on a till); the lockout is what stops
 * guessing at the till itself.
 */
import { staffPinSchema, type PinHash } from '../../shared/staff/staff-list';
export { pinHashSchema, type PinHash } from '../../shared/staff/staff-list';

export const DEFAULT_SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  const { N = DEFAULT_SCRYPT.N, r = DEFAULT_SCRYPT.r, p = DEFAULT_SCRYPT.p } = params;
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A PIN is 4 to 8 digits: what a cashier can type fast on the numeric pad. */
export function isValidPin(pin: string): boolean {
  return staffPinSchema.safeParse(pin).success;
}

export async function hashPin(
  pin: string,
  params: { N: number; r: number; p: number } = DEFAULT_SCRYPT,
  salt: Buffer = randomBytes(SALT_BYTES),
): Promise<PinHash> {
  const key = await derive(pin, salt, params);
  return {
    algorithm: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

/** Constant-time comparison, so timing does not tell how close a guess was. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
