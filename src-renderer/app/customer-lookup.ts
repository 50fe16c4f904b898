import type { CustomerHit } from '../../shared/customers/contract';
import { maskContact } from '../../shared/customers/customer-text';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { MessageKey } from '../i18n';

/**
 * The till's customer look-up in words (issue 14 item 7), decided here and rendered by
 * ui/customer-lookup.tsx. Customer records live on the server: offline, or not enrolled, the
 * cashier reads why there is no answer rather than "no customer".
 */

/** Why a look-up did not answer. */
export function lookupFailureKey(code: IpcErrorCode): MessageKey {
  if (code === 'not_configured') return 'customers.notEnrolled';
  if (code === 'unavailable' || code === 'timeout') return 'customers.offline';
  return 'customers.failed';
}

/**
 * A hit as the window shows it: the contact masked — the screen faces the queue — since the
 * customer standing there said it and the cashier only needs to tell hits apart.
 */
export function hitLine(hit: CustomerHit): {
  readonly contact: string | null;
  readonly erased: boolean;
} {
  if (hit.erased || hit.contact === null) return { contact: null, erased: true };
  return { contact: maskContact(hit.kind, hit.contact), erased: false };
}

export function consentKeyAtWindow(consent: boolean | null): MessageKey {
  if (consent === null) return 'customers.consent.never';
  return consent ? 'customers.consent.yes' : 'customers.consent.no';
}

/** Ctrl+F (⌘F) opens the look-up from any screen. */
export const isLookupKey = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f';
