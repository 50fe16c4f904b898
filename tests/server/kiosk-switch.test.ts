/**
 * The back office's kiosk switch reaching a till (issue 15 item 1): the pull answers the
 * calling terminal's own flag (`kioskMode`); its live stream sends `event: kiosk` when it opens
 * and again each time a manager flips it (another till's stream hears nothing); switching on
 * a till with a person's shift still open says so (`openShift`); the switch is audited.
 * On PostgreSQL a flip on one server node reaches a stream held by another (NOTIFY). Real HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LIVE_KIOSK_EVENT,
  liveKioskEventSchema,
  pullResponseSchema,
} from '../../shared/sync/contract';
import { buildServer } from '../../src-server/app';
import { openDb } from '../../src-server/db/open';
import type { AddressInfo } from 'node:net';
import { twoShiftDay } from '../unit/journal-day';
import { DATABASE_KIND, sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

const V = '/api/venues/podil-stage';

let server: TestServer;
let a: EnrolledTill;
let b: EnrolledTill;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  server = await startServer();
  a = await server.enrol();
  b = await server.enrol();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server.close();
});

const flip = (terminalId: string, kiosk: boolean) =>
  server.request('PUT', `${V}/terminals/${terminalId}/kiosk`, {
    auth: server.managerAuth(),
    body: { kiosk },
  });

async function pulledKiosk(till: EnrolledTill): Promise<boolean | undefined> {
  const res = await server.request('GET', '/api/sync/pull?after=0&limit=10', {
    auth: `Bearer ${till.token}`,
  });
  expect(res.status).toBe(200);
  return pullResponseSchema.parse(res.body).kioskMode;
}

/** The `kiosk` events of one till's live stream, as they arrive. */
async function kioskEvents(baseUrl: string, till: EnrolledTill) {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/sync/live`, {
    headers: { authorization: `Bearer ${till.token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const seen: boolean[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const read = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event === LIVE_KIOSK_EVENT && data !== undefined) {
          seen.push(liveKioskEventSchema.parse(JSON.parse(data)).kiosk);
        }
      }
    }
  })().catch(() => undefined);
  cleanups.push(async () => {
    abort.abort();
    await read;
  });
  return seen;
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the kiosk switch reaches the till', () => {
  it('the pull and the live stream carry the terminal’s own switch; each flip is sent at once', async () => {
    expect(await pulledKiosk(a)).toBe(false);
    const streamA = await kioskEvents(server.url, a);
    const streamB = await kioskEvents(server.url, b);
    // On open: the stored switch.
    await until(() => streamA.length === 1 && streamB.length === 1);
    expect([streamA, streamB]).toEqual([[false], [false]]);

    const on = await flip(a.terminalId, true);
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ terminalId: a.terminalId, kiosk: true, openShift: null });
    await until(() => streamA.length === 2);
    expect(streamA).toEqual([false, true]);
    expect(await pulledKiosk(a)).toBe(true);
    // Another till's stream and pull are not touched.
    expect(await pulledKiosk(b)).toBe(false);

    expect((await flip(a.terminalId, false)).status).toBe(200);
    await until(() => streamA.length === 3);
    expect(streamA).toEqual([false, true, false]);
    expect(await pulledKiosk(a)).toBe(false);
    expect(streamB).toEqual([false]);

    const audit = await server.db.query<{ kind: string; terminal_id: string; detail: unknown }>(
      `SELECT kind, terminal_id, detail FROM audit_events WHERE kind = 'kiosk_mode_set' ORDER BY id`,
    );
    expect(audit.map((r) => [r.terminal_id, r.detail])).toEqual([
      [a.terminalId, { kiosk: true }],
      [a.terminalId, { kiosk: false }],
    ]);
  });

  it('a stream opened after the flip hears the switch as it stands', async () => {
    await flip(b.terminalId, true);
    const stream = await kioskEvents(server.url, b);
    await until(() => stream.length === 1);
    expect(stream).toEqual([true]);
  });

  it('switching on a till with a person’s shift still open says which, and when it opened', async () => {
    const day = await twoShiftDay();
    expect((await server.push(a, await sealAs(a.terminalId, day.entries))).status).toBe(200);
    const open = day.entries.filter((e) => e.type === 'shift_open').at(-1)!;
    const on = await flip(a.terminalId, true);
    expect(on.status).toBe(200);
    expect(on.body).toEqual({
      terminalId: a.terminalId,
      kiosk: true,
      openShift: {
        shiftId: (open.payload as { shiftId: string }).shiftId,
        openedAt: new Date(open.at).toISOString(),
      },
    });
    // Switching off names none.
    expect((await flip(a.terminalId, false)).body).toMatchObject({ openShift: null });
  });
});

// A second server node on the same PostgreSQL: the flip is NOTIFYed to the node holding the
// stream. PGlite is one process, so there is no second node to ask: registered on PostgreSQL only.
if (DATABASE_KIND === 'postgres') {
  describe('across server nodes (PostgreSQL)', () => {
    it('a flip on one node reaches a stream held by another', async () => {
      const db = await openDb({ kind: 'postgres', url: server.databaseUrl! });
      const other = await buildServer({ db });
      await other.listen({ host: '127.0.0.1', port: 0 });
      cleanups.push(async () => {
        await other.close();
        await db.close();
      });
      const { port } = other.server.address() as AddressInfo;
      const stream = await kioskEvents(`http://127.0.0.1:${port}`, a);
      await until(() => stream.length === 1);
      await flip(a.terminalId, true);
      await until(() => stream.length === 2);
      expect(stream).toEqual([false, true]);
    });
  });
}
