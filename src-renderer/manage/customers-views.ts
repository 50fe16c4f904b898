import type { ConsentChange } from '../../shared/customers/contract';
import type { MessageKey } from '../i18n';
import { venuePath } from './api';

/**
 * The pure parts of the back office's "Customers" page (issue 14 item 7): where a search goes,
 * how a consent change reads, the export's file name. The page renders; these decide.
 */

/** The search's path, or null while fewer than 2 characters are typed (the server's minimum). */
export function customerSearchPath(venueId: string, typed: string): string | null {
  const q = typed.trim();
  return q.length < 2 ? null : venuePath(venueId, `customers?q=${encodeURIComponent(q)}`);
}

const CONSENT_KEY: Record<ConsentChange['source'], [given: MessageKey, withdrawn: MessageKey]> = {
  window: ['manage.customers.consent.window.given', 'manage.customers.consent.window.withdrawn'],
  request_form: ['manage.customers.consent.form.given', 'manage.customers.consent.form.withdrawn'],
  back_office: [
    'manage.customers.consent.office.given',
    'manage.customers.consent.office.withdrawn',
  ],
};

/** A consent change in words: given or withdrawn, and where. */
export const consentChangeKey = (c: Pick<ConsentChange, 'given' | 'source'>): MessageKey =>
  CONSENT_KEY[c.source][c.given ? 0 : 1];

/** The consent as it stands: given, withdrawn, or never asked. */
export function consentNowKey(consent: boolean | null): MessageKey {
  if (consent === null) return 'manage.customers.consent.never';
  return consent ? 'manage.customers.consent.yes' : 'manage.customers.consent.no';
}

/** What the downloaded export is saved as. */
export const exportFileName = (customerKey: string): string => `customer-${customerKey}.json`;
