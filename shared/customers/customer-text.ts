import { MIN_PHONE_DIGITS, normaliseEmail, normalisePhone } from '../requests/contact';

/**
 * What a piece of customer text is (issue 14 item 7): the cashier's free "customer" field on a
 * sale holds a name, a phone or an e-mail, and a search box takes the same. A customer record
 * is one per e-mail or phone, so the text is read as one of those when it can be, by the same
 * normalisers the refund requests store and compare contacts with (shared/requests/contact.ts).
 */
export type CustomerText =
  | { readonly kind: 'email'; readonly contact: string }
  | { readonly kind: 'phone'; readonly contact: string }
  | { readonly kind: 'name'; readonly name: string };

/** Only digits, spaces and the separators people type in phone numbers. */
const PHONE_SHAPE = /^\+?[0-9 ()./-]+$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readCustomerText(text: string): CustomerText | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (EMAIL_SHAPE.test(trimmed)) return { kind: 'email', contact: normaliseEmail(trimmed) };
  if (PHONE_SHAPE.test(trimmed)) {
    const digits = normalisePhone(trimmed);
    if (digits.length >= MIN_PHONE_DIGITS) return { kind: 'phone', contact: digits };
  }
  return { kind: 'name', name: trimmed.replace(/\s+/g, ' ') };
}

/**
 * The ways a normalised phone may have been typed on a till, as bare digits (what is left of
 * the typed text once every non-digit is dropped): the search narrows sales by these in the
 * database, then keeps those whose text `readCustomerText` reads as the same phone.
 */
export function phoneDigitForms(phone: string): string[] {
  const forms = new Set([phone, `00${phone}`]);
  if (/^380\d{9}$/.test(phone)) {
    forms.add(phone.slice(2));
    forms.add(`8${phone.slice(2)}`);
  }
  if (/^861\d{10}$/.test(phone)) forms.add(phone.slice(2));
  return [...forms];
}

/**
 * A contact as a cashier or manager may show it without reading it out whole, e.g. on a till
 * screen a customer can see: "ok•••@example.org", "•••••••4567".
 */
export function maskContact(kind: 'email' | 'phone', contact: string): string {
  if (kind === 'phone') return '•'.repeat(Math.max(0, contact.length - 4)) + contact.slice(-4);
  const at = contact.indexOf('@');
  const local = contact.slice(0, at);
  return `${local.slice(0, 2)}•••${contact.slice(at)}`;
}

/**
 * Does what was typed to confirm an erasure name this record's contact? The server refuses an
 * erasure without it, and the back office holds its button back until it does (one rule).
 */
export function confirmsContact(
  record: { readonly kind: 'email' | 'phone'; readonly contact: string | null },
  typed: string,
): boolean {
  const read = readCustomerText(typed);
  return (
    record.contact !== null &&
    read !== null &&
    read.kind === record.kind &&
    read.contact === record.contact
  );
}
