import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import {
  catalogIdSchema,
  performanceSchema,
  priceTierSchema,
  type PriceTier,
} from '../../shared/catalog/schemas';
import { money } from '../../shared/money/money';
import { recordAudit } from '../audit/audit-log';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { publishCatalogChange } from '../catalog/catalogs';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import { performanceOf } from './catalog-admin';
import type { FeedNotifier } from '../sync/feed-notifier';

const venueId = venueIdSchema;
const minor = z.number().int().min(0).max(100_000_000);

/**
 * What a manager may change in a price tier from the back office: the price and booking fee
 * (minor units of the venue's currency; a booking fee of 0 removes it), the most tickets of
 * the tier one order may hold and, for a standing tier, its share of the performance's places
 * (null removes the limit or the share). What is not sent is kept.
 */
export const tierChangeSchema = z
  .strictObject({
    /** What tills, slips and the web shop call the tier; its id (on sold tickets) stays. */
    name: z.string().trim().min(1).max(120).optional(),
    price: minor.optional(),
    bookingFee: minor.optional(),
    perOrderLimit: z.number().int().min(1).max(1000).nullable().optional(),
    gaQuota: z.number().int().min(0).max(1_000_000).nullable().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, {
    message:
      'Say what to change: the name, the price, the booking fee, the order limit or the quota.',
  });
export type TierChange = z.infer<typeof tierChangeSchema>;

/** The tier with `change` applied (pure: the route and its test share it). */
export function changedTier(tier: PriceTier, change: TierChange): PriceTier {
  const currency = tier.price.currency;
  if (change.gaQuota !== undefined && change.gaQuota !== null && tier.kind !== 'ga') {
    throw new HttpError(
      422,
      'not_standing',
      `${tier.name} sells seats, not standing places: it has no quota of places to change.`,
    );
  }
  const { bookingFee: _fee, perOrderLimit: _limit, gaQuota: _quota, ...kept } = tier;
  const bookingFee =
    change.bookingFee === undefined
      ? tier.bookingFee
      : change.bookingFee === 0
        ? undefined
        : money(change.bookingFee, currency);
  // undefined: not sent, keep; null: clear.
  const perOrderLimit =
    change.perOrderLimit === undefined ? tier.perOrderLimit : (change.perOrderLimit ?? undefined);
  const gaQuota = change.gaQuota === undefined ? tier.gaQuota : (change.gaQuota ?? undefined);
  return {
    ...kept,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.price !== undefined ? { price: money(change.price, currency) } : {}),
    ...(bookingFee ? { bookingFee } : {}),
    ...(perOrderLimit !== undefined ? { perOrderLimit } : {}),
    ...(gaQuota !== undefined ? { gaQuota } : {}),
  };
}

/**
 * The back office's prices and purchase limits (issue 13 item 6): one tier changed, published as the next
 * catalog version by the one publish path, audited with the tier before and after. Tills
 * sell at the new price from their next pull; tickets sold before keep what they were sold for
 * (the sale entry carries its prices). The catalog schema checks the result as for any
 * publication (e.g. quotas that add up to more than a performance holds). A performance's
 * limit per customer is changed the same way.
 */
export const tierAdminRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  app.patch(
    '/api/venues/:venueId/tiers/:tierId',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId, tierId: catalogIdSchema }),
        body: tierChangeSchema,
        response: {
          200: z.strictObject({ version: z.number().int().min(0), tier: priceTierSchema }),
        },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { tierId } = request.params;
      let before: PriceTier | undefined;
      let after: PriceTier | undefined;
      const { version } = await publishCatalogChange(
        db,
        feed,
        manager.venueId,
        manager.managerId,
        (newest) => {
          before = newest.tiers.find((t) => t.id === tierId);
          if (!before) {
            throw new HttpError(
              404,
              'tier_not_found',
              `There is no price tier ${tierId} in this venue's catalog.`,
            );
          }
          after = changedTier(before, request.body);
          return { ...newest, tiers: newest.tiers.map((t) => (t.id === tierId ? after! : t)) };
        },
        (tx, catalog) =>
          recordAudit(tx, manager.venueId, `manager:${manager.managerId}`, 'tier_changed', null, {
            tierId,
            name: after!.name,
            eventName: catalog.events.find((e) => e.id === after!.eventId)?.name ?? after!.eventId,
            before: before!,
            after: after!,
            catalogVersion: catalog.version,
          }),
      );
      return { version, tier: after! };
    },
  );

  // A performance's purchase limit per customer (anti-scalping; the tills' purchase-limit rule
  // reads it): a number of tickets, or null for none.
  app.patch(
    '/api/venues/:venueId/performances/:performanceId/limits',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId, performanceId: catalogIdSchema }),
        body: z.strictObject({ perCustomerLimit: z.number().int().min(1).max(1000).nullable() }),
        response: {
          200: z.strictObject({
            version: z.number().int().min(0),
            performance: performanceSchema,
          }),
        },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { performanceId } = request.params;
      const limit = request.body.perCustomerLimit;
      let before: number | null = null;
      let changed: z.infer<typeof performanceSchema> | undefined;
      const { version } = await publishCatalogChange(
        db,
        feed,
        manager.venueId,
        manager.managerId,
        (newest) => {
          const p = performanceOf(newest, performanceId);
          before = p.perCustomerLimit ?? null;
          const { perCustomerLimit: _old, ...rest } = p;
          changed = limit === null ? rest : { ...rest, perCustomerLimit: limit };
          return {
            ...newest,
            performances: newest.performances.map((x) => (x.id === performanceId ? changed! : x)),
          };
        },
        (tx, catalog) =>
          recordAudit(
            tx,
            manager.venueId,
            `manager:${manager.managerId}`,
            'purchase_limit_changed',
            null,
            {
              performanceId,
              eventName:
                catalog.events.find((e) => e.id === changed!.eventId)?.name ?? changed!.eventId,
              startsAt: changed!.startsAt,
              before,
              after: limit,
              catalogVersion: catalog.version,
            },
          ),
      );
      return { version, performance: changed! };
    },
  );
  done();
};
