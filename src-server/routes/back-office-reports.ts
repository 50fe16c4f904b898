import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { venueIdSchema } from '../../shared/catalog/venue-id';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { shiftClosePayloadSchema } from '../../shared/journal/entry-schema';
import { managerGuard, principalOf } from '../auth/manager-auth';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { dayFiguresSchema, figuresOf } from '../reports/day-figures';
import { staffNameOf } from '../staff/staff-admin';

const venueId = venueIdSchema;
const terminalId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a terminal id');
const shiftId = z.string().min(1).max(200);

/** One shift's Z as the till computed and printed it (its shift_close entry, unchanged). */
export const zReportAnswerSchema = z.strictObject({
  venueId: z.string(),
  terminalId: z.string(),
  /** The window's name as enrolled ("Window 1"). */
  terminalName: z.string(),
  /** Who opened the shift, by the name the venue's staff list gives them (the id if none). */
  cashierName: z.string(),
  /** Who closed it (the Z's signer, maybe a supervisor), named the same way. */
  closedByName: z.string(),
  shiftId: z.string(),
  /** The journal entry that closed the shift: its seq and when the till wrote it. */
  seq: z.number().int().min(1),
  closedAt: z.string(),
  /** The shift_close payload: Z number, who closed, counted/expected/over-short, the report. */
  close: shiftClosePayloadSchema,
  /** The same report as the day report's figures (for setting it beside a day's totals). */
  figures: dayFiguresSchema,
});
export type ZReportAnswer = z.infer<typeof zReportAnswerSchema>;

/**
 * One shift's Z as its till wrote it: the back office's Z page and a reprint at another till
 * (print-jobs.ts) read it here. 404 with words a manager understands when the window, the
 * shift or its close is not on the server.
 */
export async function readZReport(
  db: Queryable,
  venue: string,
  terminal: string,
  shift: string,
): Promise<ZReportAnswer> {
  const terminals = await db.query<{ name: string }>(
    `SELECT name FROM terminals WHERE venue_id = $1 AND terminal_id = $2`,
    [venue, terminal],
  );
  if (terminals.length === 0) {
    throw new HttpError(404, 'terminal_not_found', `There is no window ${terminal} at this venue.`);
  }
  const rows = await db.query<{ seq: number; type: string; at: string; body: DomainEntry }>(
    `SELECT seq, type, at, body FROM journal_entries
     WHERE venue_id = $1 AND terminal_id = $2 AND type IN ('shift_open', 'shift_close')
       AND body->'payload'->>'shiftId' = $3
     ORDER BY seq`,
    [venue, terminal, shift],
  );
  const closeRow = rows.find((r) => r.type === 'shift_close');
  if (!closeRow) {
    throw new HttpError(
      404,
      rows.length === 0 ? 'shift_not_found' : 'shift_not_closed',
      rows.length === 0
        ? `Window ${terminals[0]!.name} has sent no shift ${shift}.`
        : `Shift ${shift} of window ${terminals[0]!.name} is not closed yet (or its close has not been sent): it has no Z report.`,
    );
  }
  const entry = closeRow.body;
  if (entry.type !== 'shift_close') throw new Error('shift_close row without its payload');
  const openedBy = entry.payload.report.openedBy.staffId;
  const closedBy = entry.payload.staff.staffId;
  const cashierName = (await staffNameOf(db, venue, openedBy)) ?? openedBy;
  const closedByName =
    closedBy === openedBy ? cashierName : ((await staffNameOf(db, venue, closedBy)) ?? closedBy);
  return {
    venueId: venue,
    terminalId: terminal,
    terminalName: terminals[0]!.name,
    cashierName,
    closedByName,
    shiftId: shift,
    seq: Number(closeRow.seq),
    closedAt: entry.at,
    close: entry.payload,
    figures: figuresOf(entry.payload.report),
  };
}

/** What the reports show for a performance id: its event's name and start, newest catalog. */
export const performanceNamesSchema = z.strictObject({
  catalogVersion: z.number().int().nullable(),
  performances: z.array(
    z.strictObject({
      performanceId: z.string(),
      eventName: z.string(),
      startsAt: z.string(),
      status: z.string(),
    }),
  ),
});

interface CatalogBody {
  readonly events?: readonly { id: string; name: string }[];
  readonly performances?: readonly {
    id: string;
    eventId: string;
    startsAt: string;
    status: string;
  }[];
}

/**
 * The back office's reports (issue 13 item 4): any till's Z by its shift, and the names of
 * the performances the day report counts by id. Reads only: supervisors see them too.
 */
export const backOfficeReportRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  app.get(
    '/api/venues/:venueId/terminals/:terminalId/shifts/:shiftId/z',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId, terminalId, shiftId }),
        response: { 200: zReportAnswerSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      return readZReport(db, manager.venueId, request.params.terminalId, request.params.shiftId);
    },
  );

  app.get(
    '/api/venues/:venueId/reports/performances',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId }),
        response: { 200: performanceNamesSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const rows = await db.query<{ version: number; body: CatalogBody | string }>(
        `SELECT version, body FROM catalogs WHERE venue_id = $1 ORDER BY version DESC LIMIT 1`,
        [manager.venueId],
      );
      const row = rows[0];
      if (!row) return { catalogVersion: null, performances: [] };
      const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as CatalogBody;
      const events = new Map((body.events ?? []).map((e) => [e.id, e.name]));
      return {
        catalogVersion: Number(row.version),
        performances: (body.performances ?? []).map((p) => ({
          performanceId: p.id,
          eventName: events.get(p.eventId) ?? p.eventId,
          startsAt: p.startsAt,
          status: p.status,
        })),
      };
    },
  );
  done();
};
