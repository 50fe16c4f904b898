import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { catalogSchema, type Catalog } from '../../shared/catalog/catalog';
import {
  catalogIdSchema,
  instantSchema,
  performanceSchema,
  type Performance,
} from '../../shared/catalog/schemas';
import {
  approvalsSchema,
  feesSchema,
  refundMethodsSchema,
  refundPolicySchema,
  refundWindowSchema,
  tierOverrideSchema,
  type RefundPolicy,
} from '../../shared/refund-policy/policy-schema';
import { recordAudit } from '../audit/audit-log';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { newestCatalogAfter, publishCatalogChange } from '../catalog/catalogs';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http-error';
import type { FeedNotifier } from '../sync/feed-notifier';
import { tellHoldersOfCancellation } from '../notify/cancellation-wiring';

const venueId = venueIdSchema;
const reason = z
  .string()
  .trim()
  .min(1, 'Say why, in a few words: the reason is kept in the audit trail.')
  .max(500, 'Keep the reason under 500 characters.');

const performanceParams = z.strictObject({ venueId, performanceId: catalogIdSchema });
const changedSchema = z.strictObject({
  version: z.number().int().min(0),
  performance: performanceSchema,
});

/**
 * The back office's catalog section (issue 13): the newest catalog to read, and a manager
 * cancelling or postponing one performance. Each change loads the newest catalog under the
 * venue row's lock, changes that performance only and publishes the whole catalog as the next
 * version by the one publish path (`publishCatalogChange`), with its audit row in the same
 * transaction. Tills learn of it on their next pull (the live streams wake the online ones);
 * the shared refund decision (`planRefund`) then applies the policy's cancelled / postponed
 * rule to every ticket of that performance.
 */
export const catalogAdminRoutes: FastifyPluginCallbackZod<{
  db: Db;
  feed: FeedNotifier;
  /** Where customers reach the server: a cancellation's message links to its refund page. */
  publicBaseUrl?: string | undefined;
  /** The server's clock (epoch ms): what has started, and how long a refund link lasts. */
  now?: () => number;
}> = (app, { db, feed, publicBaseUrl, now: clock = Date.now }, done) => {
  app.get(
    '/api/venues/:venueId/catalog',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId }),
        response: { 200: z.strictObject({ catalog: catalogSchema.nullable() }) },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return { catalog: await newestCatalogAfter(db, manager.venueId, -1) };
    },
  );

  app.post(
    '/api/venues/:venueId/performances/:performanceId/cancel',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: performanceParams,
        body: z.strictObject({ reason }),
        response: { 200: changedSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { performanceId } = request.params;
      const now = clock();
      return changePerformance(
        db,
        feed,
        manager,
        performanceId,
        'performance_cancelled',
        (p) => {
          refuseUnchangeable(p, now, 'cancelled');
          return { next: { ...p, status: 'cancelled' }, detail: { reason: request.body.reason } };
        },
        // Every ticket holder with a contact is told once, in the cancel's transaction.
        async (tx, catalog) => ({
          holdersTold: await tellHoldersOfCancellation(
            tx,
            catalog,
            performanceId,
            publicBaseUrl,
            now,
          ),
        }),
      );
    },
  );

  app.post(
    '/api/venues/:venueId/performances/:performanceId/postpone',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: performanceParams,
        body: z.strictObject({ startsAt: instantSchema, reason }),
        response: { 200: changedSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { performanceId } = request.params;
      const { startsAt, reason: why } = request.body;
      const now = clock();
      if (Date.parse(startsAt) <= now) {
        throw new HttpError(422, 'start_in_past', 'The new date and time must be in the future.');
      }
      return changePerformance(db, feed, manager, performanceId, 'performance_postponed', (p) => {
        refuseUnchangeable(p, now, 'postponed');
        if (Date.parse(startsAt) === Date.parse(currentStart(p))) {
          throw new HttpError(
            422,
            'same_start',
            'The performance already starts then: choose another date or time.',
          );
        }
        return {
          next: { ...p, status: 'postponed', rescheduledTo: startsAt },
          detail: { from: currentStart(p), to: startsAt, reason: why },
        };
      });
    },
  );

  app.put(
    '/api/venues/:venueId/refund-policies/:policyId',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId, policyId: catalogIdSchema }),
        // Windows and fees always; who approves, how refunds are paid and which tiers are
        // not refundable when the editor sends them (absent: kept as they are).
        body: z.strictObject({
          windows: z.array(refundWindowSchema).max(20),
          fees: feesSchema,
          approvals: approvalsSchema.optional(),
          methods: refundMethodsSchema.optional(),
          nonRefundableTierIds: z.array(catalogIdSchema).max(200).optional(),
          /** Per-tier windows, fees or non-refundability; absent: kept as they are. */
          tierOverrides: z.array(tierOverrideSchema).max(200).optional(),
        }),
        response: {
          200: z.strictObject({ version: z.number().int().min(0), policy: refundPolicySchema }),
        },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { policyId } = request.params;
      let policy: RefundPolicy | undefined;
      let before: RefundPolicy | undefined;
      const { version } = await publishCatalogChange(
        db,
        feed,
        manager.venueId,
        manager.managerId,
        (newest) => {
          before = newest.refundPolicies.find((p) => p.id === policyId);
          if (!before) {
            throw new HttpError(
              404,
              'policy_not_found',
              `There is no refund policy ${policyId} in this venue's catalog.`,
            );
          }
          const { approvals, methods, nonRefundableTierIds, tierOverrides } = request.body;
          // A tier newly made non-refundable must sell under this policy; ids the policy
          // already listed are kept as they are.
          const unknownTier = nonRefundableTierIds?.find(
            (id) =>
              !before!.nonRefundableTierIds.includes(id) &&
              !newest.tiers.some((t) => t.id === id && t.refundPolicyId === policyId),
          );
          if (unknownTier !== undefined) {
            throw new HttpError(
              422,
              'invalid_policy',
              `No price tier ${unknownTier} sells under this policy, so it cannot be made non-refundable here.`,
            );
          }
          // An override names a tier that sells under this policy (or one it named before).
          const strayOverride = tierOverrides?.find(
            (o) =>
              !before!.tierOverrides.some((b) => b.tierId === o.tierId) &&
              !newest.tiers.some((t) => t.id === o.tierId && t.refundPolicyId === policyId),
          );
          if (strayOverride !== undefined) {
            throw new HttpError(
              422,
              'invalid_policy',
              `No price tier ${strayOverride.tierId} sells under this policy, so it cannot have windows of its own here.`,
            );
          }
          const checked = refundPolicySchema.safeParse({
            ...before,
            windows: request.body.windows,
            fees: request.body.fees,
            ...(approvals ? { approvals } : {}),
            ...(methods ? { methods } : {}),
            ...(nonRefundableTierIds ? { nonRefundableTierIds } : {}),
            ...(tierOverrides ? { tierOverrides } : {}),
            version: before.version + 1,
          });
          if (!checked.success) {
            throw new HttpError(422, 'invalid_policy', checked.error.issues[0]!.message);
          }
          policy = checked.data;
          return {
            ...newest,
            refundPolicies: newest.refundPolicies.map((p) =>
              p.id === policyId ? checked.data : p,
            ),
          };
        },
        (tx, catalog) =>
          recordAudit(
            tx,
            manager.venueId,
            `manager:${manager.managerId}`,
            'refund_policy_changed',
            null,
            {
              policyId,
              name: policy!.name,
              fromVersion: before!.version,
              toVersion: policy!.version,
              windowsBefore: before!.windows,
              windows: policy!.windows,
              feesBefore: before!.fees,
              fees: policy!.fees,
              approvals: policy!.approvals,
              methods: policy!.methods,
              nonRefundableTierIds: policy!.nonRefundableTierIds,
              tierOverrides: policy!.tierOverrides,
              catalogVersion: catalog.version,
            },
          ),
      );
      return { version, policy: policy! };
    },
  );
  done();
};

/** When a performance starts now: a postponed one at its new date (as the door rule reads it). */
function currentStart(p: Performance): string {
  return p.status === 'postponed' && p.rescheduledTo ? p.rescheduledTo : p.startsAt;
}

function refuseUnchangeable(p: Performance, now: number, what: 'cancelled' | 'postponed'): void {
  if (p.status === 'cancelled') {
    throw new HttpError(
      409,
      'already_cancelled',
      `Performance ${p.id} is already cancelled; it cannot be ${what}.`,
    );
  }
  const starts = currentStart(p);
  if (Date.parse(starts) <= now) {
    throw new HttpError(
      409,
      'already_started',
      `Performance ${p.id} started at ${new Date(starts).toISOString()}; a performance that has started cannot be ${what}.`,
    );
  }
}

async function changePerformance(
  db: Db,
  feed: FeedNotifier,
  manager: { venueId: string; managerId: string },
  performanceId: string,
  kind: 'performance_cancelled' | 'performance_postponed',
  change: (p: Performance) => { next: Performance; detail: Record<string, unknown> },
  /** More to do in the publishing transaction; what it answers joins the audit's detail. */
  alsoInTx?: (tx: Queryable, catalog: Catalog) => Promise<Record<string, unknown>>,
): Promise<z.output<typeof changedSchema>> {
  let detail: Record<string, unknown> = {};
  let performance: Performance | undefined;
  const performanceIn = (catalog: Catalog): Performance => performanceOf(catalog, performanceId);
  const { version } = await publishCatalogChange(
    db,
    feed,
    manager.venueId,
    manager.managerId,
    (newest) => {
      const changed = change(performanceIn(newest));
      detail = changed.detail;
      performance = changed.next;
      return {
        ...newest,
        performances: newest.performances.map((p) => (p.id === performanceId ? changed.next : p)),
      };
    },
    async (tx, catalog) => {
      const p = performanceIn(catalog);
      const more = alsoInTx ? await alsoInTx(tx, catalog) : {};
      await recordAudit(tx, manager.venueId, `manager:${manager.managerId}`, kind, null, {
        performanceId,
        eventId: p.eventId,
        eventName: catalog.events.find((e) => e.id === p.eventId)?.name ?? p.eventId,
        startsAt: p.startsAt,
        catalogVersion: catalog.version,
        ...detail,
        ...more,
      });
    },
  );
  return { version, performance: performance! };
}

/** The catalog's performance with this id, or a 404 in words. */
export function performanceOf(catalog: Catalog, performanceId: string): Performance {
  const p = catalog.performances.find((x) => x.id === performanceId);
  if (!p) {
    throw new HttpError(
      404,
      'performance_not_found',
      `There is no performance ${performanceId} in this venue's catalog.`,
    );
  }
  return p;
}
