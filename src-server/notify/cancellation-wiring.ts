import type { Catalog } from '../../shared/catalog/catalog';
import type { Queryable } from '../db/port';
import { enqueuePerformanceCancelled, ticketHolderContacts } from './cancellation-notices';
import { REFUND_LINK_DAYS, signRefundLink, venueLinkKey } from '../requests/refund-link';
import type { CustomerLocale } from './notification';

/**
 * Issue 14 item 6, wired to the back office's cancel (catalog-admin.ts), in the cancel's own
 * transaction: every order holding a ticket for the performance and carrying a contact gets
 * one message (keyed per order: a cancel retried tells nobody twice) with a signed link that
 * refunds that order in one step on the refund page, under the cancellation rule. The date is
 * written in the venue's time zone and the customer's language. Without the server's public
 * address (PUBLIC_BASE_URL) there is no link to give: nothing is queued, and the count says so.
 */
export async function tellHoldersOfCancellation(
  tx: Queryable,
  catalog: Catalog,
  performanceId: string,
  publicBaseUrl: string | undefined,
  nowMs: number,
): Promise<number | null> {
  if (publicBaseUrl === undefined || !/^https?:\/\//.test(publicBaseUrl)) return null;
  const performance = catalog.performances.find((p) => p.id === performanceId);
  if (performance === undefined) return 0;
  const holders = (await ticketHolderContacts(tx, catalog.venue.id, performanceId)) ?? [];
  const name = catalog.events.find((e) => e.id === performance.eventId)?.name ?? performanceId;
  const base = publicBaseUrl.replace(/\/+$/, '');
  // Each link refunds its own order in one step: a token signed with the venue's key, for that
  // order and this performance, until REFUND_LINK_DAYS from now (requests/refund-link.ts).
  const key = holders.length === 0 ? null : await venueLinkKey(tx, catalog.venue.id);
  const expiresAtMs = nowMs + REFUND_LINK_DAYS * 86_400_000;
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
        `${base}/refund-request/?venue=${encodeURIComponent(catalog.venue.id)}#refund=${signRefundLink(
          key!,
          { venueId: catalog.venue.id, orderId, performanceId, expiresAtMs },
        )}`,
    );
  }
  return told;
}
