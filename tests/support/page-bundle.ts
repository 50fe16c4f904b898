import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';

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

export async function servePageBundle(entry: string, name = 'entry.ts'): Promise<ServedBundle> {
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
