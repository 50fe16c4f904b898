import { z } from 'zod';
import { roleSchema, ROLES } from '../catalog/roles';
import { currencySchema } from '../money/currency';
import { nonNegativeMoneySchema } from '../money/money';
import { basisPointsSchema, shareBpSchema } from '../money/percent';

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'Not a valid id.');

/**
 * While at least `minHoursBefore` hours remain until the performance starts, `refundBp` of the
 * ticket price is refundable. Windows are listed from the earliest (largest minHoursBefore) to
 * the latest; after the last one nothing is refundable without an override.
 */
export const refundWindowSchema = z.object({
  minHoursBefore: z.number().min(0, 'A window cannot end after the performance starts.'),
  refundBp: shareBpSchema,
});

export const percentFeeSchema = z.object({
  bp: shareBpSchema,
  min: nonNegativeMoneySchema.optional(),
  max: nonNegativeMoneySchema.optional(),
});

export const feesSchema = z.object({
  /** A share of what is being refunded, per ticket, clamped to [min, max]. */
  percent: percentFeeSchema.optional(),
  fixedPerTicket: nonNegativeMoneySchema.optional(),
  /** Charged once per refund, split over its tickets. */
  fixedPerOrder: nonNegativeMoneySchema.optional(),
  /** What happens to the booking fee paid at sale: returned with the ticket, or kept. */
  bookingFee: z.enum(['returned', 'kept']).default('kept'),
});

/** When the venue cancels or postpones: by default everything back, fees included. */
export const statusOverrideSchema = z.object({
  refundBp: shareBpSchema.default(10_000),
  waiveFees: z.boolean().default(true),
  returnBookingFee: z.boolean().default(true),
});

export const tierOverrideSchema = z.object({
  tierId: idSchema,
  nonRefundable: z.boolean().optional(),
  windows: z.array(refundWindowSchema).optional(),
  fees: feesSchema.optional(),
});

export const approvalThresholdSchema = z.object({
  role: roleSchema,
  /** The largest refund (total of one refund) this role may give on its own. */
  maxAmount: nonNegativeMoneySchema,
});

/** Who may give which refund on their own, and who may still refund after the last window. */
export const approvalsSchema = z.object({
  thresholds: z.array(approvalThresholdSchema).default([]),
  /** Refunding after the last window: who may allow it and up to what share; null = never. */
  afterDeadline: z
    .object({
      role: roleSchema.default('manager'),
      maxRefundBp: shareBpSchema.default(10_000),
    })
    .nullable()
    .default({ role: 'manager', maxRefundBp: 10_000 }),
});

export const refundMethodsSchema = z.object({
  originalTender: z.boolean().default(true),
  cash: z
    .object({
      allowed: z.boolean().default(true),
      onlyForCashPurchases: z.boolean().default(true),
      maxAmount: nonNegativeMoneySchema.optional(),
    })
    .default({ allowed: true, onlyForCashPurchases: true }),
  voucher: z
    .object({
      allowed: z.boolean().default(true),
      bonusBp: basisPointsSchema.max(10_000).default(0),
    })
    .default({ allowed: true, bonusBp: 0 }),
});

export const exchangeRulesSchema = z.object({
  allowed: z.boolean().default(true),
  /** Exchanges close this many hours before the original performance. */
  untilHoursBefore: z.number().min(0).default(0),
  sameEventOnly: z.boolean().default(true),
  feePerTicket: nonNegativeMoneySchema.optional(),
  /** A cheaper replacement: the difference is refunded per the methods above, or as a voucher. */
  downgrade: z.enum(['refund', 'voucher', 'not_allowed']).default('voucher'),
});

export const refundPolicySchema = z
  .object({
    id: idSchema,
    version: z.number().int().min(1),
    name: z.string().min(1).max(120),
    currency: currencySchema,
    windows: z.array(refundWindowSchema),
    fees: feesSchema.default({ bookingFee: 'kept' }),
    nonRefundableTierIds: z.array(idSchema).default([]),
    tierOverrides: z.array(tierOverrideSchema).default([]),
    cancelled: statusOverrideSchema.default({
      refundBp: 10_000,
      waiveFees: true,
      returnBookingFee: true,
    }),
    postponed: statusOverrideSchema.default({
      refundBp: 10_000,
      waiveFees: true,
      returnBookingFee: true,
    }),
    approvals: approvalsSchema.default({
      thresholds: [],
      afterDeadline: { role: 'manager', maxRefundBp: 10_000 },
    }),
    methods: refundMethodsSchema.default({
      originalTender: true,
      cash: { allowed: true, onlyForCashPurchases: true },
      voucher: { allowed: true, bonusBp: 0 },
    }),
    exchange: exchangeRulesSchema.default({
      allowed: true,
      untilHoursBefore: 0,
      sameEventOnly: true,
      downgrade: 'voucher',
    }),
  })
  .superRefine((policy, ctx) => {
    checkWindows(policy.windows, ['windows'], ctx);
    checkFees(policy.fees, policy.currency, ['fees'], ctx);
    for (const [i, o] of policy.tierOverrides.entries()) {
      if (o.windows) checkWindows(o.windows, ['tierOverrides', i, 'windows'], ctx);
      if (o.fees) checkFees(o.fees, policy.currency, ['tierOverrides', i, 'fees'], ctx);
    }
    const moneys: [unknown[], { currency: string } | undefined][] = [
      [['methods', 'cash', 'maxAmount'], policy.methods.cash.maxAmount],
      [['exchange', 'feePerTicket'], policy.exchange.feePerTicket],
      ...policy.approvals.thresholds.map((t, i): [unknown[], { currency: string }] => [
        ['approvals', 'thresholds', i],
        t.maxAmount,
      ]),
    ];
    for (const [path, m] of moneys) {
      if (m && m.currency !== policy.currency) {
        ctx.addIssue({
          code: 'custom',
          path: path as PropertyKey[],
          message: `Amounts in a ${policy.currency} policy must be in ${policy.currency}.`,
        });
      }
    }
    const seen = new Set<string>();
    for (const [i, t] of policy.approvals.thresholds.entries()) {
      if (seen.has(t.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvals', 'thresholds', i],
          message: `Role ${t.role} is listed twice.`,
        });
      }
      seen.add(t.role);
    }
    // A lower role may not be allowed more than a higher one: approvals would make no sense.
    const listed = ROLES.flatMap((r) => policy.approvals.thresholds.filter((t) => t.role === r));
    for (let i = 1; i < listed.length; i++) {
      if (listed[i]!.maxAmount.amount < listed[i - 1]!.maxAmount.amount) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvals', 'thresholds'],
          message: `${listed[i]!.role} may not have a lower refund limit than ${listed[i - 1]!.role}.`,
        });
      }
    }
  });

export type RefundPolicy = z.output<typeof refundPolicySchema>;
export type RefundPolicyInput = z.input<typeof refundPolicySchema>;
export type RefundWindow = z.output<typeof refundWindowSchema>;
export type RefundFees = z.output<typeof feesSchema>;
export type ExchangeRules = z.output<typeof exchangeRulesSchema>;

function checkWindows(
  windows: readonly RefundWindow[],
  path: PropertyKey[],
  ctx: z.RefinementCtx,
): void {
  for (let i = 1; i < windows.length; i++) {
    const prev = windows[i - 1]!;
    const cur = windows[i]!;
    if (cur.minHoursBefore >= prev.minHoursBefore) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message: 'List refund windows from the earliest to the latest (minHoursBefore decreasing).',
      });
    }
    // Customers must never get more back by waiting: later windows refund the same or less.
    if (cur.refundBp > prev.refundBp) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message: 'A later refund window cannot refund more than an earlier one.',
      });
    }
  }
}

function checkFees(
  fees: RefundFees,
  currency: string,
  path: PropertyKey[],
  ctx: z.RefinementCtx,
): void {
  const list = [fees.fixedPerTicket, fees.fixedPerOrder, fees.percent?.min, fees.percent?.max];
  if (list.some((m) => m && m.currency !== currency)) {
    ctx.addIssue({ code: 'custom', path, message: `Fees must be in ${currency}.` });
  }
  const { min, max } = fees.percent ?? {};
  if (min && max && min.amount > max.amount) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'percent'],
      message: 'The minimum fee is above the maximum.',
    });
  }
}

/** Parses and checks a policy; throws a ZodError on bad data (use at load time). */
export function definePolicy(input: RefundPolicyInput): RefundPolicy {
  return refundPolicySchema.parse(input);
}
