/**
 * The back office's Z view (GET /api/venues/:venueId/terminals/:terminalId/shifts/:shiftId/z)
 * and performance names (GET /api/venues/:venueId/reports/performances): two tills push real
 * days built with the domain's commands; a manager reads any closed shift's Z and gets what
 * the till itself computed and printed. Real HTTP on PGlite (PostgreSQL in CI).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeShift } from '../../shared/commands';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { seedFirstCatalog } from '../../src-server/catalog/catalogs';
import { figuresOf } from '../../src-server/reports/day-figures';
import { seedFirstStaffList } from '../../src-server/staff/staff-lists';
import {
  performanceNamesSchema,
  zReportAnswerSchema,
} from '../../src-server/routes/back-office-reports';
import { openTill, STAFF, uah, type Till } from '../fixtures/domain';
import { approving } from '../support/approvals';
import { busyShift, twoShiftDay } from '../unit/journal-day';
import {
  OTHER_MANAGER,
  OTHER_VENUE,
  sealAs,
  startServer,
  type TestServer,
  fixtureCatalog,
} from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

function close(till: Till, counted = 1000) {
  till.take(
    approving(STAFF.taras, (approver) =>
      closeShift(
        { ...till.base(), shiftTally: till.shiftTally() },
        { counted: uah(counted), note: 'Counted', approver },
        STAFF.olena,
        till.ports,
      ),
    ),
  );
}

async function pushDay(till: Till, venueId?: string) {
  const enrolled = await server.enrol(venueId);
  const entries = await sealAs(enrolled.terminalId, till.entries);
  expect((await server.push(enrolled, entries)).status).toBe(200);
  return { terminalId: enrolled.terminalId, entries };
}

const closes = (entries: DomainEntry[]) =>
  entries.flatMap((e) => (e.type === 'shift_close' ? [e] : []));
const opens = (entries: DomainEntry[]) =>
  entries.flatMap((e) => (e.type === 'shift_open' ? [e] : []));

const zPath = (venueId: string, terminalId: string, shiftId: string) =>
  `/api/venues/${venueId}/terminals/${terminalId}/shifts/${encodeURIComponent(shiftId)}/z`;

describe('any Z of any till', () => {
  it("answers a closed shift's Z exactly as the till computed it, for each till", async () => {
    await seedFirstStaffList(
      server.db,
      'podil-stage',
      [{ id: 'olena', name: 'Olena Koval', role: 'cashier', pin: '1111' }],
      'test',
    );
    // A: one closed shift and a second still open; B: one busy shift, closed, 50.00 short.
    const a = await pushDay(await twoShiftDay());
    const tillB = openTill(STAFF.olena, '2026-04-01T17:00:00Z');
    await busyShift(tillB);
    close(tillB, 950);
    const b = await pushDay(tillB);

    for (const till of [a, b]) {
      const z = closes(till.entries)[0]!;
      const res = await server.request(
        'GET',
        zPath('podil-stage', till.terminalId, z.payload.shiftId),
        { auth: server.managerAuth() },
      );
      expect(res.status).toBe(200);
      const answer = zReportAnswerSchema.parse(res.body);
      expect(answer).toMatchObject({
        venueId: 'podil-stage',
        terminalId: till.terminalId,
        shiftId: z.payload.shiftId,
        seq: z.seq,
        closedAt: z.at,
      });
      expect(answer.terminalName).not.toBe('');
      // Who opened the shift by the name the venue's staff list gives; an id no list names
      // stays the id.
      const openedBy = answer.close.report.openedBy.staffId;
      expect(answer.cashierName).toBe(openedBy === 'olena' ? 'Olena Koval' : openedBy);
      // Who closed it (Olena, with Taras approving), named the same way.
      expect(answer.close.staff.staffId).toBe('olena');
      expect(answer.closedByName).toBe('Olena Koval');
      // The till's own Z: report, Z number, counted, expected and over/short, unchanged.
      expect(answer.close).toEqual(z.payload);
      expect(answer.close.report.kind).toBe('Z');
      expect(answer.figures).toEqual(figuresOf(z.payload.report));
      expect(answer.figures.sales.count).toBeGreaterThan(0);
    }
    // The two tills' Zs are their own: different shifts, different figures where they differ.
    const zb = closes(b.entries)[0]!;
    const resB = await server.request(
      'GET',
      zPath('podil-stage', b.terminalId, zb.payload.shiftId),
      {
        auth: server.managerAuth(),
      },
    );
    expect(resB.body.close.counted).toEqual(uah(950));
    expect(resB.body.close.overShort).toEqual(zb.payload.overShort);
    expect(zb.payload.overShort.amount).not.toBe(0);

    // The same Zs the day report lists for that day.
    const day = await server.request('GET', '/api/venues/podil-stage/reports/day?date=2026-04-01', {
      auth: server.managerAuth(),
    });
    const dayZ = (
      day.body.terminals as { terminalId: string; zReports: { figures: unknown }[] }[]
    ).find((t) => t.terminalId === b.terminalId)!.zReports[0]!.figures;
    expect(resB.body.figures).toEqual(dayZ);
  });

  it('an unknown shift, a shift still open and an unknown window are 404 with a sentence', async () => {
    const a = await pushDay(await twoShiftDay());
    const unknown = await server.request('GET', zPath('podil-stage', a.terminalId, 'no-such'), {
      auth: server.managerAuth(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('shift_not_found');
    expect(unknown.body.error.message).toMatch(/has sent no shift no-such/);

    const stillOpen = opens(a.entries)[1]!.payload.shiftId;
    const open = await server.request('GET', zPath('podil-stage', a.terminalId, stillOpen), {
      auth: server.managerAuth(),
    });
    expect(open.status).toBe(404);
    expect(open.body.error.code).toBe('shift_not_closed');
    expect(open.body.error.message).toMatch(/is not closed yet .* no Z report/);

    const noWindow = await server.request('GET', zPath('podil-stage', 'T404', 'x'), {
      auth: server.managerAuth(),
    });
    expect(noWindow.status).toBe(404);
    expect(noWindow.body.error).toEqual({
      code: 'terminal_not_found',
      message: 'There is no window T404 at this venue.',
    });
  });

  it("another venue's till: its own manager reads its Z, this venue's manager gets 404", async () => {
    const tillL = openTill(STAFF.olena, '2026-04-01T09:00:00Z');
    close(tillL);
    const l = await pushDay(tillL, OTHER_VENUE.venueId);
    const shiftId = closes(l.entries)[0]!.payload.shiftId;
    const own = await server.request('GET', zPath(OTHER_VENUE.venueId, l.terminalId, shiftId), {
      auth: server.managerAuth(OTHER_MANAGER),
    });
    expect(own.status).toBe(200);
    expect(own.body.venueId).toBe(OTHER_VENUE.venueId);
    const here = await server.request('GET', zPath('podil-stage', l.terminalId, shiftId), {
      auth: server.managerAuth(),
    });
    expect(here.status).toBe(404);
    expect(here.body.error.code).toBe('terminal_not_found');
    // …and not by asking for the other venue in the path either (401: not her venue).
    const across = await server.request('GET', zPath(OTHER_VENUE.venueId, l.terminalId, shiftId), {
      auth: server.managerAuth(),
    });
    expect(across.status).toBe(401);
  });
});

describe('performance names for the reports', () => {
  it("names each performance by its event and start, from the venue's newest catalog", async () => {
    const read = async () => {
      const res = await server.request('GET', '/api/venues/podil-stage/reports/performances', {
        auth: server.managerAuth(),
      });
      expect(res.status).toBe(200);
      return performanceNamesSchema.parse(res.body);
    };
    await server.db.query(`DELETE FROM catalogs WHERE venue_id = 'podil-stage'`);
    expect(await read()).toEqual({ catalogVersion: null, performances: [] });
    const catalog = fixtureCatalog('podil-stage', 7);
    await seedFirstCatalog(server.db, 'podil-stage', catalog, 'test');
    const answer = await read();
    expect(answer.catalogVersion).toBe(7);
    expect(answer.performances).toContainEqual({
      performanceId: 'hamlet-0501',
      eventName: 'Hamlet',
      startsAt: '2026-05-01T19:00:00+03:00',
      status: 'scheduled',
    });
    expect(answer.performances.find((p) => p.performanceId === 'jazz-0510')?.eventName).toBe(
      'Jazz Night',
    );
  });
});
