import { z } from 'zod';

/**
 * The reconciliation routes' contract (issue 12 item 5): what the server could not take as a
 * till pushed it, or took while raising a collision for a manager — a ticket refunded at two
 * windows, a seat sold twice, GA past its quota, a sale from a lease that had expired, a used
 * ticket refunded — with every journal entry involved, the money at stake and a sentence
 * saying what to do. Managers list them and mark them resolved (who, when, why).
 */

export const RECONCILIATION_KINDS = [
  'double_refund',
  'seat_sold_twice',
  'ga_oversold',
  'expired_lease_sale',
  'used_ticket_refunded',
  'unappliable',
  /** A Z's signed journal head that the terminal's key or the server's chain does not bear out. */
  'z_signature_mismatch',
] as const;
export type ReconciliationKind = (typeof RECONCILIATION_KINDS)[number];

/** A journal entry by its key: the terminal and its gapless seq. */
export const entryRefSchema = z.strictObject({
  terminalId: z.string(),
  seq: z.number().int().min(1),
});
export type EntryRef = z.infer<typeof entryRefSchema>;

export const reconciliationExceptionSchema = z.strictObject({
  terminalId: z.string(),
  seq: z.number().int(),
  kind: z.enum(RECONCILIATION_KINDS),
  /** The projection's refusal code (e.g. ticket_not_refundable), kept as before. */
  code: z.string(),
  message: z.string(),
  entries: z.array(entryRefSchema),
  /** Money at stake in minor units (null: none, e.g. a seat on a free night). */
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  suggestedAction: z.string().nullable(),
  performanceId: z.string().nullable(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** The manager's id (the staff member who resolved it). */
  resolvedBy: z.string().nullable(),
  /** …and her name, as a manager reads it ("Li Wei"); absent from an older server's answer. */
  resolvedByName: z.string().nullable().optional(),
  resolution: z.string().nullable(),
});
export type ReconciliationException = z.infer<typeof reconciliationExceptionSchema>;

export const reconciliationStatusSchema = z.enum(['open', 'resolved', 'all']);

export const reconciliationListSchema = z.strictObject({
  exceptions: z.array(reconciliationExceptionSchema),
});

export const resolveRequestSchema = z.strictObject({ note: z.string().trim().min(1).max(2000) });
export const resolveResponseSchema = z.strictObject({ exception: reconciliationExceptionSchema });
