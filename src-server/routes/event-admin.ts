import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalog } from '../../shared/catalog/catalog';
import { freshId } from '../../shared/catalog/id-from-name';
import {
  catalogIdSchema,
  eventSchema,
  priceTierSchema,
  type Event,
  type PriceTier,
} from '../../shared/catalog/schemas';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { money } from '../../shared/money/money';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { publishAudited } from '../catalog/audited-change';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';

const minor = z.number().int().min(0).max(100_000_000);
const name = z.string().trim().min(1).max(120);

export const newTierSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('seated'),
    eventId: catalogIdSchema,
    name,
    price: minor,
    bookingFee: minor.optional(),
    taxRateBp: z.number().int().min(0).max(10_000),
    refundPolicyId: catalogIdSchema,
    perOrderLimit: z.number().int().min(1).max(1000).optional(),
    seatCategoryIds: z.array(catalogIdSchema).min(1, 'Choose the seat categories this tier sells.'),
  }),
  z.strictObject({
    kind: z.literal('ga'),
    eventId: catalogIdSchema,
    name,
    price: minor,
    bookingFee: minor.optional(),
    taxRateBp: z.number().int().min(0).max(10_000),
    refundPolicyId: catalogIdSchema,
    perOrderLimit: z.number().int().min(1).max(1000).optional(),
    gaQuota: z.number().int().min(0).max(1_000_000).optional(),
  }),
]);
export type NewTier = z.infer<typeof newTierSchema>;

/** The catalog with a new event named `eventName` (pure); the id comes from the name. */
export function withNewEvent(
  catalog: Catalog,
  eventName: string,
): { readonly catalog: Catalog; readonly event: Event } {
  const twin = catalog.events.find((e) => e.name.trim().toLowerCase() === eventName.toLowerCase());
  if (twin) {
    throw new HttpError(409, 'event_exists', `There is already an event called ${twin.name}.`);
  }
  const id = freshId(eventName, new Set(catalog.events.map((e) => e.id)), 'event-');
  const event: Event = { id, venueId: catalog.venue.id, name: eventName };
  return { event, catalog: { ...catalog, events: [...catalog.events, event] } };
}

/**
 * The catalog with a new price tier of an event (pure). Refused in words: an unknown event or
 * refund policy, a second tier of that name, seat categories no seating plan has.
 */
export function withNewTier(
  catalog: Catalog,
  draft: NewTier,
): { readonly catalog: Catalog; readonly tier: PriceTier } {
  const event = catalog.events.find((e) => e.id === draft.eventId);
  if (!event) throw new HttpError(404, 'event_not_found', `There is no event ${draft.eventId}.`);
  if (!catalog.refundPolicies.some((p) => p.id === draft.refundPolicyId)) {
    throw new HttpError(
      404,
      'policy_not_found',
      `There is no refund policy ${draft.refundPolicyId}.`,
    );
  }
  const ofEvent = catalog.tiers.filter((t) => t.eventId === event.id);
  if (ofEvent.some((t) => t.name.trim().toLowerCase() === draft.name.toLowerCase())) {
    throw new HttpError(
      409,
      'tier_exists',
      `${event.name} already has a tier called ${draft.name}.`,
    );
  }
  if (draft.kind === 'seated') {
    const known = new Set(catalog.seatingPlans.flatMap((p) => p.categories.map((c) => c.id)));
    const unknown = draft.seatCategoryIds.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new HttpError(
        422,
        'unknown_category',
        `No seating plan has the seat categories ${unknown.join(', ')}.`,
      );
    }
  }
  const currency = catalog.venue.currency;
  const taken = new Set(catalog.tiers.map((t) => t.id));
  const id = freshId(`${event.id}-${draft.name}`, taken, `${event.id}-tier-`);
  const tier: PriceTier = {
    id,
    eventId: event.id,
    name: draft.name,
    kind: draft.kind,
    price: money(draft.price, currency),
    taxRateBp: draft.taxRateBp,
    refundPolicyId: draft.refundPolicyId,
    ...(draft.bookingFee ? { bookingFee: money(draft.bookingFee, currency) } : {}),
    ...(draft.perOrderLimit !== undefined ? { perOrderLimit: draft.perOrderLimit } : {}),
    ...(draft.kind === 'seated' ? { seatCategoryIds: draft.seatCategoryIds } : {}),
    ...(draft.kind === 'ga' && draft.gaQuota !== undefined ? { gaQuota: draft.gaQuota } : {}),
  };
  return { tier, catalog: { ...catalog, tiers: [...catalog.tiers, tier] } };
}

/**
 * The back office's events and new tiers (issue 13 item 6): a manager adds an event, then its
 * price tiers, then its performances (schedule-admin.ts). Each is the next catalog version by
 * the one publish path, audited in the same transaction.
 */
export const eventAdminRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  const params = z.strictObject({ venueId: venueIdSchema });
  const version = z.number().int().min(0);

  app.post(
    '/api/venues/:venueId/events',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params,
        body: z.strictObject({ name }),
        response: { 201: z.strictObject({ version, event: eventSchema }) },
      },
    },
    async (request, reply) => {
      const { version, made } = await publishAudited(
        db,
        feed,
        principalOf(request),
        'event_added',
        (newest) => {
          const next = withNewEvent(newest, request.body.name);
          return { catalog: next.catalog, made: next.event };
        },
        (event) => ({ eventId: event.id, name: event.name }),
      );
      return reply.code(201).send({ version, event: made });
    },
  );

  app.post(
    '/api/venues/:venueId/tiers',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params,
        body: newTierSchema,
        response: { 201: z.strictObject({ version, tier: priceTierSchema }) },
      },
    },
    async (request, reply) => {
      const { version, made } = await publishAudited(
        db,
        feed,
        principalOf(request),
        'tier_added',
        (newest) => {
          const next = withNewTier(newest, request.body);
          return { catalog: next.catalog, made: next.tier };
        },
        (tier, catalog) => ({
          tierId: tier.id,
          name: tier.name,
          eventName: catalog.events.find((e) => e.id === tier.eventId)?.name ?? tier.eventId,
          after: tier,
        }),
      );
      return reply.code(201).send({ version, tier: made });
    },
  );
  done();
};
