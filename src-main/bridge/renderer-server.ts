import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, sep } from 'node:path';
import { loopbackBindHost } from './loopback';

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type RendererServer = {
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
};

export type RendererServerOptions = {
  readonly rootDir: string;
  readonly host?: string;
  readonly port?: number;
  /** evaluated per response, so the bridge port can be added to connect-src after it starts */
  readonly contentSecurityPolicy: () => string;
  /** folders never served even if they lie under the root (the data folder) */
  readonly neverServe?: readonly string[];
};

/**
 * Serves the built renderer (dist/renderer) on loopback for the browser-kiosk deployment and
 * for tests. GET/HEAD only, no directory listings, no paths outside the root, and the same
 * strict CSP Electron sends.
 */
export async function serveRenderer(opts: RendererServerOptions): Promise<RendererServer> {
  const host = loopbackBindHost(opts.host ?? '127.0.0.1');
  const root = normalize(opts.rootDir);
  const hidden = (opts.neverServe ?? []).map((dir) => normalize(dir + sep));
  // Set once listening: the Host header must name exactly the address and port we bound.
  let boundHost = '';
  const server = createServer((req, res) => {
    void (async () => {
      // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends its own name.
      if (req.headers.host !== boundHost) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Wrong host\n');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const found = fileFor(root, req.url ?? '/');
      const file = found !== null && hidden.some((dir) => found.startsWith(dir)) ? null : found;
      const info = file === null ? null : await stat(file).catch(() => null);
      if (file === null || info === null || !info.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': opts.contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': cacheControlFor(root, file),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  boundHost = `${urlHost}:${address.port}`;
  return {
    origin: `http://${urlHost}:${address.port}`,
    port: address.port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Vite names every built asset by its content hash (`assets/index-<hash>.js`), so an asset URL
 * never changes meaning: it may be cached for good, and Chromium then keeps its compiled code
 * too (V8's code cache), which is what makes a till's next start fast. index.html is checked
 * every time, so a new build is picked up at the next start.
 */
function cacheControlFor(root: string, file: string): string {
  const inAssets = file.startsWith(join(root, 'assets') + sep);
  return inAssets && HASHED_NAME.test(basename(file))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/** `name-<8+ base64url characters>.ext`, as Vite writes its hashed asset names. */
const HASHED_NAME = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function fileFor(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const full = normalize(join(root, relative));
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}
