import { z } from 'zod';
import { catalogIdSchema } from '../catalog/schemas';

/**
 * The inventory routes' contract (issue 12): one set of zod schemas the server validates
 * requests and answers with and a till's inventory source will parse them with. Every route
 * needs the terminal's bearer token and is scoped to its venue and terminal. Ids are the
 * server's (UUIDs). Times are ISO instants.
 */

/** A hold lives 30 s – 30 min (default 10 min) and is renewed while the cart is active. */
export const HOLD_TTL = { min: 30, max: 1800, default: 600 } as const;
/** A lease lives 1 min – 24 h (default 4 h): the bound on seats stranded on a lost till. */
export const LEASE_TTL = { min: 60, max: 86_400, default: 14_400 } as const;

const seatIds = z.array(catalogIdSchema).max(500);
/** GA places by GA tier id. */
const gaCounts = z.record(catalogIdSchema, z.number().int().min(0).max(100_000));
const instant = z.string();

export const holdRequestSchema = z.strictObject({
  performanceId: catalogIdSchema,
  seatIds: seatIds.optional(),
  ga: gaCounts.optional(),
  ttlSeconds: z.number().int().min(HOLD_TTL.min).max(HOLD_TTL.max).optional(),
});
export const renewRequestSchema = z.strictObject({
  ttlSeconds: z.number().int().min(HOLD_TTL.min).max(LEASE_TTL.max).optional(),
});

/** `POST …/holds/:id/release`: give back part of a hold (seats by id, GA places by tier). */
export const releasePartRequestSchema = z.strictObject({
  seatIds: seatIds.optional(),
  ga: gaCounts.optional(),
});

/** Seats and GA places of one performance, as every answer names them. */
export const placesSchema = z.strictObject({
  performanceId: catalogIdSchema,
  seatIds: z.array(z.string()),
  ga: z.record(z.string(), z.number()),
});
export const holdSchema = placesSchema.extend({ holdId: z.string(), expiresAt: instant });
export const holdResponseSchema = z.strictObject({ hold: holdSchema });

/** Seats either by id or as a count the server picks (first free in plan order). */
export const leaseRequestSchema = z.strictObject({
  performanceId: catalogIdSchema,
  seatIds: seatIds.optional(),
  seats: z.number().int().min(1).max(500).optional(),
  ga: gaCounts.optional(),
  ttlSeconds: z.number().int().min(LEASE_TTL.min).max(LEASE_TTL.max).optional(),
});

export const leaseSchema = placesSchema.extend({ leaseId: z.string(), expiresAt: instant });
export const leaseResponseSchema = z.strictObject({ lease: leaseSchema });

/** What the venue has left of a performance, and what is held, leased and sold. */
export const availabilityResponseSchema = z.strictObject({
  performanceId: catalogIdSchema,
  seatsAvailable: z.array(z.string()),
  gaAvailable: z.record(z.string(), z.number()),
  held: z.strictObject({ seats: z.number(), ga: z.number() }),
  leased: z.strictObject({ seats: z.number(), ga: z.number() }),
  sold: z.strictObject({ seats: z.number(), ga: z.number() }),
  /**
   * Whose the held and leased seats are, relative to the asking terminal, for the seat map
   * (optional: an older server's answer has none). A seat in none of these nor in
   * `seatsAvailable` is sold.
   */
  seats: z
    .strictObject({
      leasedHere: z.array(z.string()),
      leasedElsewhere: z.array(z.string()),
      heldHere: z.array(z.string()),
      heldElsewhere: z.array(z.string()),
      heldWeb: z.array(z.string()),
    })
    .optional(),
});
export type AvailabilityResponse = z.infer<typeof availabilityResponseSchema>;

/** A web order: what a hold of the channel holds, or places straight from the venue. */
export const orderRequestSchema = z.union([
  z.strictObject({ holdId: z.uuid() }),
  z.strictObject({
    performanceId: catalogIdSchema,
    seatIds: seatIds.optional(),
    ga: gaCounts.optional(),
  }),
]);
export const orderResponseSchema = z.strictObject({
  order: placesSchema.extend({ orderId: z.string() }),
});

/** `POST /api/venues/:venueId/channels` (a manager): the token is shown once. */
export const channelRequestSchema = z.strictObject({ name: z.string().min(1).max(120) });
export const channelResponseSchema = z.strictObject({ channelId: z.string(), token: z.string() });
