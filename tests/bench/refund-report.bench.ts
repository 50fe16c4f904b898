import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { buildServer } from '../../src-server/app';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import { refundAnalyticsSchema } from '../../src-server/reports/refund-analytics';
import { DEMO_MANAGER, DEMO_VENUE, ensureManager, ensureVenue } from '../../src-server/venues';
import { sealedDay, type DayShape } from '../server/sim-till';
import { atMost, median, percentile, row, type BenchRow } from './harness';
import { provisionTerminals } from './inventory-client';
import { BENCH_POSTGRES_URL, openBenchDb } from './server-db';

/**
 * backoffice_refund_report_ms (issue 13): a year of a four-window venue — 500,000-odd
 * journal entries stored on PostgreSQL — and the refund analytics route asked for the whole
 * year (GET /api/venues/:venueId/analytics/refunds?from=2026-01-01&to=2026-12-31), over HTTP
 * with a manager's Basic credentials, the server in this process. Median and p99 of the runs
 * after the first request; that first (cold) request folds and keeps every terminal day
 * (report_day_folds) and is reported on its own (backoffice_refund_report_cold_ms), and
 * backoffice_refund_report_after_push_ms times the year asked again after each of several
 * pushes into its last day (only that window's day folded again).
 *
 * The entries: each window's day is built once with the domain's commands (two shifts of
 * sales, a refund every 10th, cash movements, Z closes) and sealed; that day is stored and
 * then copied to the year's other days by one INSERT … SELECT over generate_series, moving
 * `at` and seq and renaming shifts per day, so every day has its own shifts as on a till.
 * Runs on PostgreSQL only (SERVER_TEST_DATABASE_URL or DATABASE_URL); without one it reports
 * nothing.
 */
const WINDOWS = 4;
const DAYS = 365;
const RUNS = Number(process.env.BENCH_REFUND_RUNS ?? 7);
const WINDOW_DAY: DayShape = {
  shifts: 2,
  salesPerShift: 150,
  refundEvery: 10,
  cashMovements: true,
  closeLast: true,
};
const FROM = '2026-01-01';
const TO = '2026-12-31';

async function storeTemplate(db: Db, terminalId: string, entries: readonly DomainEntry[]) {
  for (let i = 0; i < entries.length; i += 100) {
    const batch = entries.slice(i, i + 100);
    const params: unknown[] = [];
    const values = batch.map((e, k) => {
      params.push(DEMO_VENUE.venueId, terminalId, e.seq, e.hash, e.prevHash, e.type, e.at, e);
      const at = k * 8;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8}::jsonb)`;
    });
    await db.query(
      `INSERT INTO bench_refund_template (venue_id, terminal_id, seq, hash, prev_hash, type, at, body)
       VALUES ${values.join(', ')}`,
      params,
    );
  }
}

/**
 * Copies `k` = $1..$2 of the template day (1 April): each moved to day `d` of the year
 * (0 = 1 January; d = k unless $3 names the day), its seqs and feed positions after copy
 * k − 1's, its shifts renamed per copy. $4/$5 limit the copy to one window's first entries
 * (a push); the year copies every window's whole day.
 */
const COPY_DAYS = `
  INSERT INTO journal_entries (venue_id, terminal_id, seq, hash, prev_hash, type, at, body, status, feed_pos)
  SELECT t.venue_id, t.terminal_id, t.seq + k * n.per_day, t.hash, t.prev_hash, t.type, moved.at,
         CASE WHEN t.body->'payload' ? 'shiftId'
              THEN jsonb_set(b, '{payload,shiftId}', to_jsonb((t.body->'payload'->>'shiftId') || '-d' || k))
              ELSE b END,
         'applied',
         -- Distinct feed positions in the order a day's windows were stored.
         k::bigint * 100000 + tm.terminal_no * 10000 + t.seq
  FROM bench_refund_template t
  JOIN terminals tm ON tm.venue_id = t.venue_id AND tm.terminal_id = t.terminal_id
  JOIN (SELECT terminal_id, max(seq) AS per_day FROM bench_refund_template GROUP BY terminal_id) n
    ON n.terminal_id = t.terminal_id
  CROSS JOIN generate_series($1::int, $2::int) AS k
  CROSS JOIN LATERAL (SELECT coalesce($3::int, k) AS d) day
  CROSS JOIN LATERAL (
    SELECT to_char((t.at::timestamptz + (day.d - 90) * interval '1 day') AT TIME ZONE 'UTC',
                   'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
  ) moved
  CROSS JOIN LATERAL (
    SELECT jsonb_set(jsonb_set(t.body, '{at}', to_jsonb(moved.at)), '{seq}', to_jsonb(t.seq + k * n.per_day)) AS b
  ) j(b)
  WHERE ($4::text IS NULL OR t.terminal_id = $4) AND t.seq <= $5`;
const WHOLE_DAY = 2 ** 31 - 1;
/** What one till's push carries into today (the year's last day): its first entries. */
const PUSH_ENTRIES = 50;

async function benchPostgres(): Promise<BenchRow[]> {
  const { db, drop } = await openBenchDb('postgres', 'refund-report');
  try {
    await migrate(db);
    await ensureVenue(db, DEMO_VENUE);
    await ensureManager(db, DEMO_MANAGER);
    const windows = await provisionTerminals(db, WINDOWS, 'W', 1);
    await db.query(`CREATE TABLE bench_refund_template (venue_id text, terminal_id text, seq integer,
       hash text, prev_hash text, type text, at text, body jsonb)`);
    const t0 = performance.now();
    for (const [i, w] of windows.entries()) {
      await storeTemplate(db, w.terminalId, await sealedDay(w.terminalId, 11 + i, WINDOW_DAY));
    }
    const built = performance.now() - t0;
    const t1 = performance.now();
    // A month a statement: one transaction of the whole year holds every row's WAL at once.
    for (let d = 0; d < DAYS; d += 30) {
      await db.query(COPY_DAYS, [d, Math.min(d + 29, DAYS - 1), null, null, WHOLE_DAY]);
    }
    await db.query(`ANALYZE journal_entries`);
    const copied = performance.now() - t1;
    const [{ n }] = (await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM journal_entries WHERE venue_id = $1`,
      [DEMO_VENUE.venueId],
    )) as [{ n: string }];
    const stored = Number(n);

    const app = await buildServer({ db, rateLimitPerMinute: 1_000_000_000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const auth = `Basic ${Buffer.from(`${DEMO_MANAGER.email}:${DEMO_MANAGER.password}`).toString('base64')}`;
    const ask = async () => {
      const s = performance.now();
      const res = await fetch(
        `${url}/api/venues/${DEMO_VENUE.venueId}/analytics/refunds?from=${FROM}&to=${TO}`,
        {
          headers: { authorization: auth },
        },
      );
      const body: unknown = await res.json();
      if (res.status !== 200)
        throw new Error(`analytics answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - s, answer: refundAnalyticsSchema.parse(body) };
    };
    try {
      // The warm-up is the first request after the year was stored: it folds every terminal
      // day (report_day_folds is all stale), so it is the cold figure, reported on its own.
      const cold = await ask();
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push((await ask()).ms);
      // Tills online: a push lands in today (one window's day is stale again), then the year
      // is asked again. Only the request is timed, not the insert.
      const afterPush: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await db.query(COPY_DAYS, [
          DAYS + i,
          DAYS + i,
          DAYS - 1,
          windows[0]!.terminalId,
          PUSH_ENTRIES,
        ]);
        afterPush.push((await ask()).ms);
      }
      const t = cold.answer.totals;
      const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
      const note =
        `postgres; ${stored} entries (${WINDOWS} windows × ${DAYS} days, built in ${(built / 1000).toFixed(1)} s, copied in ${(copied / 1000).toFixed(1)} s); ` +
        `answer: ${t.sales.count} sales, ${t.refunds.count} refunds; ${RUNS} runs after the cold first request of ${cold.ms.toFixed(0)} ms (every day folded and kept): ` +
        `median ${median(samples).toFixed(0)} ms, p99 ${percentile(samples, 99).toFixed(0)} ms (of ${RUNS}: the slowest); ${load}`;
      const pushNote =
        `as backoffice_refund_report_ms, each of ${RUNS} runs after ${PUSH_ENTRIES} entries of one window were stored for ${FROM.slice(0, 4)}'s last day (that window's day folded again): ` +
        `median ${median(afterPush).toFixed(0)} ms, p99 ${percentile(afterPush, 99).toFixed(0)} ms; ${load}`;
      return [
        row('backoffice_refund_report_ms', median(samples), 'ms', atMost(300), note),
        row('backoffice_refund_report_p99_ms', percentile(samples, 99), 'ms', atMost(300), note),
        row(
          'backoffice_refund_report_cold_ms',
          cold.ms,
          'ms',
          undefined,
          `the first request after the year was stored: every terminal day folded from the journal and kept; ${load}`,
        ),
        row(
          'backoffice_refund_report_after_push_ms',
          median(afterPush),
          'ms',
          atMost(300),
          pushNote,
        ),
      ];
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    await drop();
  }
}

export default async function refundReportBench(): Promise<BenchRow[]> {
  if (!BENCH_POSTGRES_URL) {
    console.error('refund-report bench: no PostgreSQL named (SERVER_TEST_DATABASE_URL): skipped');
    return [];
  }
  return benchPostgres();
}
