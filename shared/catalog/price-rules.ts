import { z } from 'zod';
import { moneySchema } from '../money/money';
import { catalogIdSchema, instantSchema } from './schemas';

/** A price change: a percentage (negative = discount) or a fixed amount (negative = off). */
export const adjustmentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), bp: z.number().int().min(-10_000).max(100_000) }),
  z.object({ type: z.literal('fixed'), amount: moneySchema }),
]);

const ruleBase = {
  id: catalogIdSchema,
  label: z.string().min(1).max(120),
  adjustment: adjustmentSchema,
  /** Limits the rule to some tiers / performances; absent = all. */
  tierIds: z.array(catalogIdSchema).optional(),
  performanceIds: z.array(catalogIdSchema).optional(),
  /** Lower runs first; ties run in id order, so the result never depends on list order. */
  priority: z.number().int().default(0),
};

/**
 * Automatic by time: an absolute range (early bird until a date), a range relative to the
 * start (last 2 hours), or the performance's calendar day in the venue's time zone.
 */
export const timeWindowRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('time_window'),
  from: instantSchema.optional(),
  until: instantSchema.optional(),
  minHoursBefore: z.number().min(0).optional(),
  maxHoursBefore: z.number().min(0).optional(),
  dayOfShow: z.boolean().optional(),
});

/** Automatic by demand: once this share of capacity is sold, the adjustment applies. */
export const demandRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('demand'),
  minSoldBp: z.number().int().min(0).max(10_000),
});

/** Applies when the customer gives the code; each order that uses it counts once. */
export const promoRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('promo'),
  code: z
    .string()
    .regex(/^[A-Z0-9-]{3,32}$/, 'Promo codes are 3–32 upper-case letters, digits or "-".'),
  maxUses: z.number().int().min(1).optional(),
  from: instantSchema.optional(),
  until: instantSchema.optional(),
});

/** A reduced price for a group (student, senior); the cashier may have to check ID. */
export const concessionRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('concession'),
  checkId: z.boolean().default(false),
});

export const priceRuleSchema = z.discriminatedUnion('kind', [
  timeWindowRuleSchema,
  demandRuleSchema,
  promoRuleSchema,
  concessionRuleSchema,
]);

export type Adjustment = z.output<typeof adjustmentSchema>;
export type PriceRule = z.output<typeof priceRuleSchema>;
export type TimeWindowRule = z.output<typeof timeWindowRuleSchema>;
export type DemandRule = z.output<typeof demandRuleSchema>;
export type PromoRule = z.output<typeof promoRuleSchema>;
export type ConcessionRule = z.output<typeof concessionRuleSchema>;
