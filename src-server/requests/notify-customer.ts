import { describeMoney } from '../../shared/money/money';
import type { Queryable } from '../db/port';
import type { NotificationKind } from '../notify/notification';
import { paidFeedbackData } from '../feedback/invite';
import { contactOf } from './contacts';
import type { RequestDeps } from './deps';

const SUFFIX: Record<string, string> = {
  request_received: 'received',
  request_approved: 'approved',
  request_declined: 'declined',
  request_question: 'question',
  request_paid: 'paid',
};

/**
 * Tells the order's contact about a request's change, inside the caller's transaction (the
 * outbox sends it once that commits). E-mail when the order has one, else SMS. The dedupe key
 * names the request and the step, so the same step enqueued twice is sent once; a question
 * is keyed by its message number, so each question is sent.
 */
export async function notifyCustomer(
  deps: Pick<RequestDeps, 'enqueue'> & Partial<Pick<RequestDeps, 'now'>>,
  tx: Queryable,
  r: {
    readonly venueId: string;
    readonly requestId: string;
    readonly orderId: string;
    readonly amount: { amount: number; currency: string };
    readonly statusLink: string;
  },
  kind: NotificationKind,
  extra: Readonly<Record<string, string | number>> = {},
  step: string = SUFFIX[kind] ?? kind,
): Promise<void> {
  const contact = await contactOf(tx, r.venueId, r.orderId);
  if (contact === null) return;
  // Phones are kept as digits (contacts.ts); the SMS port takes E.164.
  const to = contact.email ?? (contact.phone === null ? null : `+${contact.phone}`);
  if (to === null) return;
  // A paid refund's message asks for feedback (issue 14 item 8) with a link of its own.
  const feedback =
    kind === 'request_paid' ? await paidFeedbackData(tx, r, (deps.now ?? Date.now)()) : {};
  await deps.enqueue(tx, {
    venueId: r.venueId,
    kind,
    channel: contact.email === null ? 'sms' : 'email',
    to,
    locale: contact.locale,
    dedupeKey: `request:${r.requestId}:${step}`,
    data: {
      // What the outbox's templates read (notify/notification-schema.ts): the number the
      // customer quotes, the status page when the server knows its public address.
      requestNumber: requestNumberOf(r.requestId),
      requestId: r.requestId,
      orderId: r.orderId,
      amount: describeMoney(r.amount as Parameters<typeof describeMoney>[0]),
      ...(/^https?:\/\//.test(r.statusLink) ? { statusUrl: r.statusLink } : {}),
      ...feedback,
      ...extra,
    },
  });
}

/** The request's number as the customer reads it: the first 8 of its id, as payouts name it. */
export const requestNumberOf = (requestId: string): string => requestId.slice(0, 8).toUpperCase();
