import { z } from 'zod';
import { venueIdSchema } from '../catalog/venue-id';
import { REFUND_REASONS } from '../journal/entry-types';
import { moneySchema } from '../money/money';

/**
 * The customer refund requests' HTTP contract (issue 14 items 1, 2, 5): a till or the web shop
 * attaches a contact to an order; a customer (public pages) or staff for a phone caller
 * (back office) asks for a refund; the server decides with the till's `planRefund`; the
 * status page follows the request by an unguessable link. Both sides import these schemas.
 */

/** Re-exported for the requests' routes and pages, which import it from here. */
export { venueIdSchema };
export const CUSTOMER_LOCALES = ['en', 'uk', 'zh-Hans'] as const;
export const customerLocaleSchema = z.enum(CUSTOMER_LOCALES);

const email = z.string().trim().max(200).email('not an e-mail address');
/** Digits with an optional leading + and the usual separators, 7–15 digits in all. */
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()./-]{7,30}$/, 'not a phone number');

/** A till or the web shop: the customer's contact for an order (kept off the journal). */
export const orderContactRequestSchema = z
  .strictObject({
    orderId: z.string().min(1).max(64),
    email: email.optional(),
    phone: phone.optional(),
    locale: customerLocaleSchema,
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'an e-mail address or a phone number is needed',
  });
export type OrderContactRequest = z.infer<typeof orderContactRequestSchema>;

/**
 * What identifies the customer's order: its number, a ticket's or the receipt number as
 * printed ("K1-000012"), and the contact on it — or, for a buyer who gave none, the last 4
 * digits of the card that paid it.
 */
export const orderClaimSchema = z.strictObject({
  venueId: venueIdSchema,
  orderRef: z.string().trim().min(1).max(80),
  contact: z.string().trim().min(3).max(200),
});
export type OrderClaim = z.infer<typeof orderClaimSchema>;

export const REQUEST_METHODS = ['original_tender', 'voucher'] as const;
export const requestMethodSchema = z.enum(REQUEST_METHODS);

export const requestTicketSchema = z.strictObject({
  ticketId: z.string(),
  eventName: z.string(),
  performanceId: z.string(),
  startsAt: z.string(),
  tierId: z.string(),
  /** the tier's name, as on the ticket */
  tierName: z.string(),
  seatId: z.string().nullable(),
  /** the seat by its names (section, row, seat); null for standing */
  seat: z.strictObject({ section: z.string(), row: z.string(), seat: z.string() }).nullable(),
  /** 1-based place in the order: identical standing tickets are told apart by it */
  position: z.number().int().positive(),
  price: moneySchema,
  /** valid tickets can be asked for; the rest are shown with why not */
  status: z.enum(['valid', 'used', 'refunded', 'voided', 'exchanged', 'requested']),
});

export const orderLookupAnswerSchema = z.strictObject({
  orderId: z.string(),
  paidBy: z.enum(['card', 'cash', 'voucher', 'mixed']),
  /** found by the receipt and the card's last 4 digits: the refund goes back to that card only */
  onlyToCard: z.boolean(),
  tickets: z.array(requestTicketSchema),
});
export type OrderLookupAnswer = z.infer<typeof orderLookupAnswerSchema>;

export const decisionPreviewRequestSchema = orderClaimSchema.extend({
  ticketIds: z.array(z.string().min(1).max(64)).min(1).max(50),
  method: requestMethodSchema.default('original_tender'),
});

/**
 * The policy's decision before the customer confirms: approved at once, or a person looks at
 * it (and why), or refused by the policy (nothing to pay back). Codes for the page to
 * translate; `summary` is planRefund's English sentence.
 */
export const DECISION_OUTCOMES = ['approved', 'review', 'refused'] as const;
export const decisionSchema = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES),
  /** what the customer would receive (voucher: with its bonus) */
  amount: moneySchema,
  /** what the chosen tickets cost (price + booking fee): what the customer asks back */
  asked: moneySchema,
  fees: moneySchema,
  retained: moneySchema,
  method: z.enum(['original_tender', 'voucher', 'cash']),
  /** the order was paid in cash: the money is collected at the box office */
  collectAtBoxOffice: z.boolean(),
  codes: z.array(z.string()),
  summary: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const refundRequestSubmitSchema = decisionPreviewRequestSchema.extend({
  reasonCode: z.enum(REFUND_REASONS),
  reasonText: z.string().trim().max(2000).default(''),
  locale: customerLocaleSchema.default('en'),
  /** The form's "send me news" box (issue 14 item 7): recorded as consent for the contact typed. */
  marketingConsent: z.boolean().optional(),
});
export type RefundRequestSubmit = z.infer<typeof refundRequestSubmitSchema>;

export const REQUEST_STATES = ['received', 'under_review', 'approved', 'paid', 'declined'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const requestMessageSchema = z.strictObject({
  no: z.number().int(),
  author: z.enum(['customer', 'venue']),
  body: z.string(),
  at: z.string(),
});

/** What the status page shows (and the submit answers), by the link's token. */
export const requestStatusSchema = z.strictObject({
  requestId: z.string(),
  venueName: z.string(),
  state: z.enum(REQUEST_STATES),
  channel: z.enum(['web', 'phone']),
  createdAt: z.string(),
  answerDueAt: z.string(),
  /** the answer time was brought forward to the performance's start */
  answerDueBeforeShow: z.boolean(),
  amount: moneySchema,
  /** what the customer asked back (the tickets' price and fees): shown while under review */
  asked: moneySchema,
  method: z.enum(['original_tender', 'voucher', 'cash']),
  collectAtBoxOffice: z.boolean(),
  declineReason: z.string().nullable(),
  /** the payment provider refused or did not answer: the venue retries */
  payoutPending: z.boolean(),
  /** the credit voucher's code once issued (method voucher, state paid) */
  voucherCode: z.string().nullable(),
  /**
   * An approved cash purchase: the signed cash-collection code (`CASH:…`) the customer shows
   * at any box office window, where a till pays it out once (offline too); null otherwise,
   * and once it is paid.
   */
  cashCode: z.string().nullable(),
  cashCodeExpiresAt: z.string().nullable(),
  ticketCount: z.number().int(),
  messages: z.array(requestMessageSchema),
});
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const submitAnswerSchema = z.strictObject({
  /** `<venueId>.<requestId>.<secret>`: the status page link's key, shown once */
  statusToken: z.string(),
  status: requestStatusSchema,
});

export const statusTokenSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}\.[A-Za-z0-9-]{1,64}\.[A-Za-z0-9_-]{43}$/, 'not a status link');

/**
 * The one-step refund link of a cancelled performance's message (issue 14 item 6): a token
 * the server signed for one order and performance, exchanged for the order without a contact.
 */
export const refundLinkTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,800}\.[A-Za-z0-9_-]{43}$/, 'not a refund link');
export const refundLinkRequestSchema = z.strictObject({
  token: refundLinkTokenSchema,
  method: requestMethodSchema.default('original_tender'),
});
export const refundLinkSubmitSchema = refundLinkRequestSchema.extend({
  locale: customerLocaleSchema.default('en'),
});
export const refundLinkAnswerSchema = z.strictObject({
  venueId: z.string(),
  order: orderLookupAnswerSchema,
  /** the order's tickets of the cancelled performance that can still be refunded */
  ticketIds: z.array(z.string()),
  /** the cancellation rule's decision for them; null when none is left to refund */
  decision: decisionSchema.nullable(),
});
export type RefundLinkAnswer = z.infer<typeof refundLinkAnswerSchema>;

export const messageBodySchema = z.strictObject({ body: z.string().trim().min(1).max(4000) });

// ── back office ──

export const requestListItemSchema = z.strictObject({
  requestId: z.string(),
  orderId: z.string(),
  /** the order's receipt number as printed ("T1-000042"); null when the server lacks the sale */
  receiptNumber: z.string().nullable(),
  state: z.enum(REQUEST_STATES),
  channel: z.enum(['web', 'phone']),
  reasonCode: z.string(),
  reasonText: z.string(),
  amount: moneySchema,
  asked: moneySchema,
  method: z.enum(['original_tender', 'voucher', 'cash']),
  paidBy: z.string(),
  collectAtBoxOffice: z.boolean(),
  codes: z.array(z.string()),
  summary: z.string(),
  createdAt: z.string(),
  answerDueAt: z.string(),
  /** whole hours since it arrived, by the server's clock */
  ageHours: z.number().int(),
  overdue: z.boolean(),
  payoutError: z.string().nullable(),
  /** an approved cash request's unpaid code: until when the customer can collect with it */
  cashCodeExpiresAt: z.string().nullable(),
  /** that date has passed, by the server's clock: a manager may issue a new code */
  cashCodeExpired: z.boolean(),
  messages: z.array(requestMessageSchema),
});
export type RequestListItem = z.infer<typeof requestListItemSchema>;

export const requestListSchema = z.strictObject({
  requests: z.array(requestListItemSchema),
  answerBusinessDays: z.number().int(),
});

export const requestListQuerySchema = z.strictObject({
  state: z.enum(['open', 'all', ...REQUEST_STATES]).default('open'),
});

/**
 * The venue's target answer time for a request, in business days (Monday–Friday): new
 * requests are due that many days after they arrive (never after the performance).
 */
export const requestSettingsSchema = z.strictObject({
  answerBusinessDays: z.number().int().min(1).max(60),
});
export type RequestSettings = z.infer<typeof requestSettingsSchema>;

export const declineBodySchema = z.strictObject({ reason: z.string().trim().min(3).max(2000) });
export const approveBodySchema = z.strictObject({ note: z.string().trim().max(2000).default('') });

export const phoneRequestSchema = refundRequestSubmitSchema.omit({ venueId: true });
export type PhoneRequest = z.infer<typeof phoneRequestSchema>;

// ── reports (issue 14 item 9) ──

export const REQUEST_OUTCOMES = [
  'auto_approved',
  'manager_approved',
  'declined',
  'pending',
] as const;

export const requestFiguresQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
});

const count = z.number().int().nonnegative();

/** Requests that arrived between two UTC days: how, how decided, why, and how fast. */
export const requestFiguresSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  total: count,
  byChannel: z.array(z.strictObject({ channel: z.enum(['web', 'phone']), count })),
  byOutcome: z.array(z.strictObject({ outcome: z.enum(REQUEST_OUTCOMES), count })),
  byReason: z.array(z.strictObject({ reason: z.string(), count })),
  /** Hours from arrival to the decision, over the decided requests (null: none decided). */
  decisionHours: z.strictObject({
    decided: count,
    median: z.number().nullable(),
    p90: z.number().nullable(),
  }),
});
export type RequestFigures = z.infer<typeof requestFiguresSchema>;
