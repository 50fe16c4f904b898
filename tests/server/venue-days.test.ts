/**
 * Report days are the venue's calendar days (its catalog's `venue.timeZone`, Europe/Kyiv
 * here), not UTC days: a sale at 00:30 on 6 December in Kyiv (22:30Z on the 5th) is in the
 * 6 December day report and analytics bucket, and a 25-hour day across the autumn DST change
 * counts every one of its sales once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refund, sell } from '../../shared/commands';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { dayReportSchema, type DayReport } from '../../src-server/reports/day-report';
import {
  refundAnalyticsSchema,
  type RefundAnalytics,
} from '../../src-server/reports/refund-analytics';
import { catalogSchema, indexCatalog } from '../../shared/catalog/catalog';
import { CATALOG_INPUT, openTill, STAFF, type Till } from '../fixtures/domain';
import { cash, closeWithZ } from '../unit/journal-day';
import { venueTimeZone } from '../../src-server/catalog/venue-zone';
import {
  fixtureCatalog,
  publishFixtureCatalog,
  sealAs,
  startServer,
  type TestServer,
} from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  // The fixtures' catalog, as a back office publishes it: its venue is in Europe/Kyiv.
  await publishFixtureCatalog(server, 'podil-stage');
});
afterAll(async () => {
  await server?.close();
});

/** The fixture catalog with Hamlet on 10 January 2027, on sale through the dates below. */
const LATER = indexCatalog(
  catalogSchema.parse({
    ...CATALOG_INPUT,
    performances: CATALOG_INPUT.performances.map((p) =>
      p.id === 'hamlet-0501' ? { ...p, startsAt: '2027-01-10T19:00:00+02:00' } : p,
    ),
  }),
);

/** A sale of one standing ticket at `at`; refunded a minute later when `refunded`. */
async function saleAt(till: Till, at: string, refunded = false): Promise<void> {
  till.clock.set(at);
  const r = await sell(
    { ...till.base(), catalog: LATER },
    {
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 1 }],
      tenders: [cash(200)],
    },
    STAFF.olena,
    till.ports,
  );
  const { sale } = till.take(r);
  if (!refunded) return;
  till.clock.set(new Date(Date.parse(at) + 60_000).toISOString());
  till.take(
    refund(
      { ...till.base(), catalog: LATER, order: till.order(sale.orderId) },
      {
        orderId: sale.orderId,
        ticketIds: [sale.tickets[0]!.ticketId],
        method: 'cash',
        reasonCode: 'customer_request',
      },
      STAFF.olena,
      till.ports,
    ),
  );
}

async function push(till: Till): Promise<DomainEntry[]> {
  const enrolled = await server.enrol();
  const entries = await sealAs(enrolled.terminalId, till.entries);
  expect((await server.push(enrolled, entries)).status).toBe(200);
  return entries;
}

async function dayReport(date: string): Promise<DayReport> {
  const res = await server.request('GET', `/api/venues/podil-stage/reports/day?date=${date}`, {
    auth: server.managerAuth(),
  });
  expect(res.status).toBe(200);
  return dayReportSchema.parse(res.body);
}

async function analytics(query: string): Promise<RefundAnalytics> {
  const res = await server.request('GET', `/api/venues/podil-stage/analytics/refunds?${query}`, {
    auth: server.managerAuth(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return refundAnalyticsSchema.parse(res.body);
}

describe('days cut at the venue’s midnight', () => {
  beforeAll(async () => {
    // Opened 22:00 Kyiv on 5 December; sales at 23:30 (5th) and 00:30, 00:45 (6th) Kyiv.
    const till = openTill(STAFF.olena, '2026-12-05T20:00:00Z');
    await saleAt(till, '2026-12-05T21:30:00Z', true);
    await saleAt(till, '2026-12-05T22:30:00Z', true);
    await saleAt(till, '2026-12-05T22:45:00Z');
    till.clock.set('2026-12-05T23:00:00Z');
    closeWithZ(till);
    await push(till);
  });

  it('the day report puts 23:30 on the 5th and 00:30 on the 6th, and names the zone', async () => {
    const fifth = await dayReport('2026-12-05');
    const sixth = await dayReport('2026-12-06');
    expect(fifth.timeZone).toBe('Europe/Kyiv');
    expect([fifth.totals.sales.count, sixth.totals.sales.count]).toEqual([1, 2]);
    expect([fifth.totals.refunds.count, sixth.totals.refunds.count]).toEqual([1, 1]);
    expect(fifth.check.partialShifts.map((p) => p.state)).toEqual(['open_at_day_end']);
    // The shift closed at 01:00 Kyiv on the 6th: its Z is that day's.
    expect(fifth.terminals[0]!.zReports).toEqual([]);
    expect(sixth.terminals[0]!.zReports.map((z) => z.closedAt)).toEqual([
      '2026-12-05T23:00:00.000Z',
    ]);
  });

  it('the refund analytics buckets the same days as the day report', async () => {
    const answer = await analytics('from=2026-12-05&to=2026-12-06');
    expect(answer.timeZone).toBe('Europe/Kyiv');
    expect(answer.buckets.map((b) => [b.start, b.sales.count, b.refunds.count])).toEqual([
      ['2026-12-05', 1, 1],
      ['2026-12-06', 2, 1],
    ]);
    const sixth = await dayReport('2026-12-06');
    expect(answer.buckets[1]!.sales.amount).toEqual(sixth.totals.sales.gross);
    expect(answer.buckets[1]!.refunds.amount).toEqual(sixth.totals.refunds.total);
    // Kept folds answer the same, and so does a fold from scratch.
    expect(await analytics('from=2026-12-05&to=2026-12-06')).toEqual(answer);
    await server.db.query(`UPDATE report_day_folds SET parts = NULL`);
    expect(await analytics('from=2026-12-05&to=2026-12-06')).toEqual(answer);
    // One day alone reads the same fold as it does within a range.
    const one = await analytics('from=2026-12-06&to=2026-12-06');
    expect(one.totals.sales.count).toBe(2);
  });
});

describe('the 25-hour day of the autumn DST change (Kyiv, 25 October 2026)', () => {
  let z: DomainEntry;
  beforeAll(async () => {
    const till = openTill(STAFF.olena, '2026-10-24T20:00:00Z');
    await saleAt(till, '2026-10-24T20:50:00Z'); // 23:50 EEST on the 24th
    await saleAt(till, '2026-10-24T21:10:00Z'); // 00:10 EEST on the 25th
    await saleAt(till, '2026-10-25T00:30:00Z'); // 03:30 EEST
    await saleAt(till, '2026-10-25T01:30:00Z'); // 03:30 again, EET
    await saleAt(till, '2026-10-25T21:50:00Z', true); // 23:50 EET on the 25th
    await saleAt(till, '2026-10-25T22:10:00Z'); // 00:10 EET on the 26th
    till.clock.set('2026-10-25T22:20:00Z');
    closeWithZ(till);
    z = (await push(till)).find((e) => e.type === 'shift_close')!;
  });

  it('each sale is in exactly one day: 1, 4 and 1 sales, 6 in all as on the Z', async () => {
    const days = await Promise.all(['2026-10-24', '2026-10-25', '2026-10-26'].map(dayReport));
    expect(days.map((d) => d.totals.sales.count)).toEqual([1, 4, 1]);
    if (z.type !== 'shift_close') throw new Error('no Z');
    expect(days.reduce((n, d) => n + d.totals.sales.gross.amount, 0)).toBe(
      z.payload.report.sales.total.amount,
    );
    const answer = await analytics('from=2026-10-24&to=2026-10-26');
    expect(answer.buckets.map((b) => b.sales.count)).toEqual([1, 4, 1]);
    expect(answer.buckets.map((b) => b.refunds.count)).toEqual([0, 1, 0]);
    expect(answer.totals.sales.count).toBe(z.payload.report.sales.count);
    // ISO weeks: Monday 19 to Sunday 25 October, then Monday 26.
    const weeks = await analytics('from=2026-10-19&to=2026-11-01&bucket=week');
    expect(weeks.buckets.map((b) => b.sales.count)).toEqual([5, 1]);
  });
});

describe("the venue's zone", () => {
  // Last in this file: it moves the venue to another zone.
  it('is the newest catalog’s, read again when a new catalog is published', async () => {
    expect(await venueTimeZone(server.db, 'podil-stage')).toBe('Europe/Kyiv');
    // Asked again: the same version, answered without reading the catalog's body.
    expect(await venueTimeZone(server.db, 'podil-stage')).toBe('Europe/Kyiv');
    const put = await server.request('PUT', '/api/venues/podil-stage/catalog', {
      body: fixtureCatalog('podil-stage', 2, { timeZone: 'Asia/Shanghai' }),
      auth: server.managerAuth(),
    });
    expect(put.status).toBe(200);
    expect(await venueTimeZone(server.db, 'podil-stage')).toBe('Asia/Shanghai');
    expect(await venueTimeZone(server.db, 'no-such-venue')).toBe('UTC');
  });

  it("is the zone a Z copy's print job gives a till, beside the newest catalog's venue name", async () => {
    // Its own catalog version, so the test stands alone (run with -t) as well as after the one
    // above: the next version moves the venue to Toronto.
    const rows = await server.db.query<{ version: number }>(
      `SELECT max(version)::int AS version FROM catalogs WHERE venue_id = $1`,
      ['podil-stage'],
    );
    const put = await server.request('PUT', '/api/venues/podil-stage/catalog', {
      body: fixtureCatalog('podil-stage', (rows[0]?.version ?? 1) + 1, {
        timeZone: 'America/Toronto',
      }),
      auth: server.managerAuth(),
    });
    expect(put.status).toBe(200);
    const till = openTill(STAFF.olena, '2026-12-07T08:00:00Z');
    await saleAt(till, '2026-12-07T09:00:00Z');
    closeWithZ(till);
    const source = await server.enrol();
    const entries = await sealAs(source.terminalId, till.entries);
    expect((await server.push(source, entries)).status).toBe(200);
    const shiftId = entries.flatMap((e) =>
      e.type === 'shift_close' ? [e.payload.shiftId] : [],
    )[0]!;
    const target = await server.enrol();
    const sent = await server.request(
      'POST',
      `/api/venues/podil-stage/terminals/${source.terminalId}/shifts/${encodeURIComponent(shiftId)}/z/print-jobs`,
      { body: { targetTerminalId: target.terminalId, locale: 'en' }, auth: server.managerAuth() },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const fetched = await server.request('GET', '/api/sync/print-jobs', {
      auth: `Bearer ${target.token}`,
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({
      jobs: [{ timeZone: 'America/Toronto', venueName: CATALOG_INPUT.venue.name }],
    });
  });
});
