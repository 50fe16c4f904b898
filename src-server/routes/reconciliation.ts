import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import { dbIntQuery } from '../../shared/util/db-int';
import {
  reconciliationListSchema,
  reconciliationStatusSchema,
  resolveRequestSchema,
  resolveResponseSchema,
  type EntryRef,
  type ReconciliationException,
  type ReconciliationKind,
} from '../../shared/sync/reconciliation-contract';
import { recordAudit } from '../audit/audit-log';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { num, type Db, type Queryable } from '../db/port';
import { isoTimestamp } from '../db/timestamps';
import { HttpError } from '../http-error';

const venueId = venueIdSchema;
const terminalId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a terminal id');

/**
 * Reconciliation exceptions for a venue's managers (HTTP Basic, like the other manager
 * routes): the list (open, resolved or all, oldest first) and resolving one with a note —
 * who (the signed-in manager), when (the server's clock) and why. A resolved exception stays
 * resolved: resolving it again is 409 `already_resolved`, the first resolution kept.
 */
export const reconciliationRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  app.get(
    '/api/venues/:venueId/reconciliation',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId }),
        querystring: z.strictObject({ status: reconciliationStatusSchema.default('open') }),
        response: { 200: reconciliationListSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { status } = request.query;
      const rows = await db.query<ExceptionRow>(
        `${SELECT} WHERE x.venue_id = $1
           AND ($2 = 'all' OR (x.resolved_at IS NULL) = ($2 = 'open'))
         ORDER BY x.raised_at, x.terminal_id, x.seq`,
        [manager.venueId, status],
      );
      return { exceptions: rows.map(view) };
    },
  );

  app.post(
    '/api/venues/:venueId/reconciliation/:terminalId/:seq/resolve',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId, terminalId, seq: dbIntQuery(1) }),
        body: resolveRequestSchema,
        response: { 200: resolveResponseSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const { terminalId: terminal, seq } = request.params;
      const key = [manager.venueId, terminal, seq];
      const updated = await db.query<{ seq: number }>(
        `UPDATE reconciliation_exceptions
         SET resolved_at = now(), resolved_by = $4, resolution = $5
         WHERE venue_id = $1 AND terminal_id = $2 AND seq = $3 AND resolved_at IS NULL
         RETURNING seq`,
        [...key, manager.managerId, request.body.note],
      );
      const row = await one(db, key);
      if (updated.length === 0) {
        if (row === null) {
          throw new HttpError(
            404,
            'exception_not_found',
            `There is no reconciliation exception for ${terminal} seq ${seq} at this venue.`,
          );
        }
        throw new HttpError(
          409,
          'already_resolved',
          `This exception was resolved by ${row.resolvedByName ?? row.resolvedBy ?? '?'} at ${row.resolvedAt ?? '?'}: ${row.resolution ?? ''}`,
        );
      }
      await recordAudit(
        db,
        manager.venueId,
        `manager:${manager.managerId}`,
        'exception_resolved',
        terminal,
        {
          seq,
          kind: row!.kind,
          amountMinor: row!.amountMinor,
          currency: row!.currency,
          note: request.body.note,
        },
      );
      request.log.info(
        { venueId: manager.venueId, terminalId: terminal, seq, managerId: manager.managerId },
        'reconciliation exception resolved',
      );
      return { exception: row! };
    },
  );
  done();
};

/** Who resolved it by name as well as id: the manager's row of the venue (kept, never deleted). */
const SELECT = `SELECT x.terminal_id, x.seq, x.kind, x.code, x.message, x.entries, x.amount_minor,
    x.currency, x.suggested_action, x.performance_id, x.raised_at, x.resolved_at, x.resolved_by,
    m.name AS resolved_by_name, x.resolution
  FROM reconciliation_exceptions x
  LEFT JOIN managers m ON m.venue_id = x.venue_id AND m.manager_id = x.resolved_by`;

interface ExceptionRow {
  terminal_id: string;
  seq: number;
  kind: ReconciliationKind;
  code: string;
  message: string;
  entries: unknown;
  amount_minor: unknown;
  currency: string | null;
  suggested_action: string | null;
  performance_id: string | null;
  raised_at: Date | string;
  resolved_at: Date | string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolution: string | null;
}

async function one(db: Queryable, key: unknown[]): Promise<ReconciliationException | null> {
  const rows = await db.query<ExceptionRow>(
    `${SELECT} WHERE x.venue_id = $1 AND x.terminal_id = $2 AND x.seq = $3`,
    key,
  );
  return rows[0] ? view(rows[0]) : null;
}

function view(r: ExceptionRow): ReconciliationException {
  const entries = (typeof r.entries === 'string' ? JSON.parse(r.entries) : r.entries) as EntryRef[];
  return {
    terminalId: r.terminal_id,
    seq: Number(r.seq),
    kind: r.kind,
    code: r.code,
    message: r.message,
    entries,
    amountMinor: r.amount_minor === null ? null : num(r.amount_minor),
    currency: r.currency,
    suggestedAction: r.suggested_action,
    performanceId: r.performance_id,
    raisedAt: isoTimestamp(r.raised_at),
    resolvedAt: r.resolved_at === null ? null : isoTimestamp(r.resolved_at),
    resolvedBy: r.resolved_by,
    resolvedByName: r.resolved_by_name,
    resolution: r.resolution,
  };
}
