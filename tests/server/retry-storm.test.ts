/**
 * Retry storm and kill -9 (issue 11): the real server (src-server/main.ts) as a child
 * process, on PGlite in a fresh folder or on PostgreSQL (SERVER_TEST_DATABASE_URL), behind
 * a fault proxy that drops responses after the server committed, sends requests twice and
 * delays them. Five simulated tills push whole trading days (sales, refunds, cash
 * movements, three shifts closed with a Z report each) with retries and backoff; the server
 * is killed with SIGKILL twice while a batch is in flight and restarted on the same data.
 * Afterwards every entry is stored exactly once, every head is the till's, and the server's
 * shift and order figures equal the tills' own Z reports (shared report fold).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { ShiftReport } from '../../shared/shift/report';
import { openDb } from '../../src-server/db/open';
import { num, type Db } from '../../src-server/db/port';
import { FaultProxy, NO_FAULTS } from './fault-proxy';
import { DATABASE_KIND, freshDatabase } from './harness';
import { killHard, startServerProcess, stopGracefully, type ServerProcess } from './server-process';
import { sealedDay, zReports, type DayShape } from './sim-till';
import { httpJson, StormUploader } from './storm-client';

const TILLS = 5;
const DAY: DayShape = {
  shifts: 3,
  salesPerShift: 24,
  refundEvery: 4,
  cashMovements: true,
  closeLast: true,
};
const STORM = { dropResponse: 0.25, duplicate: 0.25, maxDelayMs: 120 };
/** Kill the server when this share of all entries has been acknowledged. */
const KILL_AT = [0.3, 0.65];
const MANAGER = `Basic ${Buffer.from('li.wei@podil-stage.example:demo-manager-3333').toString('base64')}`;

interface Till {
  readonly terminalId: string;
  readonly token: string;
  readonly entries: DomainEntry[];
  readonly z: ShiftReport[];
  uploader?: StormUploader;
}

const cleanups: (() => Promise<void> | void)[] = [];
let server: ServerProcess | undefined;
let env: NodeJS.ProcessEnv;
let dbConfig: Parameters<typeof openDb>[0];
const proxy = new FaultProxy(20260401);
let proxyUrl: string;

beforeAll(async () => {
  if (DATABASE_KIND === 'postgres') {
    // A database of its own, created and dropped here; the server process opens it itself.
    const fresh = await freshDatabase();
    cleanups.push(fresh.drop);
    await fresh.db.close();
    env = { DATABASE_URL: fresh.url! };
    dbConfig = { kind: 'postgres', url: fresh.url! };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'box-storm-db-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    env = { SERVER_DATA_DIR: dataDir };
    dbConfig = { kind: 'pglite', dataDir };
  }
  // Every till is behind one address here: the per-address limit is not under test.
  env = { ...env, SERVER_DEMO: '1', RATE_LIMIT_PER_MINUTE: '1000000' };
  proxyUrl = `http://127.0.0.1:${await proxy.listen()}`;
  cleanups.push(() => proxy.close());
});

afterAll(async () => {
  if (server) await killHard(server);
  for (const c of cleanups.splice(0).reverse()) await c();
}, 60_000);

async function start(): Promise<void> {
  server = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
  proxy.upstreamPort = server.port;
}

async function enrol(seed: number): Promise<{ terminalId: string; token: string }> {
  const code = await httpJson(proxyUrl, 'POST', '/api/venues/podil-stage/enrolment-codes', {
    body: '{}',
    auth: MANAGER,
  });
  expect(code.status).toBe(201);
  const publicKey = Buffer.from(publicKeyFromSeed(new Uint8Array(32).fill(seed))).toString(
    'base64',
  );
  const res = await httpJson(proxyUrl, 'POST', '/api/enrol', {
    body: JSON.stringify({ venueId: 'podil-stage', code: code.body.code, publicKey }),
  });
  expect(res.status).toBe(201);
  return { terminalId: res.body.terminalId, token: res.body.token };
}

const acked = (tills: readonly Till[]) => tills.reduce((n, t) => n + (t.uploader?.acked ?? 0), 0);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe(`retry storm with kill -9 (${DATABASE_KIND})`, () => {
  it('stores every entry once and ends with the heads and totals of the tills', async () => {
    await start();
    const tills: Till[] = [];
    for (let i = 0; i < TILLS; i++) {
      const { terminalId, token } = await enrol(40 + i);
      const entries = await sealedDay(terminalId, 100 + i, DAY);
      tills.push({ terminalId, token, entries, z: zReports(entries) });
    }
    const total = tills.reduce((n, t) => n + t.entries.length, 0);

    proxy.faults = STORM;
    const deadline = Date.now() + 70_000;
    const runs = tills.map((till, i) => {
      till.uploader = new StormUploader(proxyUrl, till.token, till.entries, {
        seed: 7 + i,
        maxBatch: 12,
      });
      return till.uploader.drain(deadline);
    });
    // Surface a till's failure at once instead of after the kills.
    const all = Promise.all(runs);
    all.catch(() => undefined);

    const kills: { acked: number; inFlight: number }[] = [];
    const restarts: number[] = [];
    for (const share of KILL_AT) {
      await waitFor(() => acked(tills) >= share * total, `${share * 100} % acknowledged`);
      await proxy.requestInFlight();
      kills.push({ acked: acked(tills), inFlight: proxy.inFlight });
      await killHard(server!);
      proxy.upstreamPort = null;
      // Tills retry into a dead server for a moment, then it comes back on the same data.
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      await start();
      restarts.push(Date.now() - t0);
    }
    await all;
    proxy.faults = NO_FAULTS;
    // Late duplicates still on their way must be answered (and ignored) too.
    await proxy.idle();

    // Over HTTP: every head the server holds is the till's last entry.
    for (const till of tills) {
      const me = await httpJson(proxyUrl, 'GET', '/api/terminal', {
        auth: `Bearer ${till.token}`,
      });
      const last = till.entries[till.entries.length - 1]!;
      expect(me.body.head).toMatchObject({ seq: last.seq, hash: last.hash });
    }
    await stopGracefully(server!);
    server = undefined;

    const stats = tills.map((t) => t.uploader!.stats);
    // The storm's size, for the run log (a failure names what the tills went through).
    console.info(
      `storm on ${DATABASE_KIND}: ${total} entries from ${TILLS} tills; kills at ${JSON.stringify(kills)}, restarts in ${restarts.join(', ')} ms; proxy ${JSON.stringify(proxy.stats)}; tills ${JSON.stringify(stats)}`,
    );
    // The storm happened: lost responses, duplicates, delays, two kills mid-batch.
    expect(kills.every((k) => k.inFlight > 0)).toBe(true);
    expect(proxy.stats.droppedResponses).toBeGreaterThan(5);
    expect(proxy.stats.duplicates).toBeGreaterThan(5);
    expect(stats.reduce((n, s) => n + s.failures, 0)).toBeGreaterThan(10);
    // And no acknowledged entry was ever lost (the server's head never went back).
    expect(stats.map((s) => s.rewinds)).toEqual(tills.map(() => 0));

    const db = await openDb(dbConfig);
    try {
      await checkDatabase(db, tills);
    } finally {
      await db.close();
    }
  }, 90_000);
});

async function checkDatabase(db: Db, tills: readonly Till[]): Promise<void> {
  expect(await db.query(`SELECT code, message FROM reconciliation_exceptions`)).toEqual([]);
  let tillSales = 0;
  let tillGross = 0;
  let tillExpected = 0;
  for (const till of tills) {
    // Exactly once: the till's seq count, in order, with its hashes.
    const stored = await db.query<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM journal_entries WHERE venue_id = 'podil-stage' AND terminal_id = $1 ORDER BY seq`,
      [till.terminalId],
    );
    expect(stored.map((r) => [num(r.seq), r.hash])).toEqual(
      till.entries.map((e) => [e.seq, e.hash]),
    );
    const [head] = await db.query<{ head_seq: number; head_hash: string }>(
      `SELECT head_seq, head_hash FROM terminals WHERE venue_id = 'podil-stage' AND terminal_id = $1`,
      [till.terminalId],
    );
    const last = till.entries[till.entries.length - 1]!;
    expect([num(head!.head_seq), head!.head_hash]).toEqual([last.seq, last.hash]);

    // Each shift as the server projected it against the till's own Z report.
    const shifts = await db.query<Record<string, unknown>>(
      `SELECT s.*, (SELECT count(*) FROM orders o WHERE o.venue_id = s.venue_id AND o.shift_id = s.shift_id) AS sales,
              (SELECT coalesce(sum(total_minor), 0) FROM orders o WHERE o.venue_id = s.venue_id AND o.shift_id = s.shift_id) AS gross,
              (SELECT coalesce(sum(refunded_minor), 0) FROM orders o WHERE o.venue_id = s.venue_id AND o.shift_id = s.shift_id) AS refunded
       FROM shifts s WHERE venue_id = 'podil-stage' AND terminal_id = $1 ORDER BY opened_seq`,
      [till.terminalId],
    );
    expect(shifts).toHaveLength(till.z.length);
    till.z.forEach((z, i) => {
      const s = shifts[i]!;
      const expected = num(s.float_minor) + num(s.cash_in_minor) - num(s.cash_out_minor);
      expect({
        shift: s.shift_id,
        z: s.z_number,
        entries: num(s.entries),
        expected,
        expectedAtClose: num(s.expected_minor),
        counted: num(s.counted_minor),
        overShort: num(s.over_short_minor),
        sales: num(s.sales),
        gross: num(s.gross),
        refunded: num(s.refunded),
      }).toEqual({
        shift: z.shiftId,
        z: z.zNumber,
        // The server also counts the shift_close entry into the shift.
        entries: z.entries + 1,
        expected: z.cash.expected.amount,
        expectedAtClose: z.cash.expected.amount,
        counted: z.counted!.amount,
        overShort: z.overShort!.amount,
        sales: z.sales.count,
        gross: z.sales.total.amount,
        refunded: z.refunds.total.amount,
      });
      tillSales += z.sales.count;
      tillGross += z.sales.total.amount;
      tillExpected += z.cash.expected.amount;
    });
  }
  // And the venue's totals across tills: Σ Z.
  const [venue] = await db.query<{ sales: unknown; gross: unknown; expected: unknown }>(
    `SELECT (SELECT count(*) FROM orders WHERE venue_id = 'podil-stage') AS sales,
            (SELECT sum(total_minor) FROM orders WHERE venue_id = 'podil-stage') AS gross,
            (SELECT sum(float_minor + cash_in_minor - cash_out_minor) FROM shifts WHERE venue_id = 'podil-stage') AS expected`,
  );
  expect([num(venue!.sales), num(venue!.gross), num(venue!.expected)]).toEqual([
    tillSales,
    tillGross,
    tillExpected,
  ]);
  const [count] = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM journal_entries`);
  expect(num(count!.n)).toBe(tills.reduce((n, t) => n + t.entries.length, 0));
}
