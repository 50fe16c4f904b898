import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalog } from '../../shared/catalog/catalog';
import { freshId } from '../../shared/catalog/id-from-name';
import {
  concessionRuleSchema,
  demandRuleSchema,
  priceRuleSchema,
  promoRuleSchema,
  timeWindowRuleSchema,
  type PriceRule,
} from '../../shared/catalog/price-rules';
import { catalogIdSchema } from '../../shared/catalog/schemas';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { publishAudited } from '../catalog/audited-change';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';

/** A new rule as the back office sends it: any kind of the catalog's rules, without an id. */
export const newPriceRuleSchema = z.discriminatedUnion('kind', [
  timeWindowRuleSchema.omit({ id: true }),
  demandRuleSchema.omit({ id: true }),
  promoRuleSchema.omit({ id: true }),
  concessionRuleSchema.omit({ id: true }),
]);
export type NewPriceRule = z.input<typeof newPriceRuleSchema>;

/**
 * The catalog with `draft` as a new price rule (pure). Refused in words: tiers or performances
 * the catalog does not have, a promo code another rule already answers to, an amount in
 * another currency, a time window that says nothing about time.
 */
export function withNewRule(
  catalog: Catalog,
  draft: z.output<typeof newPriceRuleSchema>,
): { readonly catalog: Catalog; readonly rule: PriceRule } {
  const tiers = new Set(catalog.tiers.map((t) => t.id));
  const unknownTiers = (draft.tierIds ?? []).filter((id) => !tiers.has(id));
  if (unknownTiers.length > 0) {
    throw new HttpError(422, 'unknown_tier', `There is no price tier ${unknownTiers.join(', ')}.`);
  }
  const performances = new Set(catalog.performances.map((p) => p.id));
  const unknownShows = (draft.performanceIds ?? []).filter((id) => !performances.has(id));
  if (unknownShows.length > 0) {
    throw new HttpError(
      422,
      'unknown_performance',
      `There is no performance ${unknownShows.join(', ')}.`,
    );
  }
  if (
    draft.adjustment.type === 'fixed' &&
    draft.adjustment.amount.currency !== catalog.venue.currency
  ) {
    throw new HttpError(
      422,
      'wrong_currency',
      `A fixed change must be in ${catalog.venue.currency}, the venue's currency.`,
    );
  }
  if (
    draft.kind === 'promo' &&
    catalog.priceRules.some((r) => r.kind === 'promo' && r.code === draft.code)
  ) {
    throw new HttpError(409, 'promo_exists', `The promo code ${draft.code} is in use already.`);
  }
  if (
    draft.kind === 'time_window' &&
    draft.from === undefined &&
    draft.until === undefined &&
    draft.minHoursBefore === undefined &&
    draft.maxHoursBefore === undefined &&
    !draft.dayOfShow
  ) {
    throw new HttpError(
      422,
      'window_without_time',
      'Say when the rule applies: dates, hours before the show, or the day of the show.',
    );
  }
  const id = freshId(draft.label, new Set(catalog.priceRules.map((r) => r.id)), 'rule-');
  const rule = priceRuleSchema.parse({ ...draft, id });
  return { rule, catalog: { ...catalog, priceRules: [...catalog.priceRules, rule] } };
}

/**
 * The back office's price rules (issue 13 item 6): time windows (early bird, last hours), demand
 * (once a share is sold), promo codes and concessions, added or removed as the next catalog
 * version by the one publish path, audited. Tills and the web shop price by the shared pricing
 * from their next pull; tickets sold keep the price they were sold at.
 */
export const priceRuleAdminRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  const version = z.number().int().min(0);

  app.post(
    '/api/venues/:venueId/price-rules',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId: venueIdSchema }),
        body: newPriceRuleSchema,
        response: { 201: z.strictObject({ version, rule: priceRuleSchema }) },
      },
    },
    async (request, reply) => {
      const { version: published, made } = await publishAudited(
        db,
        feed,
        principalOf(request),
        'price_rule_added',
        (newest) => {
          const next = withNewRule(newest, request.body);
          return { catalog: next.catalog, made: next.rule };
        },
        (rule) => ({ ruleId: rule.id, label: rule.label, rule }),
      );
      return reply.code(201).send({ version: published, rule: made });
    },
  );

  app.delete(
    '/api/venues/:venueId/price-rules/:ruleId',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId: venueIdSchema, ruleId: catalogIdSchema }),
        response: { 200: z.strictObject({ version }) },
      },
    },
    async (request) => {
      const { ruleId } = request.params;
      const { version: published } = await publishAudited(
        db,
        feed,
        principalOf(request),
        'price_rule_removed',
        (newest) => {
          const rule = newest.priceRules.find((r) => r.id === ruleId);
          if (!rule) {
            throw new HttpError(404, 'rule_not_found', `There is no price rule ${ruleId}.`);
          }
          return {
            catalog: { ...newest, priceRules: newest.priceRules.filter((r) => r.id !== ruleId) },
            made: rule,
          };
        },
        (rule) => ({ ruleId: rule.id, label: rule.label, rule }),
      );
      return { version: published };
    },
  );
  done();
};
