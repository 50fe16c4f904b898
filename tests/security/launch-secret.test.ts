import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBridgeFragment } from '../../shared/ipc/bridge-protocol';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import type { Logger } from '../../src-main/services/logger';
import { connectBridgeTransport } from '../../src-renderer/transport/bridge-transport';
import { rawBridgeSocket, wsFactory } from '../support/bridge-client';

// Attacks on the launch: the secret read from /proc or the terminal, a launch URL used twice,
// a web page whose DNS name rebinds to 127.0.0.1, and a request for the data folder's files.

let dir: string;
let host: BridgeHost;
const logged: string[] = [];
const logger: Logger = {
  info: (m, d) => logged.push(`${m} ${JSON.stringify(d ?? '')}`),
  warn: (m, d) => logged.push(`${m} ${JSON.stringify(d ?? '')}`),
  error: (m, d) => logged.push(`${m} ${JSON.stringify(d ?? '')}`),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'security-launch-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(dir, 'outside.txt'), 'do not serve');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'index-Dd3gb1fi.js'), 'export {};');
  await writeFile(join(rendererDir, 'assets', 'notes.js'), 'export {};');
  // The data folder under the served root is the worst case: it must still never be served.
  const dataDir = join(rendererDir, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'journal-export.json'), '{"personal":"data"}');
  host = await startBridgeHost({ dataDir, version: '0.0.1-test', rendererDir, logger });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function codeOf(pageUrl: string): { url: string; secret: string } {
  const params = parseBridgeFragment(new URL(pageUrl).hash);
  if (!params) throw new Error(`no launch code in ${pageUrl}`);
  return params;
}

function get(path: string, hostHeader?: string): Promise<number> {
  const origin = new URL(host.rendererOrigin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: origin.hostname,
        port: origin.port,
        path,
        headers: { host: hostHeader ?? origin.host },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the launch secret stays secret', () => {
  it('the page URL carries a one-time code, not the secret', () => {
    const url = host.pageUrl;
    expect(url).not.toContain(host.bridge.secret);
    expect(codeOf(url).secret).toMatch(/^[0-9a-f]{64}$/);
    // Each launch gets its own code.
    expect(codeOf(host.pageUrl).secret).not.toBe(codeOf(url).secret);
  });

  it('a launch code is exchanged for a session once; its second use is refused', async () => {
    const params = codeOf(host.pageUrl);
    let session = '';
    const first = await connectBridgeTransport(params, wsFactory(host.rendererOrigin), (s) => {
      session = s;
    });
    expect(session).toMatch(/^[0-9a-f]{64}$/);
    expect(session).not.toBe(params.secret);
    expect(await first.invoke('app.info', {})).toMatchObject({ ok: true });
    first.close();

    // The attacker who read the URL from /proc comes second: refused.
    await expect(connectBridgeTransport(params, wsFactory(host.rendererOrigin))).rejects.toThrow(
      /opened with a link that has already been used/,
    );

    // The page itself reconnects (a reload) with its session.
    const again = await connectBridgeTransport(
      { url: params.url, secret: session },
      wsFactory(host.rendererOrigin),
    );
    expect(await again.invoke('app.info', {})).toMatchObject({ ok: true });
    again.close();
  });

  it('neither the secret, a code nor a session is ever logged', async () => {
    const params = codeOf(host.pageUrl);
    let session = '';
    const t = await connectBridgeTransport(params, wsFactory(host.rendererOrigin), (s) => {
      session = s;
    });
    t.close();
    await expect(connectBridgeTransport(params, wsFactory(host.rendererOrigin))).rejects.toThrow(
      /opened with a link that has already been used/,
    );
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain(host.bridge.secret);
      expect(line).not.toContain(params.secret);
      expect(line).not.toContain(session);
    }
  });
});

describe('DNS rebinding: only the Host the server bound', () => {
  it('the renderer server refuses another Host header', async () => {
    const port = new URL(host.rendererOrigin).port;
    expect(await get('/')).toBe(200);
    expect(await get('/', `evil.example:${port}`)).toBe(403);
    expect(await get('/', `localhost:${port}`)).toBe(403);
    expect(await get('/', '127.0.0.1:1')).toBe(403);
  });

  it('the bridge refuses another Host header before upgrading', async () => {
    const port = new URL(host.bridge.url).port;
    for (const h of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1:1']) {
      expect(await rawBridgeSocket(host.bridge.url, host.rendererOrigin, { host: h }).refused).toBe(
        403,
      );
    }
  });
});

describe('the data folder is never served', () => {
  for (const path of [
    '/data/journal-export.json',
    '/%64ata/journal-export.json',
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/%2E%2E%2Foutside.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/etc/passwd',
    '//etc/passwd',
  ]) {
    it(`GET ${path} → 404`, async () => {
      expect(await get(path)).toBe(404);
    });
  }
});

describe('caching', () => {
  it('a content-hashed asset is cached for good; the page and unhashed files are checked each time', async () => {
    const cacheOf = async (path: string) =>
      (await fetch(`${host.rendererOrigin}${path}`)).headers.get('cache-control');
    expect(await cacheOf('/assets/index-Dd3gb1fi.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheOf('/assets/notes.js')).toBe('no-cache');
    expect(await cacheOf('/')).toBe('no-cache');
  });
});
