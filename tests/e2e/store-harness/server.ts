import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./page.tsx', import.meta.url));

const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>store harness</title></head>
<body><div id="root"></div><script type="module" src="/harness.js"></script></body></html>`;

export interface HarnessServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Bundles the store harness page with esbuild and serves it on 127.0.0.1 (ephemeral port).
 * The origin must stay the same across browser restarts (IndexedDB is per origin), so keep
 * one server for the whole test and relaunch only the browser.
 */
export async function startHarnessServer(): Promise<HarnessServer> {
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    write: false,
    sourcemap: 'inline',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.contents;
  if (js === undefined) throw new Error('esbuild produced no output');
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/harness.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(js);
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
