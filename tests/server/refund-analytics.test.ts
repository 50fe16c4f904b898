/**
 * Refund analytics (GET /api/venues/:venueId/analytics/refunds and its .csv): two tills sell,
 * refund for different reasons by cash, card and voucher, exchange for a fee and push; the
 * analytics must say what the day report says about the same refunds, add up by window, and
 * the CSV must carry the same figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, refund, sell, type RefundInput } from '../../shared/commands';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { dayReportSchema } from '../../src-server/reports/day-report';
import {
  refundAnalyticsSchema,
  type RefundAnalytics,
} from '../../src-server/reports/refund-analytics';
import { DEMO_MANAGER, DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { openTill, STAFF, uah, type Till } from '../fixtures/domain';
import { card, cash, closeWithZ } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

let server: TestServer;
afterAll(async () => {
  await server?.close();
});

async function sold(
  till: Till,
  items: { tierId: string; seatId?: string; quantity?: number }[],
  tender: ReturnType<typeof cash> | ReturnType<typeof card>,
  performanceId = 'hamlet-0501',
) {
  const r = await sell(
    till.base(),
    { items: items.map((i) => ({ performanceId, ...i })), tenders: [tender] },
    STAFF.olena,
    till.ports,
  );
  return till.take(r).sale;
}

function refunded(till: Till, orderId: string, input: Omit<RefundInput, 'orderId'>) {
  return till.take(
    refund(
      { ...till.base(), order: till.order(orderId) },
      { orderId, ...input },
      STAFF.olena,
      till.ports,
    ),
  ).refund;
}

async function push(
  till: Till,
  name: string,
): Promise<{ terminalId: string; entries: DomainEntry[] }> {
  const enrolled = await server.enrol(undefined, name);
  const entries = await sealAs(enrolled.terminalId, till.entries);
  expect((await server.push(enrolled, entries)).status).toBe(200);
  return { terminalId: enrolled.terminalId, entries };
}

const path = (query: string, csv = false) =>
  `/api/venues/podil-stage/analytics/refunds${csv ? '.csv' : ''}?${query}`;

async function analytics(query: string, auth = server.managerAuth()): Promise<RefundAnalytics> {
  const res = await server.request('GET', path(query), { auth });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return refundAnalyticsSchema.parse(res.body);
}

async function csv(
  query: string,
): Promise<{ type: string | null; bytes: Uint8Array; text: string }> {
  const res = await fetch(server.url + path(query, true), {
    headers: { authorization: server.managerAuth() },
  });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // fetch's text() would drop the BOM: decode keeping it, to see it is there.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { type: res.headers.get('content-type'), bytes, text };
}

describe('refund analytics', () => {
  let a: { terminalId: string; entries: DomainEntry[] };
  let b: { terminalId: string; entries: DomainEntry[] };
  let all: DomainEntry[];

  beforeAll(async () => {
    server = await startServer();
    // The venue's catalog names its performances (the answer takes the newest one's).
    await server.db.query(
      `INSERT INTO catalogs (venue_id, version, body, published_by) VALUES ($1, 1, $2::jsonb, 'test')`,
      [
        'podil-stage',
        JSON.stringify({
          version: 1,
          events: [{ id: 'hamlet', name: 'Гамлет' }],
          performances: [
            { id: 'hamlet-0501', eventId: 'hamlet', startsAt: '2026-05-01T16:00:00Z' },
          ],
        }),
      ],
    );
    // Till A (window "Каса 1", 1 April 10:00Z): a cash sale refunded in cash (customer
    // request), a card sale refunded to the card (wrong ticket), an exchange.
    const tillA = openTill(STAFF.olena, '2026-04-01T10:00:00Z');
    const s1 = await sold(
      tillA,
      [
        { tierId: 'hamlet-stalls', seatId: 'B1' },
        { tierId: 'hamlet-standing', quantity: 2 },
      ],
      cash(800),
    );
    const s2 = await sold(tillA, [{ tierId: 'hamlet-balcony', seatId: 'C1' }], card(250));
    const s3 = await sold(tillA, [{ tierId: 'hamlet-balcony', seatId: 'C2' }], cash(250));
    refunded(tillA, s1.orderId, {
      ticketIds: [s1.tickets[1]!.ticketId, s1.tickets[2]!.ticketId],
      method: 'cash',
      reasonCode: 'customer_request',
    });
    refunded(tillA, s2.orderId, {
      ticketIds: [s2.tickets[0]!.ticketId],
      method: 'original_tender',
      reasonCode: 'wrong_ticket',
    });
    tillA.take(
      await exchange(
        { ...tillA.base(), order: tillA.order(s3.orderId) },
        {
          orderId: s3.orderId,
          ticketIds: [s3.tickets[0]!.ticketId],
          items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B2' }],
          tenders: [cash(200)],
        },
        STAFF.olena,
        tillA.ports,
      ),
    );
    closeWithZ(tillA);
    // Till B (window "Каса 2", 1 April 17:00Z): a voucher refund (duplicate purchase), then
    // on 2 April a sale refunded in cash.
    const tillB = openTill(STAFF.olena, '2026-04-01T17:00:00Z');
    const s4 = await sold(tillB, [{ tierId: 'hamlet-standing', quantity: 2 }], cash(400));
    refunded(tillB, s4.orderId, {
      ticketIds: [s4.tickets[0]!.ticketId],
      method: 'voucher',
      reasonCode: 'duplicate_purchase',
    });
    tillB.clock.set('2026-04-02T09:00:00Z');
    const s5 = await sold(tillB, [{ tierId: 'hamlet-stalls', seatId: 'B3' }], cash(500));
    refunded(tillB, s5.orderId, {
      ticketIds: [s5.tickets[0]!.ticketId],
      method: 'cash',
      reasonCode: 'customer_request',
    });
    closeWithZ(tillB);
    a = await push(tillA, 'Каса 1');
    b = await push(tillB, 'Каса 2');
    all = [...a.entries, ...b.entries];
  });

  it("a day's refund figures are the day report's, by reason too; windows add up to the totals", async () => {
    for (const date of ['2026-04-01', '2026-04-02']) {
      const res = await server.request('GET', `/api/venues/podil-stage/reports/day?date=${date}`, {
        auth: server.managerAuth(),
      });
      expect(res.status).toBe(200);
      const day = dayReportSchema.parse(res.body);
      const got = await analytics(`from=${date}&to=${date}`);
      // No request was paid online here: the windows' refunds are all of them.
      expect(got.totals.refunds).toEqual({
        count: day.totals.refunds.count,
        tickets: day.totals.refunds.tickets,
        amount: day.totals.refunds.total,
        online: { count: 0, tickets: 0, amount: uah(0) },
      });
      expect(got.totals.sales).toEqual({
        count: day.totals.sales.count,
        tickets: day.totals.sales.tickets,
        amount: day.totals.sales.gross,
      });
      expect(got.byReason).toEqual(
        day.refundsAllChannels.byReason.map((r) => ({
          reasonCode: r.reasonCode,
          count: r.count,
          tickets: r.tickets,
          amount: r.total,
          online: { count: r.online.count, tickets: r.online.tickets, amount: r.online.total },
        })),
      );
      expect(day.refundsAllChannels.byReason.map((r) => ({ ...r, online: undefined }))).toEqual(
        day.totals.refunds.byReason.map((r) => ({ ...r, online: undefined })),
      );
      expect(got.feesKept.exchangeFees).toEqual(day.totals.exchanges.fees);
    }
    const two = await analytics('from=2026-04-01&to=2026-04-02');
    // 1 April: three refunds of 4 tickets (2 + 1 + 1) of 6 sold; 2 April: one of one.
    expect(
      two.buckets.map((x) => [
        x.start,
        x.refunds.count,
        x.refunds.tickets,
        x.sales.tickets,
        x.rateBp,
      ]),
    ).toEqual([
      ['2026-04-01', 3, 4, 7, Math.round((4 * 10000) / 7)],
      ['2026-04-02', 1, 1, 1, 10000],
    ]);
    expect(two.totals.refunds.count).toBe(4);
    const sumOf = (pick: (w: RefundAnalytics['byWindow'][number]) => number) =>
      two.byWindow.reduce((s, w) => s + pick(w), 0);
    expect(new Set(two.byWindow.map((w) => w.name))).toEqual(new Set(['Каса 1', 'Каса 2']));
    expect(sumOf((w) => w.refunds.count)).toBe(two.totals.refunds.count);
    expect(sumOf((w) => w.refunds.tickets)).toBe(two.totals.refunds.tickets);
    expect(sumOf((w) => w.refunds.amount.amount)).toBe(two.totals.refunds.amount.amount);
    expect(sumOf((w) => w.sales.amount.amount)).toBe(two.totals.sales.amount.amount);
    // The buckets add up to the totals too.
    expect(two.buckets.reduce((s, x) => s + x.refunds.amount.amount, 0)).toBe(
      two.totals.refunds.amount.amount,
    );
  });

  it('splits refunds by payout method and performance, and counts the fees the venue kept', async () => {
    const got = await analytics('from=2026-04-01&to=2026-04-02');
    const noOnline = { count: 0, amount: uah(0) };
    const refunds = all.filter((e) => e.type === 'refund');
    const paid = (kind: string) =>
      refunds
        .flatMap((e) => e.payload.payouts)
        .filter((p) => p.kind === kind)
        .reduce((s, p) => s + p.amount.amount, 0);
    expect(got.byMethod).toEqual([
      { method: 'cash', count: 2, amount: uah(paid('cash') / 100), online: noOnline },
      { method: 'card', count: 1, amount: uah(paid('card') / 100), online: noOnline },
      // No till pays out online: the server's card refunds' own row is empty here.
      { method: 'online_card', count: 0, amount: uah(0), online: noOnline },
      { method: 'voucher', count: 1, amount: uah(paid('voucher') / 100), online: noOnline },
    ]);
    expect(paid('cash')).toBeGreaterThan(0);
    expect(paid('card')).toBeGreaterThan(0);
    const fees = refunds.reduce((s, e) => s + e.payload.fees.amount, 0);
    const exchangeFees = all.reduce(
      (s, e) => s + (e.type === 'exchange' ? e.payload.fee.amount : 0),
      0,
    );
    expect(got.feesKept).toEqual({
      refundFees: uah(fees / 100),
      exchangeFees: uah(exchangeFees / 100),
      total: uah((fees + exchangeFees) / 100),
      // No request was paid online here: the windows' fees are all of them.
      online: { count: 0, amount: uah(0) },
    });
    expect(fees).toBeGreaterThan(0);
    expect(got.byPerformance).toEqual([
      {
        performanceId: 'hamlet-0501',
        eventName: 'Гамлет',
        startsAt: '2026-05-01T16:00:00Z',
        sold: 8,
        refunded: 5,
        refundAmount: got.totals.refunds.amount,
        online: { tickets: 0, amount: uah(0) },
        rateBp: 6250,
      },
    ]);
  });

  it('weeks are ISO weeks (Monday to Sunday) clipped to the range, empty ones included', async () => {
    // 2026-03-30 is a Monday: the range's first week holds both days.
    const got = await analytics('from=2026-03-25&to=2026-04-12&bucket=week');
    expect(got.buckets.map((x) => [x.start, x.end, x.refunds.count])).toEqual([
      ['2026-03-25', '2026-03-29', 0],
      ['2026-03-30', '2026-04-05', 4],
      ['2026-04-06', '2026-04-12', 0],
    ]);
    expect(got.buckets[0]!.rateBp).toBeNull();
  });

  it('the CSV carries the same figures: UTF-8 with BOM, decimal money with its currency', async () => {
    const got = await analytics('from=2026-04-01&to=2026-04-02');
    const { type, bytes, text } = await csv('from=2026-04-01&to=2026-04-02');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(type).toContain('text/csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = lines[0]!;
    expect(header.slice(0, 3)).toEqual(['breakdown', 'key', 'name']);
    const col = (name: string) => header.indexOf(name);
    const find = (breakdown: string, key: string) =>
      lines.find((l) => l[0] === breakdown && l[1] === key)!;
    const total = find('total', '2026-04-01..2026-04-02');
    expect(total[col('refunds')]).toBe(String(got.totals.refunds.count));
    expect(total[col('refunded_amount')]).toBe((got.totals.refunds.amount.amount / 100).toFixed(2));
    expect(total[col('currency')]).toBe('UAH');
    for (const r of got.byReason) {
      expect(find('reason', r.reasonCode)[col('refunded_amount')]).toBe(
        (r.amount.amount / 100).toFixed(2),
      );
    }
    for (const w of got.byWindow) {
      const line = find('window', w.terminalId);
      expect(line[col('name')]).toBe(w.name);
      expect(line[col('refunded_tickets')]).toBe(String(w.refunds.tickets));
    }
    expect(find('method', 'card')[col('refunded_amount')]).toBe(
      (got.byMethod[1]!.amount.amount / 100).toFixed(2),
    );
    expect(find('fees_kept', 'total')[col('fees_kept')]).toBe(
      (got.feesKept.total.amount / 100).toFixed(2),
    );
    expect(find('performance', 'hamlet-0501')[col('refund_rate_percent')]).toBe('62.50');
  });

  it('a supervisor reads the analytics', async () => {
    await ensureManager(server.db, DEMO_SUPERVISOR);
    const got = await analytics(
      'from=2026-04-01&to=2026-04-01',
      server.managerAuth(DEMO_SUPERVISOR),
    );
    expect(got.totals.refunds.count).toBe(3);
    expect(DEMO_MANAGER.role).not.toBe('supervisor');
  });

  it('refuses bad ranges with 400 and a sentence a manager understands', async () => {
    const ask = (q: string) => server.request('GET', path(q), { auth: server.managerAuth() });
    const backwards = await ask('from=2026-04-05&to=2026-04-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toEqual({
      code: 'invalid_range',
      message:
        'The range ends (2026-04-01) before it starts (2026-04-05): choose an end date on or after the start.',
    });
    const long = await ask('from=2025-01-01&to=2026-01-02');
    expect(long.status).toBe(400);
    expect(long.body.error).toEqual({
      code: 'range_too_long',
      message: 'The range 2025-01-01 to 2026-01-02 is 367 days; choose at most 366 days.',
    });
    expect((await ask('from=2024-01-01&to=2024-12-31')).status).toBe(200);
    const notDate = await ask('from=2026-02-30&to=2026-03-01');
    expect(notDate.status).toBe(400);
    expect(notDate.body.error.message).toContain('not a calendar date');
    const badBucket = await ask('from=2026-04-01&to=2026-04-01&bucket=month');
    expect(badBucket.status).toBe(400);
    const csvBad = await fetch(server.url + path('from=2026-04-05&to=2026-04-01', true), {
      headers: { authorization: server.managerAuth() },
    });
    expect(csvBad.status).toBe(400);
  });
});

/**
 * Kept folds (report_day_folds, migration 013): a kept answer must equal a fresh fold of the
 * journal — after more entries arrive for a day already kept too (the journal's insert
 * trigger marks it stale), for a shift over midnight, for weeks, and when two requests fold
 * the same stale days at once. 20–21 April, after the days above.
 */
/** A cash sale of one standing ticket, refunded at once when `refund` says so. */
async function saleOf(till: Till, refund: boolean): Promise<void> {
  const s = await sold(till, [{ tierId: 'hamlet-standing' }], cash(200));
  if (refund) {
    refunded(till, s.orderId, {
      ticketIds: [s.tickets[0]!.ticketId],
      method: 'cash',
      reasonCode: 'customer_request',
    });
  }
}

const LATER = 'from=2026-04-20&to=2026-04-21';

/** The same question with every kept fold dropped: the journal folded afresh. */
async function fresh(query = LATER): Promise<RefundAnalytics> {
  await server.db.query(`UPDATE report_day_folds SET parts = NULL`);
  return analytics(query);
}

describe('refund analytics kept per terminal day', () => {
  const till = openTill(STAFF.olena, '2026-04-20T20:00:00Z');
  let enrolled: EnrolledTill;
  let pushed = 0;
  const pushNew = async () => {
    const sealed = await sealAs(enrolled.terminalId, till.entries);
    expect((await server.push(enrolled, sealed.slice(pushed))).status).toBe(200);
    pushed = sealed.length;
  };

  beforeAll(async () => {
    enrolled = await server.enrol(undefined, 'Каса 1');
    // A shift opened on 1 April that sells on both sides of midnight.
    await saleOf(till, true);
    await saleOf(till, false);
    till.clock.set('2026-04-21T09:00:00Z');
    await saleOf(till, true);
    await pushNew();
  });

  it('stores the folds it computed, and answers the same from them', async () => {
    const first = await analytics(LATER);
    const kept = await server.db.query<{ day: string; stale: boolean }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, parts IS NULL AS stale FROM report_day_folds
       WHERE venue_id = 'podil-stage' AND day >= '2026-04-20' ORDER BY day`,
    );
    expect(kept).toEqual([
      { day: '2026-04-20', stale: false },
      { day: '2026-04-21', stale: false },
    ]);
    expect(first.totals.refunds.count).toBe(2);
    expect(first.totals.sales.count).toBe(3);
    expect(await analytics(LATER)).toEqual(first);
    expect(await fresh()).toEqual(first);
  });

  it('a push into a kept day makes it stale, and the answer is a fresh fold again', async () => {
    const before = await analytics(LATER);
    await saleOf(till, true);
    closeWithZ(till);
    await pushNew();
    const stale = await server.db.query<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM report_day_folds
       WHERE venue_id = 'podil-stage' AND day >= '2026-04-20' AND parts IS NULL`,
    );
    expect(stale).toEqual([{ day: '2026-04-21' }]);
    const after = await analytics(LATER);
    expect(after.totals.refunds.count).toBe(before.totals.refunds.count + 1);
    expect(after.buckets[0]).toEqual(before.buckets[0]);
    expect(after).toEqual(await fresh());
    // …and still the day report's figures.
    const res = await server.request('GET', '/api/venues/podil-stage/reports/day?date=2026-04-21', {
      auth: server.managerAuth(),
    });
    const day = dayReportSchema.parse(res.body);
    const one = await analytics('from=2026-04-21&to=2026-04-21');
    expect(one.totals.refunds).toEqual({
      count: day.totals.refunds.count,
      tickets: day.totals.refunds.tickets,
      amount: day.totals.refunds.total,
      online: { count: 0, tickets: 0, amount: uah(0) },
    });
    expect(one.totals.sales.amount).toEqual(day.totals.sales.gross);
  });

  it('weeks are sums of kept days, equal to a fresh fold', async () => {
    const query = 'from=2026-04-20&to=2026-05-03&bucket=week';
    const kept = await analytics(query);
    expect(kept.buckets.map((b) => b.refunds.count)).toEqual([3, 0]);
    expect(kept).toEqual(await fresh(query));
  });

  it('two requests folding the same stale days at once both answer, alike', async () => {
    await server.db.query(`UPDATE report_day_folds SET parts = NULL`);
    const [a, b] = await Promise.all([analytics(LATER), analytics(LATER)]);
    expect(a).toEqual(b);
    expect(await analytics(LATER)).toEqual(a);
  });

  it("a shift_open stored for an earlier day makes its window's later kept days stale", async () => {
    await analytics(LATER);
    // Not a push (a till sends in order): a restore could store an older open after its
    // later days. Its later days may now attribute entries to it (journalRange's earlier opens).
    await server.db.query(
      `INSERT INTO journal_entries (venue_id, terminal_id, seq, hash, prev_hash, type, at, body, status, feed_pos)
       VALUES ('podil-stage', $1, 100000, 'h', 'p', 'shift_open', '2026-04-19T08:00:00.000Z', '{}', 'applied', 100000000)`,
      [enrolled.terminalId],
    );
    const rows = await server.db.query<{ day: string; stale: boolean }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, parts IS NULL AS stale FROM report_day_folds
       WHERE venue_id = 'podil-stage' AND day >= '2026-04-19' ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: '2026-04-19', stale: true },
      { day: '2026-04-20', stale: true },
      { day: '2026-04-21', stale: true },
    ]);
  });
});
