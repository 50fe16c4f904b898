import type { PinHash } from './records';

/**
 * Staff PINs: PBKDF2-SHA256 through WebCrypto with a random 16-byte salt. A 4–8 digit PIN
 * has little entropy, so the iteration count is what makes a stolen database expensive to
 * brute-force; 150,000 costs tens of milliseconds per sign-in on a till, which nobody notices.
 */
export const PIN_ITERATIONS = 150_000;
const MIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

const utf8 = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function derive(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8.encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** A PIN is 4 to 8 digits: what a cashier can type fast on the numeric pad. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

export async function hashPin(
  pin: string,
  options: { iterations?: number; randomBytes?: (n: number) => Uint8Array<ArrayBuffer> } = {},
): Promise<PinHash> {
  const iterations = Math.max(MIN_ITERATIONS, options.iterations ?? PIN_ITERATIONS);
  const salt = options.randomBytes
    ? options.randomBytes(SALT_BYTES)
    : crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Compares every byte whatever the first difference, so timing does not leak how close a guess was. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (stored.algorithm !== 'PBKDF2-SHA256') return false;
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  return constantTimeEqual(actual, fromBase64(stored.hash));
}
