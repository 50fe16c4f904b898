import { z } from 'zod';

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let total = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
    double = !double;
  }
  return digits.length > 0 && total % 10 === 0;
}

/**
 * True when the text contains something that could be a full card number: 13–19 digits
 * (spaces and dashes between them allowed) that pass the Luhn check. We never store a card
 * number — PCI DSS scope — so any field that might hold one is refused before it is kept.
 */
export function looksLikeCardNumber(text: string): boolean {
  const runs = text.match(/\d(?:[ -]?\d)*/g);
  if (!runs) return false;
  for (const run of runs) {
    const digits = run.replace(/[ -]/g, '');
    if (digits.length < 13) continue;
    if (digits.length <= 19) {
      if (isPan(digits)) return true;
      continue;
    }
    // A longer run may hide a card number glued to other digits: try every 13–19 digit window.
    for (let len = 13; len <= 19; len++) {
      for (let start = 0; start + len <= digits.length; start++) {
        if (isPan(digits.slice(start, start + len))) return true;
      }
    }
  }
  return false;
}

/** Card numbers never start with 0 (no issuer has that major industry identifier). */
function isPan(digits: string): boolean {
  return digits.charCodeAt(0) !== 48 && luhnValid(digits);
}

export const CARD_NUMBER_ISSUE = 'card_number';

/**
 * Free text a person types (reasons, notes, references): never a card number. The issue is
 * tagged so commands answer `card_number_rejected` rather than a generic invalid argument.
 */
export function freeTextSchema(maxLength: number, minLength = 0): z.ZodString {
  return z
    .string()
    .trim()
    .min(
      minLength,
      minLength > 1 ? `Write at least ${minLength} characters.` : 'This cannot be empty.',
    )
    .max(maxLength, `Keep it under ${maxLength} characters.`)
    .refine((s) => !looksLikeCardNumber(s), {
      message:
        'This looks like a full card number. Never type card numbers; enter only the last 4 digits and the approval code.',
      params: { issue: CARD_NUMBER_ISSUE },
    });
}
