/**
 * A customer's contact as the server keeps and compares it (issue 14): one function each, used
 * where a contact is stored on an order and where what a customer types is checked against it,
 * so "050 123 45 67", "+380 50 123 45 67" and "(050) 123-45-67" are one phone.
 */

/** An e-mail address: trimmed, lower-cased (mail servers treat the local part so in practice). */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A phone number as its international digits (E.164 without the "+"). The venue's customers
 * type numbers the local way as often as the international one, so a number without a country
 * code is read by the national plans the venues sell in, whose shapes cannot be confused:
 * - Ukraine: `0XX XXX XX XX` (10 digits, trunk 0) → 380XXXXXXXXX; the old `8 0XX …` (11 digits) too;
 * - China, mobile: `1XX XXXX XXXX` (11 digits starting with 1) → 86 1XXXXXXXXXX.
 * `+` or `00` starts an international number as typed. Anything else is kept as its digits:
 * it still matches itself typed the same way.
 */
export function normalisePhone(typed: string): string {
  const trimmed = typed.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (/^0\d{9}$/.test(digits)) return `38${digits}`;
  if (/^80\d{9}$/.test(digits)) return `3${digits}`;
  if (/^1\d{10}$/.test(digits)) return `86${digits}`;
  return digits;
}

/** Fewer digits than any real subscriber number: not a phone a customer can be found by. */
export const MIN_PHONE_DIGITS = 7;
