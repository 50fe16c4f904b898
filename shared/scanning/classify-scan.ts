/**
 * Tells what kind of code a scan is, from its shape alone, so a flow can pick the right
 * lookup (sell: voucher or promo; refund: ticket or receipt; idle: ticket status).
 * Shape is not proof: a ticket still has to be verified, a receipt looked up.
 */
export type ScanKind = 'ticket' | 'receipt' | 'voucher' | 'promo' | 'cash_code' | 'unknown';

export interface ClassifiedScan {
  readonly kind: ScanKind;
  readonly data: string;
}

export interface ScanPattern {
  readonly kind: Exclude<ScanKind, 'unknown'>;
  readonly pattern: RegExp;
}

/**
 * Default shapes, tried in order (first match wins):
 * - cash_code: `CASH:` then base45, a refund the server approved to be paid out in cash
 *   (shared/cash-codes; 218–482 characters);
 * - receipt: `R-<terminal>-<number>`, e.g. `R-T-7F3K2Q9M-000123` (what the receipt's CODE128
 *   holds; a terminal id may contain hyphens);
 * - voucher: `CV-` then at least 6 code characters, e.g. `CV-7KQ2-M9XD`;
 * - ticket: 40–160 characters of the QR alphanumeric set (signed codes are base45/base32);
 * - promo: 3–24 letters/digits, e.g. `EARLY10` (people type these as well as scan them).
 * Deployments with other formats pass their own list.
 */
export const DEFAULT_SCAN_PATTERNS: readonly ScanPattern[] = [
  { kind: 'cash_code', pattern: /^CASH:[0-9A-Z $%*+\-./:]{200,477}$/ },
  { kind: 'receipt', pattern: /^R-[0-9A-Z][0-9A-Z-]{0,20}-[0-9]{1,12}$/ },
  { kind: 'voucher', pattern: /^CV-[0-9A-Z][0-9A-Z-]{5,39}$/ },
  { kind: 'ticket', pattern: /^[0-9A-Z $%*+\-./:]{40,160}$/ },
  { kind: 'promo', pattern: /^[0-9A-Za-z]{3,24}$/ },
];

export function classifyScan(
  data: string,
  patterns: readonly ScanPattern[] = DEFAULT_SCAN_PATTERNS,
): ClassifiedScan {
  for (const { kind, pattern } of patterns) {
    if (pattern.test(data)) return { kind, data };
  }
  return { kind: 'unknown', data };
}
