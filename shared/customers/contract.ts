import { z } from 'zod';
import { venueIdSchema } from '../catalog/venue-id';
import { moneySchema } from '../money/money';
import { REFUND_CHANNELS } from '../orders/refund-channels';
import { CUSTOMER_LOCALES, REQUEST_STATES } from '../requests/contract';

/**
 * The customer records' HTTP contract (issue 14 item 7): search and read a record (back office
 * and till), marketing consent, export and erasure (back office, manager). A record is one per
 * e-mail or phone and is named by its customer key (`cu-` + 32 hex, an HMAC of the contact
 * under the venue's secret): the key goes in URLs and logs, the contact does not.
 */
export { venueIdSchema };

export const customerKeySchema = z.string().regex(/^cu-[0-9a-f]{32}$/, 'not a customer key');
export const CONSENT_SOURCES = ['window', 'request_form', 'back_office'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** e-mail, phone, name or order number; 2–100 characters. */
export const customerSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(2, 'type at least 2 characters').max(100),
});

export const customerHitSchema = z.strictObject({
  customerKey: customerKeySchema,
  kind: z.enum(['email', 'phone']),
  /** null once erased */
  contact: z.string().nullable(),
  name: z.string().nullable(),
  orders: z.number().int(),
  erased: z.boolean(),
});
export type CustomerHit = z.infer<typeof customerHitSchema>;
export const customerSearchAnswerSchema = z.strictObject({ customers: z.array(customerHitSchema) });
export type CustomerSearchAnswer = z.infer<typeof customerSearchAnswerSchema>;

export const consentChangeSchema = z.strictObject({
  given: z.boolean(),
  source: z.enum(CONSENT_SOURCES),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type ConsentChange = z.infer<typeof consentChangeSchema>;

export const customerOrderSchema = z.strictObject({
  orderId: z.string(),
  receiptNo: z.number().int(),
  terminalId: z.string(),
  soldAt: z.string(),
  total: moneySchema,
  refunded: moneySchema,
  status: z.string(),
});
export const customerRefundSchema = z.strictObject({
  orderId: z.string(),
  refundId: z.string(),
  at: z.string(),
  amount: moneySchema,
  method: z.string(),
  reasonCode: z.string(),
  /**
   * At a window (a till's refund entry; `refundId` its id) or paid online by the server (its
   * ledger; `refundId` the request's label "R-…", `method` card or voucher).
   */
  channel: z.enum(REFUND_CHANNELS),
});
export const customerRequestSchema = z.strictObject({
  requestId: z.string(),
  orderId: z.string(),
  state: z.enum(REQUEST_STATES),
  channel: z.enum(['web', 'phone']),
  reasonCode: z.string(),
  amount: moneySchema,
  createdAt: z.string(),
});
export const customerMessageSchema = z.strictObject({
  requestId: z.string(),
  author: z.enum(['customer', 'venue']),
  body: z.string(),
  at: z.string(),
});

export const customerRecordSchema = z.strictObject({
  customerKey: customerKeySchema,
  kind: z.enum(['email', 'phone']),
  contact: z.string().nullable(),
  /** The other e-mails and phones given on the same orders. */
  otherContacts: z.array(z.string()),
  /** What a till typed in the customer field when it was a name. */
  name: z.string().nullable(),
  locale: z.enum(CUSTOMER_LOCALES).nullable(),
  /** The newest consent change's answer; null: never asked. */
  marketingConsent: z.boolean().nullable(),
  consentChanges: z.array(consentChangeSchema),
  orders: z.array(customerOrderSchema),
  refunds: z.array(customerRefundSchema),
  requests: z.array(customerRequestSchema),
  messages: z.array(customerMessageSchema),
  erasedAt: z.string().nullable(),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

export const consentBodySchema = z.strictObject({ given: z.boolean() });

/** The till records consent given (or withdrawn) at the window for a contact the customer gave. */
export const windowConsentBodySchema = z.strictObject({
  contact: z.string().trim().min(3).max(200),
  given: z.boolean(),
});

/** Erasure needs the record's contact typed again: nobody erases the wrong person by a click. */
export const eraseBodySchema = z.strictObject({
  confirmContact: z.string().trim().min(3).max(200),
});
export const eraseAnswerSchema = z.strictObject({
  customerKey: customerKeySchema,
  erasedAt: z.string(),
  ordersRedacted: z.number().int(),
  journalEntriesRedacted: z.number().int(),
});
export type EraseAnswer = z.infer<typeof eraseAnswerSchema>;
