import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { roleSchema } from '../../shared/catalog/roles';
import { staffIdSchema } from '../../shared/staff/staff-list';
import { managerGuard, principalOf } from '../auth/manager-auth';
import type { Db } from '../db/port';
import { isoTimestampOrNull } from '../db/timestamps';
import { HttpError } from '../http-error';
import { publishStaffChange, staffView } from '../staff/staff-admin';
import type { FeedNotifier } from '../sync/feed-notifier';
import { switchKiosk } from '../sync/kiosk-switch';

const venueId = venueIdSchema;
const terminalId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a terminal id');
const staffName = z
  .string()
  .trim()
  .min(1, 'A name cannot be empty.')
  .max(100, 'A name is at most 100 characters.');
/** Checked by the route (checkPin) so a bad PIN gets its own sentence, not a schema path. */
const typedPin = z.string().max(64);

const memberView = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  locked: z.boolean(),
});
const changed = z.strictObject({ version: z.number().int(), member: memberView.nullable() });
const iso = z.string();

/**
 * The back office's staff and terminals (issue 13 item 8). Staff changes go one member at a
 * time and each is published as the next staff-list version (src-server/staff/staff-admin.ts
 * explains locking); terminals are listed with their live leases and kiosk flag.
 */
export const staffAdminRoutes: FastifyPluginCallbackZod<{ db: Db; feed: FeedNotifier }> = (
  app,
  { db, feed },
  done,
) => {
  app.get(
    '/api/venues/:venueId/staff',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.object({ venueId }),
        response: {
          200: z.strictObject({
            version: z.number().int().nullable(),
            publishedAt: iso.nullable(),
            staff: z.array(memberView),
          }),
        },
      },
    },
    async (request) => staffView(db, principalOf(request).venueId),
  );

  app.post(
    '/api/venues/:venueId/staff/members',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId }),
        body: z.strictObject({
          id: staffIdSchema,
          name: staffName,
          role: roleSchema,
          pin: typedPin,
        }),
        response: { 201: changed },
      },
    },
    async (request, reply) => {
      const manager = principalOf(request);
      const { id, name, role, pin } = request.body;
      const result = await publishStaffChange(
        db,
        feed,
        manager.venueId,
        manager.managerId,
        { op: 'add', id, name, role },
        pin,
      );
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/api/venues/:venueId/staff/members/:staffId',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId, staffId: staffIdSchema }),
        body: z.strictObject({
          name: staffName.optional(),
          role: roleSchema.optional(),
          locked: z.boolean().optional(),
        }),
        response: { 200: changed },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { name, role, locked } = request.body;
      if (name === undefined && role === undefined && locked === undefined) {
        throw new HttpError(
          400,
          'nothing_to_change',
          'Say what to change: a new name, a new role, or lock or unlock.',
        );
      }
      return publishStaffChange(
        db,
        feed,
        manager.venueId,
        manager.managerId,
        {
          op: 'edit',
          id: request.params.staffId,
          ...(name !== undefined ? { name } : {}),
          ...(role !== undefined ? { role } : {}),
          ...(locked !== undefined ? { locked } : {}),
        },
        null,
      );
    },
  );

  app.post(
    '/api/venues/:venueId/staff/members/:staffId/reset-pin',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId, staffId: staffIdSchema }),
        body: z.strictObject({ pin: typedPin }),
        response: { 200: changed },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return publishStaffChange(
        db,
        feed,
        manager.venueId,
        manager.managerId,
        { op: 'reset_pin', id: request.params.staffId },
        request.body.pin,
      );
    },
  );

  app.get(
    '/api/venues/:venueId/terminals/overview',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params: z.object({ venueId }) },
    },
    async (request) => {
      const manager = principalOf(request);
      const terminals = await db.query<{
        terminal_id: string;
        name: string;
        enrolled_at: Date | string;
        revoked_at: Date | string | null;
        revoked_reason: string | null;
        head_seq: unknown;
        head_at: Date | string | null;
        kiosk_mode: boolean;
      }>(
        `SELECT terminal_id, name, enrolled_at, revoked_at, revoked_reason, head_seq, head_at,
           kiosk_mode
         FROM terminals WHERE venue_id = $1 ORDER BY terminal_no`,
        [manager.venueId],
      );
      const leases = await db.query<{
        terminal_id: string;
        lease_id: string;
        performance_id: string;
        seats: unknown;
        ga: unknown;
        checked_out_seats: unknown;
        checked_out_ga: unknown;
        expires_at: Date | string;
        event_name: string | null;
        starts_at: string | null;
      }>(
        // The performance's event name and start from the newest catalog, so a manager reads
        // "Forest Song, 20 Dec 19:00" rather than an id.
        `WITH cat AS (
           SELECT body FROM catalogs WHERE venue_id = $1 ORDER BY version DESC LIMIT 1
         ), perf AS (
           SELECT p.value->>'id' AS id, p.value->>'startsAt' AS starts_at,
             e.value->>'name' AS event_name
           FROM cat CROSS JOIN LATERAL jsonb_array_elements(cat.body->'performances') AS p
           LEFT JOIN LATERAL jsonb_array_elements(cat.body->'events') AS e
             ON e.value->>'id' = p.value->>'eventId'
         )
         SELECT l.terminal_id, l.lease_id, l.performance_id, cardinality(l.seat_ids) AS seats,
           l.ga, l.checked_out_seats, l.checked_out_ga, l.expires_at, perf.event_name,
           perf.starts_at
         FROM inventory_leases l LEFT JOIN perf ON perf.id = l.performance_id
         WHERE l.venue_id = $1 AND l.status = 'active' AND l.expires_at > now()
         ORDER BY l.expires_at, l.lease_id`,
        [manager.venueId],
      );
      const gaCount = (ga: unknown): number => {
        const places = (typeof ga === 'string' ? JSON.parse(ga) : ga) as Record<string, unknown>;
        return Object.values(places ?? {}).reduce<number>((n, c) => n + Number(c), 0);
      };
      return {
        terminals: terminals.map((t) => ({
          terminalId: t.terminal_id,
          name: t.name,
          enrolledAt: isoTimestampOrNull(t.enrolled_at)!,
          revokedAt: isoTimestampOrNull(t.revoked_at),
          revokedReason: t.revoked_reason,
          headSeq: Number(t.head_seq),
          /** When its chain last grew here: the last push that brought entries. */
          lastPushAt: isoTimestampOrNull(t.head_at),
          kiosk: t.kiosk_mode,
          leases: leases
            .filter((l) => l.terminal_id === t.terminal_id)
            .map((l) => ({
              leaseId: l.lease_id,
              performanceId: l.performance_id,
              eventName: l.event_name,
              startsAt: l.starts_at,
              /** Still unsold of what it was given. */
              seats: Number(l.seats ?? 0),
              ga: gaCount(l.ga),
              checkedOutSeats: Number(l.checked_out_seats),
              checkedOutGa: Number(l.checked_out_ga),
              expiresAt: isoTimestampOrNull(l.expires_at)!,
            })),
        })),
      };
    },
  );

  app.put(
    '/api/venues/:venueId/terminals/:terminalId/kiosk',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.object({ venueId, terminalId }),
        body: z.strictObject({ kiosk: z.boolean() }),
        response: {
          200: z.strictObject({
            terminalId: z.string(),
            kiosk: z.boolean(),
            openShift: z.strictObject({ shiftId: z.string(), openedAt: iso }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return switchKiosk(
        db,
        feed,
        { venueId: manager.venueId, actor: `manager:${manager.managerId}` },
        request.params.terminalId,
        request.body.kiosk,
      );
    },
  );
  done();
};
