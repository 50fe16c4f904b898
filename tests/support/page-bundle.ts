import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';

/**
 * Bundles a small entry module (it imports real project code) with esbuild and serves it on
 * 127.0.0.1 at an ephemeral port, as `/` (a blank page loading it) and `/app.js`. For e2e
 * tests and benchmarks that run project code inside real Chromium without the whole app.
 * The page is served from 127.0.0.1, a secure context, so crypto.subtle and IndexedDB exist.
 */
export interface ServedBundle {
  readonly origin: string;
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

export interface PageBundle {
  readonly js: string;
  readonly html: string;
}

export async function bundlePage(entry: string, name = 'entry.ts'): Promise<PageBundle> {
  const bundle = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: name },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    loader: { '.json': 'json' },
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body><script src="/app.js"></script></body></html>`;
  return { js, html };
}

export async function servePageBundle(entry: string, name = 'entry.ts'): Promise<ServedBundle> {
  const { js, html } = await bundlePage(entry, name);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/app.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Serves a bundle at a fixed https origin through Playwright's request interception, with no
 * server and no network: the page keeps the same origin (and so the same IndexedDB) across
 * runs on one profile, which an ephemeral loopback port cannot give. https makes it a secure
 * context (crypto.subtle). Every other request from the context is refused.
 */
export async function routePageBundle(
  context: BrowserContext,
  bundle: PageBundle,
  origin: string,
): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort('blockedbyclient');
    if (url.pathname === '/app.js') {
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle.js });
    }
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: bundle.html,
    });
  });
}
