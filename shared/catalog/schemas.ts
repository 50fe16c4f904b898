import { z } from 'zod';
import { currencySchema } from '../money/currency';
import { nonNegativeMoneySchema } from '../money/money';
import { basisPointsSchema } from '../money/percent';

/** Catalog ids are short, printable and safe in QR payloads, file names and URLs. */
export const CATALOG_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
export const catalogIdSchema = z
  .string()
  .regex(
    CATALOG_ID,
    'Ids are 1–40 letters, digits, "_", "." or "-", starting with a letter or digit.',
  );

/** An instant with an explicit offset ("2026-05-01T19:00:00+03:00" or "...Z"). */
export const instantSchema = z.iso.datetime({
  offset: true,
  message: 'Expected an ISO-8601 instant with a time zone offset.',
});

export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Unknown IANA time zone.' },
);

export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'Expected a BCP 47 locale like uk-UA.');

/**
 * The most places one offline lease may hold, whatever a venue sets: every leased place is one
 * the web shop and the other windows cannot sell, and a till cut off strands them all.
 */
export const LEASE_SIZE_CEILING = 1000;
const leaseSize = z.number().int().min(0).max(LEASE_SIZE_CEILING);

/**
 * How big one offline lease is (issue 12): at least `min…`, at most `max…` seats, and as many
 * standing places of each GA area. The till sizes its top-ups within these, and the server
 * refuses a checkout outside them (`lease_too_small` / `lease_too_large`): one setting, both
 * sides. A max of 0 leases none of that kind.
 */
export const leaseLimitsSchema = z
  .object({
    minSeats: leaseSize,
    maxSeats: leaseSize,
    minGa: leaseSize,
    maxGa: leaseSize,
  })
  .refine((l) => l.minSeats <= l.maxSeats, {
    message: 'A lease cannot need more seats than it may hold (minSeats ≤ maxSeats).',
    path: ['maxSeats'],
  })
  .refine((l) => l.minGa <= l.maxGa, {
    message: 'A lease cannot need more standing places than it may hold (minGa ≤ maxGa).',
    path: ['maxGa'],
  });

export const venueSchema = z.object({
  id: catalogIdSchema,
  name: z.string().min(1).max(200),
  currency: currencySchema,
  timeZone: timeZoneSchema,
  locale: localeSchema,
  /** Smallest coin in circulation, in minor units (10 for UAH, 5 for CHF); absent = 1. */
  cashRoundingIncrement: z.number().int().min(1).optional(),
  /**
   * A cashier refunding a sale she sold herself needs a second person's approval (a
   * supervisor or above) when the refund is above this many minor units; absent = never.
   */
  ownSaleRefundApprovalAbove: z.number().int().min(0).optional(),
  /**
   * A window that cannot reach the server refunds tickets another window sold only up to this
   * many minor units a refund (0: never): it cannot know whether that ticket was refunded
   * elsewhere meanwhile (issue 12). Absent = no cap.
   */
  offlineRefundOfOtherWindowsUpTo: z.number().int().min(0).optional(),
  /** Offline leases' size bounds; absent = `DEFAULT_LEASE_LIMITS` (shared/inventory/lease-policy). */
  leaseLimits: leaseLimitsSchema.optional(),
});

export const eventSchema = z.object({
  id: catalogIdSchema,
  venueId: catalogIdSchema,
  name: z.string().min(1).max(200),
});

export const PERFORMANCE_STATUSES = ['scheduled', 'cancelled', 'postponed'] as const;
export type PerformanceStatus = (typeof PERFORMANCE_STATUSES)[number];

export const performanceSchema = z
  .object({
    id: catalogIdSchema,
    eventId: catalogIdSchema,
    startsAt: instantSchema,
    status: z.enum(PERFORMANCE_STATUSES),
    /** For a postponed performance: the new start, once known. */
    rescheduledTo: instantSchema.optional(),
    salesOpenAt: instantSchema.optional(),
    salesCloseAt: instantSchema.optional(),
    seatingPlanId: catalogIdSchema.optional(),
    /** Standing / unnumbered places in total for this performance. */
    gaCapacity: z.number().int().min(0).optional(),
    /** Anti-scalping: most tickets one customer may hold for this performance. */
    perCustomerLimit: z.number().int().min(1).optional(),
  })
  .refine(
    (p) =>
      !p.salesOpenAt || !p.salesCloseAt || Date.parse(p.salesOpenAt) < Date.parse(p.salesCloseAt),
    {
      message: 'Sales must open before they close.',
      path: ['salesCloseAt'],
    },
  );

export const priceTierSchema = z
  .object({
    id: catalogIdSchema,
    eventId: catalogIdSchema,
    name: z.string().min(1).max(120),
    kind: z.enum(['seated', 'ga']),
    /** VAT-inclusive face price. */
    price: nonNegativeMoneySchema,
    taxRateBp: basisPointsSchema.max(10_000),
    bookingFee: nonNegativeMoneySchema.optional(),
    perOrderLimit: z.number().int().min(1).optional(),
    refundPolicyId: catalogIdSchema,
    /** Seated tiers: the seat categories this tier sells. */
    seatCategoryIds: z.array(catalogIdSchema).optional(),
    /** GA tiers: a share of the performance's GA capacity reserved for this tier. */
    gaQuota: z.number().int().min(0).optional(),
    /** Limits the tier to some performances of its event; absent = all of them. */
    performanceIds: z.array(catalogIdSchema).optional(),
  })
  .refine((t) => t.kind !== 'seated' || (t.seatCategoryIds?.length ?? 0) > 0, {
    message: 'A seated tier names at least one seat category.',
    path: ['seatCategoryIds'],
  });

export const seatSchema = z.object({
  id: catalogIdSchema,
  label: z.string().min(1).max(12),
  x: z.number().finite(),
  y: z.number().finite(),
  categoryId: catalogIdSchema,
  accessible: z.boolean().default(false),
  /** A companion seat is sold only together with an accessible seat. */
  companion: z.boolean().default(false),
});

export const seatRowSchema = z.object({
  id: catalogIdSchema,
  label: z.string().min(1).max(12),
  seats: z.array(seatSchema).min(1),
});

export const sectionSchema = z.object({
  id: catalogIdSchema,
  name: z.string().min(1).max(120),
  rows: z.array(seatRowSchema).min(1),
});

export const seatingPlanSchema = z
  .object({
    id: catalogIdSchema,
    venueId: catalogIdSchema,
    name: z.string().min(1).max(120),
    categories: z.array(z.object({ id: catalogIdSchema, name: z.string().min(1).max(80) })).min(1),
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine((plan, ctx) => {
    const categories = new Set(plan.categories.map((c) => c.id));
    const seen = new Set<string>();
    plan.sections.forEach((section, si) =>
      section.rows.forEach((row, ri) =>
        row.seats.forEach((seat, i) => {
          const path = ['sections', si, 'rows', ri, 'seats', i];
          if (seen.has(seat.id))
            ctx.addIssue({ code: 'custom', path, message: `Seat id ${seat.id} is used twice.` });
          seen.add(seat.id);
          if (!categories.has(seat.categoryId)) {
            ctx.addIssue({
              code: 'custom',
              path,
              message: `Seat ${seat.id} has unknown category ${seat.categoryId}.`,
            });
          }
        }),
      ),
    );
  });

export type Venue = z.output<typeof venueSchema>;
export type Event = z.output<typeof eventSchema>;
export type Performance = z.output<typeof performanceSchema>;
export type PriceTier = z.output<typeof priceTierSchema>;
export type Seat = z.output<typeof seatSchema>;
export type SeatRow = z.output<typeof seatRowSchema>;
export type Section = z.output<typeof sectionSchema>;
export type SeatingPlan = z.output<typeof seatingPlanSchema>;
