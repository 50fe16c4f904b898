import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContractClient } from '../../shared/ipc/client';
import { bridgeCloseCodes } from '../../shared/ipc/bridge-protocol';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import { startBridge } from '../../src-main/bridge/bridge-server';
import { BridgeBindError } from '../../src-main/bridge/loopback';
import { silentLogger } from '../../src-main/services/logger';
import { connectBridgeTransport } from '../../src-renderer/transport/bridge-transport';
import { rawBridgeSocket, waitFor, wsFactory } from '../support/bridge-client';

// Real TCP on 127.0.0.1 with ws's client; the browser side is covered by tests/e2e.

let dir: string;
let host: BridgeHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'box-bridge-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(dir, 'outside.txt'), 'do not serve');
  host = await startBridgeHost({
    dataDir: join(dir, 'data'),
    version: '0.0.1-test',
    rendererDir,
    logger: silentLogger,
  });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function connect() {
  return connectBridgeTransport(
    { url: host.bridge.url, secret: host.bridge.secret },
    wsFactory(host.rendererOrigin),
  );
}

describe('device bridge over loopback', () => {
  it('binds 127.0.0.1 and hands out a 32-byte secret', () => {
    expect(host.bridge.host).toBe('127.0.0.1');
    expect(host.bridge.secret).toMatch(/^[0-9a-f]{64}$/);
    // Issue 8 item 8: the page URL carries a one-time launch code, never the bridge secret.
    expect(host.pageUrl).not.toContain(host.bridge.secret);
    expect(host.pageUrl).toMatch(
      new RegExp(`#bridge=${encodeURIComponent(host.bridge.url)}&code=[0-9a-f]{64}$`),
    );
  });

  it('answers contract calls through the typed client', async () => {
    const transport = await connect();
    const client = createContractClient(transport);
    const info = await client.call('app.info', {});
    expect(info).toEqual({
      ok: true,
      value: {
        name: 'Box Office POS',
        version: '0.0.1-test',
        platform: process.platform,
        kiosk: false,
        transport: 'bridge',
        // Main decides demo or venue at launch; this host was not started as a demo.
        demo: false,
      },
    });
    const status = await client.call('printer.status', {});
    expect(typeof status.ok).toBe('boolean');
    transport.close();
  });

  it('returns invalid_argument for bad arguments and unknown_method for unknown names', async () => {
    const transport = await connect();
    expect(await transport.invoke('config.set', { locale: 12 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(await transport.invoke('shell.exec', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    transport.close();
  });

  it('pushes events to authenticated connections', async () => {
    const transport = await connect();
    const client = createContractClient(transport);
    const got: unknown[] = [];
    client.on('scanner.scan', (scan) => got.push(scan));
    const scan = { source: 'serial' as const, data: 'TICKET-1', at: '2026-01-01T10:00:00.000Z' };
    host.services.events.emit('scanner.scan', scan);
    expect(await waitFor(() => got[0], 'scan event')).toEqual(scan);
    transport.close();
  });

  it('closes with 4401 when the first message is a call instead of the secret', async () => {
    const s = rawBridgeSocket(host.bridge.url, host.rendererOrigin);
    await s.opened;
    s.ws.send(JSON.stringify({ id: 1, method: 'app.info', args: {} }));
    expect((await s.closed).code).toBe(bridgeCloseCodes.unauthorized);
    expect(s.messages).toEqual([]);
  });

  it('closes with 4401 for a wrong secret', async () => {
    await expect(
      connectBridgeTransport(
        { url: host.bridge.url, secret: 'a'.repeat(64) },
        wsFactory(host.rendererOrigin),
      ),
    ).rejects.toThrow(/link that has already been used/);
  });

  it('refuses a wrong Origin, a missing Origin and a non-loopback Host header before upgrading', async () => {
    expect(await rawBridgeSocket(host.bridge.url, 'http://evil.example').refused).toBe(403);
    expect(await rawBridgeSocket(host.bridge.url, undefined).refused).toBe(403);
    expect(
      await rawBridgeSocket(host.bridge.url, host.rendererOrigin, { host: 'attacker.example' })
        .refused,
    ).toBe(403);
  });

  it('closes a connection that never authenticates', async () => {
    const bridge = await startBridge({
      dispatch: host.services.dispatch,
      events: host.services.events,
      allowedOrigins: ['http://127.0.0.1:1'],
      authTimeoutMs: 100,
      logger: silentLogger,
    });
    try {
      const s = rawBridgeSocket(bridge.url, 'http://127.0.0.1:1');
      expect((await s.closed).code).toBe(bridgeCloseCodes.unauthorized);
    } finally {
      await bridge.close();
    }
  });

  it('close() waits for a call main is still carrying out, and refuses calls made after it', async () => {
    // A command half-way through (a journal anchor being written) when the window quits: close
    // must not return — and nobody may delete the data folder — until it is done.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let finishedWrites = 0;
    const bridge = await startBridge({
      dispatch: async () => {
        await released;
        finishedWrites += 1;
        return { ok: true, value: { written: true } };
      },
      events: host.services.events,
      allowedOrigins: [host.rendererOrigin],
      logger: silentLogger,
    });
    const transport = await connectBridgeTransport(
      { url: bridge.url, secret: bridge.secret },
      wsFactory(host.rendererOrigin),
    );
    const pending = transport.invoke('app.info', {});
    await new Promise((r) => setTimeout(r, 50));
    let closed = false;
    const closing = bridge.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    expect(await transport.invoke('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: 'The till is shutting down.' },
    });
    release();
    await closing;
    expect(finishedWrites).toBe(1);
    await expect(pending).resolves.toEqual({ ok: true, value: { written: true } });
  });

  it('closes on a message over the size limit (1009)', async () => {
    const transport = await connect();
    const pending = transport.invoke('printer.print', {
      jobId: 'j',
      document: 'x'.repeat(1024 * 1024 + 10),
    });
    await expect(pending).rejects.toThrow(/1009/);
    expect(await transport.closed).toBe(1009);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'example.com', ''])(
    'refuses to bind %j',
    async (bad) => {
      await expect(
        startBridge({
          host: bad,
          dispatch: host.services.dispatch,
          events: host.services.events,
          allowedOrigins: [],
          logger: silentLogger,
        }),
      ).rejects.toThrow(BridgeBindError);
    },
  );
});

describe('renderer static server', () => {
  it('serves the page with the strict CSP that allows the bridge', async () => {
    const res = await fetch(`${host.rendererOrigin}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${host.bridge.url}`);
  });

  it('does not serve files outside its folder or accept POST', async () => {
    expect((await fetch(`${host.rendererOrigin}/../outside.txt`)).status).toBe(404);
    expect((await fetch(`${host.rendererOrigin}/%2e%2e/outside.txt`)).status).toBe(404);
    expect((await fetch(`${host.rendererOrigin}/..%2foutside.txt`)).status).toBe(404);
    expect((await fetch(`${host.rendererOrigin}/`, { method: 'POST' })).status).toBe(405);
  });
});
