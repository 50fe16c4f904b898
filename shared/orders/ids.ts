import { z } from 'zod';
import { strictAssert } from '../util/assert';

/** Epoch milliseconds now. The only clock the domain sees; tests pass a fake. */
export type Clock = () => number;
/** Fills a fresh array with `length` cryptographically random bytes (crypto.getRandomValues). */
export type RandomBytes = (length: number) => Uint8Array;
/** Hands out a new id on each call. */
export type IdSource = () => string;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const uuidV7Schema = z.string().regex(UUID_V7, 'Expected a UUIDv7 (lower-case hex).');

export function isUuidV7(value: string): boolean {
  return UUID_V7.test(value);
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, a 12-bit `counter` (rand_a) and 62
 * random bits. Ids made on a terminal therefore sort by creation time across restarts.
 */
export function uuidv7(epochMs: number, counter: number, random: Uint8Array): string {
  strictAssert(
    Number.isSafeInteger(epochMs) && epochMs >= 0 && epochMs < 2 ** 48,
    'uuidv7: timestamp out of range',
  );
  strictAssert(
    Number.isInteger(counter) && counter >= 0 && counter < 4096,
    'uuidv7: counter out of range',
  );
  strictAssert(random.length >= 8, 'uuidv7: needs 8 random bytes');
  const b = new Uint8Array(16);
  let t = epochMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (random[0]! & 0x3f);
  for (let i = 1; i < 8; i++) b[8 + i] = random[i]!;
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i]!];
  }
  return s;
}

/** The creation time carried in a UUIDv7. */
export function uuidV7Time(id: string): number {
  strictAssert(isUuidV7(id), `not a UUIDv7: ${id}`);
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * A monotonic UUIDv7 source: within one millisecond, or if the clock steps back (NTP), the
 * 12-bit counter advances instead, so ids never sort before ones already handed out.
 */
export function createIdSource(clock: Clock, random: RandomBytes): IdSource {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.floor(clock());
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        ms += 1;
        counter = 0;
      }
    } else {
      // Start low in the counter space so a burst within one millisecond has room to grow.
      counter = random(1)[0]! & 0x7f;
    }
    lastMs = ms;
    return uuidv7(ms, counter, random(8));
  };
}
