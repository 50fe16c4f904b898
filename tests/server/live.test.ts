/**
 * Live updates (GET /api/sync/live): a real HTTP client reads the Server-Sent Events stream.
 * A push by one till reaches the other tills of its venue as a `feed` event naming a cursor
 * the pull already covers (the event is sent after COMMIT); another venue's stream hears
 * nothing; heartbeats keep the stream alive; a closed stream leaves nothing behind. On
 * PostgreSQL, a push on one server node reaches a stream held by another (LISTEN/NOTIFY).
 */
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryLike } from '../../shared/journal/entry-types';
import {
  LIVE_FEED_EVENT,
  liveFeedEventSchema,
  pullResponseSchema,
} from '../../shared/sync/contract';
import { buildServer } from '../../src-server/app';
import { openDb } from '../../src-server/db/open';
import { twoShiftDay } from '../unit/journal-day';
import { DATABASE_KIND, sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

const HEARTBEAT_MS = 200;

let server: TestServer;
let a: EnrolledTill;
let b: EnrolledTill;
let drafts: EntryLike[];
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  server = await startServer({ liveHeartbeatMs: HEARTBEAT_MS });
  a = await server.enrol();
  b = await server.enrol();
  drafts = (await twoShiftDay()).entries;
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server.close();
});

interface Stream {
  /** Resolves when the server ends the stream (or it is closed here). */
  readonly ended: Promise<void>;
  readonly status: number;
  readonly contentType: string | null;
  /** `feed` events' cursors, in arrival order. */
  readonly cursors: number[];
  readonly comments: string[];
  /** Resolves once `count` feed events have arrived, or rejects after `ms`. */
  waitForEvents(count: number, ms?: number): Promise<void>;
  close(): void;
}

/** Opens the stream with Node's fetch and parses events as an EventSource would. */
async function openStream(baseUrl: string, till: EnrolledTill): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/sync/live`, {
    headers: { authorization: `Bearer ${till.token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const cursors: number[] = [];
  const comments: string[] = [];
  let wake = () => {};
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const read = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        for (const l of lines) if (l.startsWith(':')) comments.push(l);
        if (event === LIVE_FEED_EVENT && data !== undefined) {
          cursors.push(liveFeedEventSchema.parse(JSON.parse(data)).cursor);
        }
        wake();
      }
    }
  })().catch(() => undefined);
  const stream: Stream = {
    ended: read,
    status: res.status,
    contentType: res.headers.get('content-type'),
    cursors,
    comments,
    waitForEvents: (count, ms = 3000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`waited ${ms} ms for ${count} events, got ${cursors.length}`)),
          ms,
        );
        const check = () => {
          if (cursors.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake = check;
        check();
      }),
    close: () => abort.abort(),
  };
  cleanups.push(async () => {
    stream.close();
    await read;
  });
  return stream;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await sleep(20);
  }
}

/** Revokes `till` as the venue's manager and waits (≤ 3 s) until `stream` has been ended. */
async function revokeAndSeeEnded(till: EnrolledTill, stream: Stream): Promise<void> {
  let ended = false;
  void stream.ended.then(() => (ended = true));
  const revoked = await server.request(
    'POST',
    `/api/venues/podil-stage/terminals/${till.terminalId}/revoke`,
    { body: { reason: 'stolen' }, auth: server.managerAuth() },
  );
  expect(revoked.status).toBe(200);
  await until(() => ended, 3000);
}

describe('live', () => {
  it("tells B's stream of A's push, after commit; another venue's stream hears nothing", async () => {
    const streamB = await openStream(server.url, b);
    expect(streamB.status).toBe(200);
    expect(streamB.contentType).toMatch(/^text\/event-stream/);
    const elsewhere = await server.enrol('lviv-hall');
    const streamElsewhere = await openStream(server.url, elsewhere);
    // Each stream opens with its venue's feed head: nothing yet.
    await streamB.waitForEvents(1);
    await streamElsewhere.waitForEvents(1);
    expect(streamB.cursors).toEqual([0]);

    const entries = await sealAs(a.terminalId, drafts);
    const pushed = server.push(a, entries.slice(0, 6));
    await streamB.waitForEvents(2);
    expect(streamB.cursors).toEqual([0, 6]);
    // The cursor is committed by the time the event is out: B's pull finds the entries.
    const page = await server.request('GET', '/api/sync/pull', { auth: `Bearer ${b.token}` });
    expect(pullResponseSchema.parse(page.body).entries.map((e) => e.cursor)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect((await pushed).status).toBe(200);

    // A retry stores nothing new and announces nothing; the next batch does.
    await server.push(a, entries.slice(0, 6));
    await server.push(a, entries.slice(6));
    await streamB.waitForEvents(3);
    expect(streamB.cursors).toEqual([0, 6, entries.length]);
    await sleep(300);
    expect(streamElsewhere.cursors).toEqual([0]);
  });

  it('sends heartbeats and cleans up when the client goes', async () => {
    const stream = await openStream(server.url, b);
    await stream.waitForEvents(1);
    await until(() => stream.comments.length >= 2, HEARTBEAT_MS * 10);
    expect(stream.comments[0]).toBe(': heartbeat');
    expect(server.feed.size).toBe(1);
    stream.close();
    await until(() => server.feed.size === 0);
    // A push with no stream open still works.
    expect((await server.push(a, await sealAs(a.terminalId, drafts.slice(0, 2)))).status).toBe(200);
  });

  it('revoking a terminal ends its open stream at once, refuses its reconnect, and wakes the other tills to pull the revocation', async () => {
    const streamA = await openStream(server.url, a);
    const streamB = await openStream(server.url, b);
    await streamA.waitForEvents(1);
    await streamB.waitForEvents(1);
    await revokeAndSeeEnded(a, streamA);
    // B is woken (same cursor: nothing new in the feed) and its pull names A as revoked.
    await streamB.waitForEvents(2);
    const page = await server.request('GET', '/api/sync/pull', { auth: `Bearer ${b.token}` });
    expect(pullResponseSchema.parse(page.body).revoked.map((r) => r.terminalId)).toEqual([
      a.terminalId,
    ]);
    const again = await fetch(`${server.url}/api/sync/live`, {
      headers: { authorization: `Bearer ${a.token}`, accept: 'text/event-stream' },
    });
    expect(again.status).toBe(403);
    await again.body?.cancel();
    // B's stream is still open, and only B's.
    expect(server.feed.size).toBe(1);
  });

  // Defined only on PostgreSQL (scripts/with-postgres.mjs), so PGlite runs hold no skipped test.
  (DATABASE_KIND === 'postgres' ? it : () => undefined)(
    'a push (and a revocation) on one server node reaches the streams held by another (LISTEN/NOTIFY)',
    async () => {
      const db2 = await openDb({ kind: 'postgres', url: server.databaseUrl! });
      const node2 = await buildServer({ db: db2 });
      await node2.listen({ host: '127.0.0.1', port: 0 });
      cleanups.push(async () => {
        await node2.close();
        await db2.close();
      });
      const url2 = `http://127.0.0.1:${(node2.server.address() as AddressInfo).port}`;
      const stream = await openStream(url2, b);
      await stream.waitForEvents(1);
      const entries = await sealAs(a.terminalId, drafts.slice(0, 3));
      expect((await server.push(a, entries)).status).toBe(200);
      await stream.waitForEvents(2);
      expect(stream.cursors).toEqual([0, 3]);

      // A revocation on this node ends A's stream held by the other one.
      const streamA = await openStream(url2, a);
      await streamA.waitForEvents(1);
      await revokeAndSeeEnded(a, streamA);
    },
  );
});
