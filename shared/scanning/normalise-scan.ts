import { err, ok } from '../util/result';
import type { Result } from '../util/result';

/**
 * Turns one raw scanner line into the scanned data, or says why it is not a scan.
 * The same rules apply to serial lines and keyboard-wedge bursts, so a code reads the same
 * whichever scanner produced it.
 */
export interface ScanFormat {
  /** Characters the scanner is programmed to send before every code (stripped when present). */
  readonly prefix?: string;
  /** Characters the scanner sends after every code, before the terminator (stripped). */
  readonly suffix?: string;
  /** Longest code accepted after stripping (tickets ≤ 160 characters, cash codes ≤ 482). */
  readonly maxLength?: number;
  /** Shortest code accepted after stripping. */
  readonly minLength?: number;
}

// Fits a cash-collection code naming 12 tickets (CASH_CODE_MAX_LENGTH, 482 characters).
export const DEFAULT_SCAN_MAX_LENGTH = 512;
export const DEFAULT_SCAN_MIN_LENGTH = 1;

export type ScanRejection = 'empty' | 'too_short' | 'too_long' | 'invalid_characters';

// Printable ASCII only: every code this app issues (tickets, receipts, vouchers, promo codes)
// uses it, and anything else on the wire is line noise or a mis-set scanner code page.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Control characters and spaces around a code are framing left by the scanner, never data.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const EDGE_NOISE = /^[\x00-\x20\x7f]+|[\x00-\x20\x7f]+$/g;

export function normaliseScan(raw: string, format: ScanFormat = {}): Result<string, ScanRejection> {
  let data = raw.replace(EDGE_NOISE, '');
  const { prefix, suffix } = format;
  if (prefix && data.startsWith(prefix)) data = data.slice(prefix.length);
  if (suffix && data.endsWith(suffix)) data = data.slice(0, data.length - suffix.length);
  data = data.replace(EDGE_NOISE, '');

  const maxLength = format.maxLength ?? DEFAULT_SCAN_MAX_LENGTH;
  const minLength = format.minLength ?? DEFAULT_SCAN_MIN_LENGTH;
  if (data.length === 0) return err('empty', 'The scan held no data.');
  if (data.length > maxLength)
    return err(
      'too_long',
      `The scan is ${data.length} characters; at most ${maxLength} are read.`,
      {
        length: data.length,
      },
    );
  if (data.length < minLength)
    return err(
      'too_short',
      `The scan is ${data.length} characters; at least ${minLength} are needed.`,
      {
        length: data.length,
      },
    );
  if (!PRINTABLE_ASCII.test(data)) {
    const bad = [...data].find((ch) => !PRINTABLE_ASCII.test(ch)) ?? '';
    return err(
      'invalid_characters',
      'The scan holds characters no box-office code uses; check the scanner’s keyboard or code-page setting.',
      { codePoint: bad.codePointAt(0) },
    );
  }
  return ok(data);
}
