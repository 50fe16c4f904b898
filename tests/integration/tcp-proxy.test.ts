/**
 * The loopback TCP proxy the multi-till tests cut the network with (tests/support/tcp-proxy):
 * a real HTTP server on 127.0.0.1 port 0 behind it, reached with Node's own fetch. A cut must
 * be a cut: a request fails at once (no hang until a timeout), and a live event stream that
 * was open ends; after `restore()` requests go through again.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

let server: Server;
let proxy: TcpProxy;
let hits = 0;
const streams = new Set<ServerResponse>();

beforeEach(async () => {
  hits = 0;
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/events') {
      // Server-sent events: one at once, then the stream stays open (as the live feed does).
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write('data: hello\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy = await startTcpProxy('127.0.0.1', (server.address() as AddressInfo).port);
});

afterEach(async () => {
  await proxy.close();
  for (const res of streams) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** How long `promise` takes to settle, and how: fulfilled or rejected. */
async function timed<T>(
  promise: Promise<T>,
): Promise<{ ms: number; ok: boolean; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - start, ok: true, value };
  } catch (error) {
    return { ms: performance.now() - start, ok: false, error };
  }
}

describe('tcp proxy', () => {
  it('carries a request to the real server behind it, on a port of its own', async () => {
    expect(proxy.port).toBeGreaterThan(0);
    expect(proxy.port).not.toBe((server.address() as AddressInfo).port);
    const res = await fetch(`${proxy.url}/hello`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/hello' });
    expect(hits).toBe(1);
    expect(proxy.stats.accepted).toBeGreaterThanOrEqual(1);
  });

  it('a cut fails a request at once and reaches no server; restore lets requests through again', async () => {
    expect((await fetch(`${proxy.url}/before`)).status).toBe(200);
    proxy.cut();
    expect(proxy.isCut).toBe(true);
    for (let i = 0; i < 3; i++) {
      // A fresh connection each time (as after the reset), and an abort well past "fast":
      // a hang would show as the abort's TimeoutError after 5 s, not as a quick TypeError.
      const got = await timed(
        fetch(`${proxy.url}/during-${i}`, { signal: AbortSignal.timeout(5_000) }),
      );
      expect(got.ok).toBe(false);
      expect(got.error).toBeInstanceOf(TypeError);
      expect(got.ms).toBeLessThan(1_000);
    }
    expect(hits).toBe(1);
    expect(proxy.stats.refused).toBeGreaterThanOrEqual(3);

    proxy.restore();
    expect(proxy.isCut).toBe(false);
    const after = await fetch(`${proxy.url}/after`, { signal: AbortSignal.timeout(5_000) });
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ path: '/after' });
    expect(hits).toBe(2);
  });

  it('a cut ends an event stream that was open, on both sides; a new one opens after restore', async () => {
    const res = await fetch(`${proxy.url}/events`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: hello\n\n');
    expect(streams.size).toBe(1);

    // Nothing more arrives on its own: the stream is open and waiting, as a live feed is.
    const pending = reader.read();
    proxy.cut();
    const ended = await timed(pending);
    expect(ended.ms).toBeLessThan(1_000);
    // undici reports a connection reset mid-body as an error ("terminated").
    expect(ended.ok).toBe(false);
    // The server side of the stream ends too: nothing keeps writing into a dead pipe.
    const until = Date.now() + 2_000;
    while (streams.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(streams.size).toBe(0);

    proxy.restore();
    const again = await fetch(`${proxy.url}/events`, { signal: AbortSignal.timeout(5_000) });
    const readerAgain = again.body!.getReader();
    expect(new TextDecoder().decode((await readerAgain.read()).value)).toBe('data: hello\n\n');
    await readerAgain.cancel();
  });
});
