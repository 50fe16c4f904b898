/**
 * Each window's sync state for the back office (issue 13 item 2): a till's pull says how far
 * its own journal has got (main adds `tillHead`); the terminals list answers when it was last
 * seen, how many entries it holds that the server does not, and since when — cleared once its
 * pushes have caught up. Real HTTP on PGlite (PostgreSQL in CI).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTill, STAFF } from '../fixtures/domain';
import { busyShift } from '../unit/journal-day';
import { sealAs, startServer, type TestServer } from './harness';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

interface TerminalRow {
  terminalId: string;
  headSeq: number;
  lastSeenAt: string | null;
  queued: number | null;
  unsyncedSince: string | null;
}

async function terminals(): Promise<TerminalRow[]> {
  const res = await server.request<{ terminals: TerminalRow[] }>(
    'GET',
    '/api/venues/podil-stage/terminals',
    { auth: server.managerAuth() },
  );
  expect(res.status).toBe(200);
  return res.body.terminals;
}

describe('a window’s sync state', () => {
  it('is unknown until the till pulls, then shows its queue and since when, then clears', async () => {
    const till = openTill(STAFF.olena, '2026-04-01T09:00:00Z');
    await busyShift(till);
    const enrolled = await server.enrol('podil-stage', 'Window 1');
    const entries = await sealAs(enrolled.terminalId, till.entries);
    expect(entries.length).toBeGreaterThan(6);
    expect(await terminals()).toMatchObject([{ lastSeenAt: null, queued: null }]);

    // Half pushed; the till has all of them.
    const half = entries.slice(0, 5);
    expect((await server.push(enrolled, half)).status).toBe(200);
    const before = Date.now();
    const pull = (head?: number) =>
      server.request(
        'GET',
        `/api/sync/pull?after=0${head === undefined ? '' : `&tillHead=${head}`}`,
        {
          auth: `Bearer ${enrolled.token}`,
        },
      );
    expect((await pull(entries.length)).status).toBe(200);
    const [behind] = await terminals();
    expect(behind).toMatchObject({ headSeq: 5, queued: entries.length - 5 });
    expect(Date.parse(behind!.lastSeenAt!)).toBeGreaterThanOrEqual(before - 1000);
    const since = behind!.unsyncedSince!;
    expect(Date.parse(since)).toBeGreaterThanOrEqual(before - 1000);

    // A later pull still behind keeps the first moment; a pull without tillHead changes nothing.
    expect((await pull(entries.length)).status).toBe(200);
    expect((await pull()).status).toBe(200);
    expect((await terminals())[0]).toMatchObject({
      queued: entries.length - 5,
      unsyncedSince: since,
    });

    // The rest pushed: the next pull clears the queue.
    expect((await server.push(enrolled, entries.slice(5))).status).toBe(200);
    expect((await pull(entries.length)).status).toBe(200);
    expect((await terminals())[0]).toMatchObject({
      headSeq: entries.length,
      queued: 0,
      unsyncedSince: null,
    });
  });

  it('refuses a tillHead that is not a whole number', async () => {
    const enrolled = await server.enrol();
    const res = await server.request('GET', '/api/sync/pull?after=0&tillHead=-3', {
      auth: `Bearer ${enrolled.token}`,
    });
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string } }).error.code).toBe('invalid_request');
  });
});
