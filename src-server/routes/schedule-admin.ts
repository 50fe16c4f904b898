import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalog } from '../../shared/catalog/catalog';
import {
  catalogIdSchema,
  instantSchema,
  performanceSchema,
  seatingPlanSchema,
  type Performance,
  type SeatingPlan,
} from '../../shared/catalog/schemas';
import { seatingPlanFromCsv } from '../../shared/catalog/seating-plan-csv';
import { freshId } from '../../shared/catalog/id-from-name';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { publishAudited } from '../catalog/audited-change';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';

/** A plan as the back office lists it. */
const planSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  sections: z.number().int(),
  seats: z.number().int(),
  categories: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});

export const planImportSchema = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('csv'),
    id: catalogIdSchema,
    name: z.string().trim().min(1).max(120),
    /** The sheet's text; 2 MB is far more than 20,000 seat lines need. */
    csv: z.string().max(2_000_000),
  }),
  z.strictObject({
    format: z.literal('json'),
    /** Checked against the catalog's seating-plan schema below, with its own words. */
    plan: z.unknown(),
  }),
]);

export const newPerformanceSchema = z
  .strictObject({
    eventId: catalogIdSchema,
    startsAt: instantSchema,
    seatingPlanId: catalogIdSchema.optional(),
    gaCapacity: z.number().int().min(1).max(1_000_000).optional(),
    salesOpenAt: instantSchema.optional(),
    salesCloseAt: instantSchema.optional(),
  })
  .refine((p) => p.seatingPlanId !== undefined || p.gaCapacity !== undefined, {
    message: 'A performance needs a seating plan, standing places, or both.',
  });
export type NewPerformance = z.infer<typeof newPerformanceSchema>;

/**
 * Adds `draft` to the catalog as a scheduled performance (pure: the route and its tests share
 * it). Refused in words: a start in the past, an unknown event or plan, a second performance of
 * the event at the same time, or nothing of it that any price tier would sell — a performance
 * the tills list but cannot sell is worse than none.
 */
export function withNewPerformance(
  catalog: Catalog,
  draft: NewPerformance,
  nowMs: number,
): { readonly catalog: Catalog; readonly performance: Performance } {
  const event = catalog.events.find((e) => e.id === draft.eventId);
  if (!event) throw new HttpError(404, 'event_not_found', `There is no event ${draft.eventId}.`);
  const start = Date.parse(draft.startsAt);
  if (start <= nowMs) {
    throw new HttpError(422, 'start_in_past', 'The performance must start in the future.');
  }
  if (draft.salesCloseAt !== undefined && Date.parse(draft.salesCloseAt) > start) {
    throw new HttpError(
      422,
      'sales_close_after_start',
      'Sales must close no later than the performance starts.',
    );
  }
  const twin = catalog.performances.find(
    (p) => p.eventId === event.id && Date.parse(p.rescheduledTo ?? p.startsAt) === start,
  );
  if (twin) {
    throw new HttpError(
      409,
      'performance_exists',
      `${event.name} already has a performance at that time (${twin.id}).`,
    );
  }
  const plan =
    draft.seatingPlanId === undefined
      ? undefined
      : catalog.seatingPlans.find((p) => p.id === draft.seatingPlanId);
  if (draft.seatingPlanId !== undefined && !plan) {
    throw new HttpError(
      404,
      'plan_not_found',
      `There is no seating plan ${draft.seatingPlanId}: import it first.`,
    );
  }
  const id = freshPerformanceId(catalog, event.id, draft.startsAt, catalog.venue.timeZone);
  const tiers = catalog.tiers.filter((t) => t.eventId === event.id && !t.performanceIds);
  if (plan) {
    const sold = new Set(
      tiers.filter((t) => t.kind === 'seated').flatMap((t) => t.seatCategoryIds ?? []),
    );
    if (!plan.categories.some((c) => sold.has(c.id))) {
      throw new HttpError(
        422,
        'plan_not_priced',
        `No price tier of ${event.name} sells the seats of ${plan.name} (its categories: ${plan.categories
          .map((c) => c.name)
          .join(', ')}). Give a seated tier one of these categories, or choose another plan.`,
      );
    }
  }
  if (draft.gaCapacity !== undefined && !tiers.some((t) => t.kind === 'ga')) {
    throw new HttpError(
      422,
      'no_standing_tier',
      `${event.name} has no standing tier to sell standing places with.`,
    );
  }
  const performance: Performance = {
    id,
    eventId: event.id,
    startsAt: draft.startsAt,
    status: 'scheduled',
    ...(draft.seatingPlanId !== undefined ? { seatingPlanId: draft.seatingPlanId } : {}),
    ...(draft.gaCapacity !== undefined ? { gaCapacity: draft.gaCapacity } : {}),
    ...(draft.salesOpenAt !== undefined ? { salesOpenAt: draft.salesOpenAt } : {}),
    ...(draft.salesCloseAt !== undefined ? { salesCloseAt: draft.salesCloseAt } : {}),
  };
  return {
    performance,
    catalog: { ...catalog, performances: [...catalog.performances, performance] },
  };
}

/**
 * A readable id from the event and the local start ("dnipro-lights-20261224-1900"), kept
 * within the catalog's 40 characters and unique.
 */
function freshPerformanceId(
  catalog: Catalog,
  eventId: string,
  startsAt: string,
  timeZone: string,
): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(startsAt))
      .map((p) => [p.type, p.value]),
  );
  const stamp = `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}`;
  const base = `${eventId.slice(0, 40 - stamp.length - 4).replace(/[-_.]+$/, '')}-${stamp}`;
  // The base itself if free, else base-1, base-2, … (the catalog's one id rule).
  return freshId(base, new Set(catalog.performances.map((p) => p.id)), `${base}-`);
}

/** Adds an imported plan; an id already in the catalog is refused (sold seats keep their plan). */
export function withImportedPlan(catalog: Catalog, plan: SeatingPlan): Catalog {
  if (plan.venueId !== catalog.venue.id) {
    throw new HttpError(
      422,
      'wrong_venue',
      `This plan is for venue ${plan.venueId}, not ${catalog.venue.id}.`,
    );
  }
  if (catalog.seatingPlans.some((p) => p.id === plan.id)) {
    throw new HttpError(
      409,
      'plan_exists',
      `A seating plan ${plan.id} exists already; tickets sold on it keep their seats. Import the new one under another id.`,
    );
  }
  return { ...catalog, seatingPlans: [...catalog.seatingPlans, plan] };
}

export const summaryOf = (plan: SeatingPlan): z.infer<typeof planSummarySchema> => ({
  id: plan.id,
  name: plan.name,
  sections: plan.sections.length,
  seats: plan.sections.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.seats.length, 0), 0),
  categories: plan.categories.map((c) => ({ id: c.id, name: c.name })),
});

/** The plan of an import request, or a 422 that lists what is wrong (a sheet: by line). */
function planOf(body: z.infer<typeof planImportSchema>, venueId: string): SeatingPlan {
  if (body.format === 'csv') {
    const result = seatingPlanFromCsv({ id: body.id, name: body.name, venueId, csv: body.csv });
    if (result.ok) return result.plan;
    const shown = result.problems
      .slice(0, 10)
      .map((p) => (p.line > 0 ? `Line ${p.line}: ` : '') + p.message);
    const more = result.problems.length - shown.length;
    throw new HttpError(
      422,
      'plan_sheet_invalid',
      shown.join(' ') + (more > 0 ? ` (and ${more} more problems)` : ''),
    );
  }
  const parsed = seatingPlanSchema.safeParse(body.plan);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(
      422,
      'plan_invalid',
      `The plan file is not a seating plan: ${issue.message}${issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : ''}.`,
    );
  }
  return parsed.data;
}

/**
 * The back office's schedule (issue 13 item 6): seating plans imported from a sheet (CSV) or a
 * plan file (JSON), and new performances of an event. Each is published as the next catalog
 * version by the one publish path, audited in the same transaction; the shared inventory reads
 * a performance's seats and places from the newest catalog, so a new performance is on sale at
 * every window from its next pull.
 */
export const scheduleAdminRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  const params = z.strictObject({ venueId: venueIdSchema });

  app.post(
    '/api/venues/:venueId/seating-plans',
    {
      preValidation: managerGuard(db, 'write'),
      // A sheet of 20,000 seats is ~1 MB.
      bodyLimit: 2_500_000,
      schema: {
        params,
        body: planImportSchema,
        response: {
          201: z.strictObject({ version: z.number().int().min(0), plan: planSummarySchema }),
        },
      },
    },
    async (request, reply) => {
      const manager = principalOf(request);
      const plan = planOf(request.body, manager.venueId);
      const summary = summaryOf(plan);
      const { version } = await publishAudited(
        db,
        feed,
        manager,
        'seating_plan_imported',
        (newest) => ({ catalog: withImportedPlan(newest, plan), made: plan }),
        () => ({
          planId: plan.id,
          name: plan.name,
          format: request.body.format,
          sections: summary.sections,
          seats: summary.seats,
        }),
      );
      return reply.code(201).send({ version, plan: summary });
    },
  );

  app.post(
    '/api/venues/:venueId/performances',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params,
        body: newPerformanceSchema,
        response: {
          201: z.strictObject({ version: z.number().int().min(0), performance: performanceSchema }),
        },
      },
    },
    async (request, reply) => {
      const { version, made } = await publishAudited(
        db,
        feed,
        principalOf(request),
        'performance_added',
        (newest) => {
          const next = withNewPerformance(newest, request.body, Date.now());
          return { catalog: next.catalog, made: next.performance };
        },
        (performance, catalog) => ({
          performanceId: performance.id,
          eventName:
            catalog.events.find((e) => e.id === performance.eventId)?.name ?? performance.eventId,
          startsAt: performance.startsAt,
          seatingPlanId: performance.seatingPlanId ?? null,
          gaCapacity: performance.gaCapacity ?? null,
        }),
      );
      return reply.code(201).send({ version, performance: made });
    },
  );
  done();
};
