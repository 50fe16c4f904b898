import { z } from 'zod';
import { currencySchema } from '../money/currency';
import { nonNegativeMoneySchema } from '../money/money';

/** Per-terminal rules the venue sets; amounts are in the venue currency. */
export const terminalSettingsSchema = z
  .object({
    terminalId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/),
    currency: currencySchema,
    /** Smallest coin in minor units (10 for UAH); absent = no cash rounding. */
    cashRoundingIncrement: z.number().int().min(1).optional(),
    /** Paid-outs above this need a supervisor. */
    paidOutLimit: nonNegativeMoneySchema,
    /** Over/short at close beyond this needs a supervisor and a note. */
    overShortTolerance: nonNegativeMoneySchema,
    /** A cashier's refund of her own sale above this needs a second person (venue setting). */
    ownSaleRefundApprovalAbove: nonNegativeMoneySchema.optional(),
    /** Offline, a refund of another window's sale above this is refused (venue setting). */
    offlineRefundOfOtherWindowsUpTo: nonNegativeMoneySchema.optional(),
  })
  .refine(
    (s) => s.paidOutLimit.currency === s.currency && s.overShortTolerance.currency === s.currency,
    {
      message: 'Terminal limits must be in the terminal currency.',
    },
  );

export type TerminalSettings = z.output<typeof terminalSettingsSchema>;
