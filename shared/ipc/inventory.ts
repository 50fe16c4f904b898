import { z } from 'zod';
import { catalogIdSchema } from '../catalog/schemas';
import {
  availabilityResponseSchema,
  holdRequestSchema,
  holdResponseSchema,
  leaseRequestSchema,
  leaseResponseSchema,
  renewRequestSchema,
} from '../inventory/contract';
import { defineMethods, method } from './define';

/**
 * The venue's shared inventory through main (issue 12): holds for a cart's seats and GA
 * places, leases for offline selling, what a performance has left. Main holds the terminal's
 * token and makes the request (`/api/inventory/*`), so a page cannot act as another terminal;
 * the server decides. Failures as for `sync.*`: `not_configured` (not enrolled: demo or a
 * stand-alone till sells from its own store), `unavailable`/`timeout` (offline: sell from the
 * lease), `invalid_argument` with the server's code in `details.code` (`seat_taken`,
 * `ga_sold_out`, `sold_out`, `hold_not_found`, …) and its sentence as the message.
 */
const uuid = z.uuid();

export const inventoryMethods = defineMethods({
  'inventory.hold': method(holdRequestSchema, holdResponseSchema),
  'inventory.renewHold': method(renewRequestSchema.extend({ holdId: uuid }), holdResponseSchema),
  /** Gives back some of a hold's places (a cart dropped a seat); the rest stay held. */
  'inventory.shrinkHold': method(
    z.strictObject({
      holdId: uuid,
      seatIds: z.array(catalogIdSchema).max(500).optional(),
      ga: z.record(catalogIdSchema, z.number().int().min(0).max(100_000)).optional(),
    }),
    holdResponseSchema,
  ),
  'inventory.releaseHold': method(z.strictObject({ holdId: uuid }), z.strictObject({})),
  'inventory.checkoutLease': method(leaseRequestSchema, leaseResponseSchema),
  'inventory.returnLease': method(z.strictObject({ leaseId: uuid }), leaseResponseSchema),
  'inventory.availability': method(
    z.strictObject({ performanceId: catalogIdSchema }),
    availabilityResponseSchema,
  ),
});
