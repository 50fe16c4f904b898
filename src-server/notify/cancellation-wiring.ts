import type { Catalog } from '../../shared/catalog/catalog';
import type { Queryable } from '../db/port';
import { enqueuePerformanceCancelled, ticketHolderContacts } from './cancellation-notices';
import type { CustomerLocale } from './notification';

/**
 * Issue 14 item 6, wired to the back office's cancel (catalog-admin.ts), in the cancel's own
 * transaction: every order holding a ticket for the performance and carrying a contact gets
 * one message (keyed per order: a cancel retried tells nobody twice) with a link to the refund
 * page opened on that order, where the cancellation rule gives the full refund. The date is
 * written in the venue's time zone and the customer's language. Without the server's public
 * address (PUBLIC_BASE_URL) there is no link to give: nothing is queued, and the count says so.
 */
export async function tellHoldersOfCancellation(
  tx: Queryable,
  catalog: Catalog,
  performanceId: string,
  publicBaseUrl: string | undefined,
): Promise<number | null> {
  if (publicBaseUrl === undefined || !/^https?:\/\//.test(publicBaseUrl)) return null;
  const performance = catalog.performances.find((p) => p.id === performanceId);
  if (performance === undefined) return 0;
  const holders = (await ticketHolderContacts(tx, catalog.venue.id, performanceId)) ?? [];
  const name = catalog.events.find((e) => e.id === performance.eventId)?.name ?? performanceId;
  const base = publicBaseUrl.replace(/\/+$/, '');
  let told = 0;
  // One call per language: the date is the customer's to read.
  for (const locale of ['en', 'uk', 'zh-Hans'] as const satisfies readonly CustomerLocale[]) {
    const ofLocale = holders
      .filter((h) => h.locale === locale)
      // Phones are kept as digits (requests/contacts.ts); the SMS port takes E.164.
      .map((h) => (h.phone !== null && h.email === null ? { ...h, phone: `+${h.phone}` } : h));
    if (ofLocale.length === 0) continue;
    told += await enqueuePerformanceCancelled(
      tx,
      {
        venueId: catalog.venue.id,
        performanceId,
        performanceName: name,
        performanceDate: new Intl.DateTimeFormat(locale, {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: catalog.venue.timeZone,
        }).format(new Date(performance.startsAt)),
        venueName: catalog.venue.name,
      },
      ofLocale,
      (orderId) =>
        `${base}/refund-request/?venue=${encodeURIComponent(catalog.venue.id)}#order=${encodeURIComponent(orderId)}`,
    );
  }
  return told;
}
