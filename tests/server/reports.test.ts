/**
 * The day report (GET /api/venues/:venueId/reports/day): journal days built with the
 * domain's commands (tests/unit/journal-day.ts), pushed by two tills, reported by a manager.
 * The day's figures come from the shared shift tally over the stored entries; the check sets
 * them beside the Z reports the tills printed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sell } from '../../shared/commands';
import { cashMovedBy } from '../../shared/journal/cash-movement';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { dayReportSchema, type DayReport } from '../../src-server/reports/day-report';
import { openTill, STAFF, uah, type Till } from '../fixtures/domain';
import { busyShift, cash, closeWithZ, twoShiftDay } from '../unit/journal-day';
import { OTHER_MANAGER, sealAs, startServer, type TestServer } from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

async function sellOne(till: Till, seatId: string) {
  till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId }],
        tenders: [cash(250)],
      },
      STAFF.olena,
      till.ports,
    ),
  );
}

async function pushDay(till: Till): Promise<DomainEntry[]> {
  const enrolled = await server.enrol();
  const entries = await sealAs(enrolled.terminalId, till.entries);
  expect((await server.push(enrolled, entries)).status).toBe(200);
  return entries;
}

async function dayReport(date: string, venueId = 'podil-stage', auth = server.managerAuth()) {
  const res = await server.request('GET', `/api/venues/${venueId}/reports/day?date=${date}`, {
    auth,
  });
  expect(res.status).toBe(200);
  return dayReportSchema.parse(res.body);
}

const zOf = (entries: DomainEntry[]) =>
  entries.filter((e) => e.type === 'shift_close').map((e) => e.payload.report);

describe('day report', () => {
  let a: DomainEntry[];
  let b: DomainEntry[];
  let report: DayReport;

  beforeEach(async () => {
    // A: a closed busy shift and a second one still open with one sale (07:00Z).
    a = await pushDay(await twoShiftDay());
    // B: a busy shift opened and closed the same evening (17:00Z).
    const tillB = openTill(STAFF.olena, '2026-04-01T17:00:00Z');
    await busyShift(tillB);
    closeWithZ(tillB);
    b = await pushDay(tillB);
    report = await dayReport('2026-04-01');
  });

  it('adds up sales, refunds, exchanges, voids and cash by terminal, performance and reason', () => {
    const [za, zb] = [zOf(a)[0]!, zOf(b)[0]!];
    const lastSale = a.filter((e) => e.type === 'sale').at(-1)!;
    if (lastSale.type !== 'sale') throw new Error('no sale');
    expect(report).toMatchObject({ venueId: 'podil-stage', date: '2026-04-01', timeZone: 'UTC' });
    expect(report.totals.sales).toEqual({
      count: za.sales.count + zb.sales.count + 1,
      tickets: za.sales.tickets + zb.sales.tickets + lastSale.payload.tickets.length,
      gross: uah(
        (za.sales.total.amount + zb.sales.total.amount + lastSale.payload.totals.total.amount) /
          100,
      ),
    });
    expect(report.totals.refunds.byReason).toEqual([
      { reasonCode: 'customer_request', count: 2, tickets: 2, total: expect.any(Object) },
    ]);
    expect(report.totals.refunds.total.amount).toBe(
      za.refunds.total.amount + zb.refunds.total.amount,
    );
    expect(report.totals.exchanges.count).toBe(2);
    expect(report.totals.voids.count).toBe(2);
    // Cash in and out of the drawers: the same as main's drawer rule (cashMovedBy) says.
    const moved = [...a, ...b].map((e) => cashMovedBy(e) ?? { in: 0, out: 0 });
    const c = report.totals.cash;
    expect(c.in.amount + c.paidIn.amount).toBe(moved.reduce((s, m) => s + m.in, 0));
    expect(c.out.amount + c.paidOut.amount + c.drops.amount).toBe(
      moved.reduce((s, m) => s + m.out, 0),
    );
    // By terminal: two, each with its own Z; by performance: both performances.
    expect(report.terminals.map((t) => t.zReports.map((z) => [z.zNumber, z.wholeDay]))).toEqual([
      [[za.zNumber, true]],
      [[zb.zNumber, true]],
    ]);
    expect(report.terminals[0]!.totals.sales.count).toBe(za.sales.count + 1);
    expect(report.totals.performances.map((p) => p.performanceId)).toEqual([
      'hamlet-0501',
      'jazz-0510',
    ]);
    const hamlet = report.totals.performances[0]!;
    expect(hamlet.sold).toBe(
      za.performances[0]!.sold + zb.performances[0]!.sold + lastSale.payload.tickets.length,
    );
  });

  it("checks the day against the tills' Z reports: equal for whole shifts, open ones named", () => {
    const { check } = report;
    expect(check.wholeShifts).toHaveLength(2);
    expect(check.matches).toBe(true);
    expect(check.fromZ).toEqual(check.fromEntries);
    expect(check.fromZ.sales.gross.amount).toBe(
      zOf(a)[0]!.sales.total.amount + zOf(b)[0]!.sales.total.amount,
    );
    // A's second shift is still open: the day is the Zs plus that shift's one sale.
    expect(check.partialShifts).toEqual([
      {
        terminalId: report.terminals[0]!.terminalId,
        shiftId: expect.any(String),
        state: 'open_at_day_end',
      },
    ]);
    expect(check.totalsAreSumOfZ).toBe(false);
    expect(report.totals.sales.count).toBe(check.fromZ.sales.count + 1);
  });

  it('a day with only whole shifts IS the sum of its Z reports; another day is empty', async () => {
    // A third till's shift on a day of its own.
    const tillC = openTill(STAFF.olena, '2026-04-03T09:00:00Z');
    await busyShift(tillC);
    closeWithZ(tillC);
    const c = await pushDay(tillC);
    const day = await dayReport('2026-04-03');
    expect(day.check).toMatchObject({ matches: true, partialShifts: [], totalsAreSumOfZ: true });
    expect(day.totals).toEqual(day.check.fromZ);
    expect(day.check.fromZ.sales.gross).toEqual(zOf(c)[0]!.sales.total);
    const empty = await dayReport('2026-04-02');
    expect(empty.terminals).toEqual([]);
    expect(empty.totals.sales).toEqual({ count: 0, tickets: 0, gross: uah(0) });
    expect(empty.check.totalsAreSumOfZ).toBe(true);
  });
});

describe('a shift across midnight (UTC)', () => {
  it('counts each day its own entries; the Z is listed on the day it closed, outside the check', async () => {
    const till = openTill(STAFF.olena, '2026-04-05T23:30:00Z');
    await sellOne(till, 'C3');
    till.clock.set('2026-04-06T00:30:00Z');
    await sellOne(till, 'C4');
    await sellOne(till, 'C5');
    closeWithZ(till);
    const entries = await pushDay(till);
    const first = await dayReport('2026-04-05');
    const second = await dayReport('2026-04-06');
    expect(first.totals.sales.count).toBe(1);
    expect(first.check.partialShifts.map((p) => p.state)).toEqual(['open_at_day_end']);
    expect(second.totals.sales.count).toBe(2);
    expect(second.check.partialShifts.map((p) => p.state)).toEqual(['opened_before']);
    expect(second.check.wholeShifts).toEqual([]);
    const z = second.terminals[0]!.zReports;
    expect(z.map((r) => r.wholeDay)).toEqual([false]);
    expect(z[0]!.figures.sales.count).toBe(3);
    // The two days add up to the shift's Z.
    expect(first.totals.sales.gross.amount + second.totals.sales.gross.amount).toBe(
      zOf(entries)[0]!.sales.total.amount,
    );
  });
});

describe('refusals', () => {
  it("401 without a manager or for another venue's manager, 400 for a bad date", async () => {
    const none = await server.request('GET', '/api/venues/podil-stage/reports/day?date=2026-04-01');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    const other = await server.request(
      'GET',
      '/api/venues/podil-stage/reports/day?date=2026-04-01',
      {
        auth: server.managerAuth(OTHER_MANAGER),
      },
    );
    expect(other.status).toBe(401);
    // A terminal's bearer token is not a manager's sign-in.
    const till = await server.enrol();
    const bearer = await server.request(
      'GET',
      '/api/venues/podil-stage/reports/day?date=2026-04-01',
      {
        auth: `Bearer ${till.token}`,
      },
    );
    expect(bearer.status).toBe(401);
    for (const query of ['', '?date=2026-4-1', '?date=2026-02-30', '?date=2026-04-01&x=1']) {
      const res = await server.request('GET', `/api/venues/podil-stage/reports/day${query}`, {
        auth: server.managerAuth(),
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        code: 'invalid_request',
        message: expect.stringMatching(/^The request does not match the API: querystring/),
      });
    }
    // The other venue's manager sees their own (empty) venue, never podil-stage's entries.
    const mine = await dayReport('2026-04-01', 'lviv-hall', server.managerAuth(OTHER_MANAGER));
    expect(mine.terminals).toEqual([]);
  });
});
