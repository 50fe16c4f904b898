#!/usr/bin/env node
// npm start: the box office on embedded defaults, everything on loopback.
//   services + device bridge (WebSocket; the page gets a one-time launch code, never the secret)
//   the renderer: the built bundle with the production CSP (`npm run dev` = --dev: vite)
//   the virtual network printer (saves each job's raw bytes under <data dir>/printer-jobs)
// then opens Electron if its binary is installed, else a Chromium app window when a display
// exists, else prints the URL. Ctrl-C stops everything, child processes included.
//
//   the demo's card terminal: a loopback simulator (demo only; --venue reads
//   BOX_OFFICE_PAYMENT_TERMINAL=host:port instead)
//   the central sync server (embedded PGlite in <data dir>/server-db, demo venue seeded), and a
//   demo till not yet enrolled enrols itself with a code the demo manager makes
// Flags: --no-open (print the URL and keep serving; tests/CI), --dev, --kiosk, --venue (not the
//        demo: no demo data, no PIN hint), --no-server (the till alone, offline),
//        --server-port=<port> (default 8787; 0 = any),
//        --data-dir=<dir> (default ./var), --port=<renderer port> (default 4310; 0 = any).
/* global fetch */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
};
// --dist is accepted for old scripts: the built bundle is the default now.
const known = /^--(no-open|dev|dist|kiosk|venue|no-server|server-port=\d+|data-dir=.+|port=\d+)$/;
const unknown = args.filter((a) => !known.test(a));
if (unknown.length > 0) {
  console.error(
    `start: unknown option(s) ${unknown.join(' ')}\nusage: npm start -- [--no-open] [--dev] [--kiosk] [--venue] [--no-server] [--server-port=N] [--data-dir=DIR] [--port=N]`,
  );
  process.exit(2);
}

const noOpen = flag('no-open');
const kiosk = flag('kiosk');
// npm start is the demo venue; --venue starts a till set up for a venue (no demo data, no
// PINs on the sign-in screen). Main decides it at launch; the page only reads it (app.info).
const demo = !flag('venue');
const dataDir = resolve(root, option('data-dir', 'var'));
// A fixed default port keeps the page origin stable, and with it the page's IndexedDB.
const rendererPort = Number(option('port', '4310'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
mkdirSync(dataDir, { recursive: true });

register();
const importTs = (path) => import(pathToFileURL(join(root, path)).href);

const cleanups = [];
const children = new Set();
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (cause) {
      console.error('start: error while stopping', cause);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function spawnChild(command, argv, env = process.env) {
  const child = spawn(command, argv, { stdio: ['ignore', 'inherit', 'inherit'], env });
  children.add(child);
  child.on('exit', () => {
    children.delete(child);
    // Closing the window ends the session, as it would for a cashier.
    void stop(0);
  });
  child.on('error', (cause) => {
    console.error(`start: could not run ${command}: ${cause.message}`);
    children.delete(child);
  });
  return child;
}

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // the npm package is there but its binary could not be downloaded
  }
}

/** The virtual printer comes from src-main/devices/virtual-printer.ts (printing work). */
async function startVirtualPrinter(preferredPort, onPort) {
  const file = join(root, 'src-main', 'devices', 'virtual-printer.ts');
  if (!existsSync(file)) {
    console.log(
      'Printer:  (notice) src-main/devices/virtual-printer.ts is not there yet; no virtual printer started.',
    );
    return;
  }
  const { startVirtualPrinter: start } = await importTs('src-main/devices/virtual-printer.ts');
  const jobsDir = join(dataDir, 'printer-jobs');
  let printer;
  try {
    printer = await start({ port: preferredPort, host: '127.0.0.1', jobsDir });
  } catch (cause) {
    if (cause?.code !== 'EADDRINUSE') throw cause;
    printer = await start({ port: 0, host: '127.0.0.1', jobsDir });
  }
  cleanups.push(() => printer.close());
  await onPort(printer.port);
  console.log(
    `Printer:  virtual ESC/POS printer on 127.0.0.1:${printer.port}; jobs saved to ${jobsDir}`,
  );
}

/**
 * The central server in this process (src-server/serve.ts: migrations, demo venue) and what the
 * till needs to sync with it: its URL and, for a demo till not yet enrolled, a one-time code
 * the demo manager makes over HTTP as a manager would in the back office.
 */
async function startSyncServer() {
  if (flag('no-server')) return undefined;
  const { serve } = await importTs('src-server/serve.ts');
  const { DEMO_MANAGER, DEMO_VENUE } = await importTs('src-server/venues.ts');
  const config = (port) => ({
    db: { kind: 'pglite', dataDir: join(dataDir, 'server-db') },
    host: '127.0.0.1',
    port,
    logLevel: 'warn',
    rateLimitPerMinute: 1200,
    demo,
    backOfficeDir: join(root, 'dist', 'manage'),
    refundRequestDir: join(root, 'dist', 'refund-request'),
  });
  const preferred = Number(option('server-port', '8787'));
  let server;
  try {
    server = await serve(config(preferred));
  } catch (cause) {
    if (cause?.code !== 'EADDRINUSE') throw cause;
    server = await serve(config(0));
  }
  cleanups.push(() => server.close());
  console.log(`Server:   ${server.url} (PGlite in ${join(dataDir, 'server-db')})`);
  console.log(
    `Back office: ${server.url}/manage/${demo ? ` (demo manager ${DEMO_MANAGER.email} / ${DEMO_MANAGER.password})` : ''}`,
  );
  console.log(`Refund requests: ${server.url}/refund-request/?venue=${DEMO_VENUE.venueId}`);
  if (!demo || existsSync(join(dataDir, 'sync-enrolment.json'))) return { server: server.url };
  const auth = Buffer.from(`${DEMO_MANAGER.email}:${DEMO_MANAGER.password}`).toString('base64');
  const res = await fetch(`${server.url}/api/venues/${DEMO_VENUE.venueId}/enrolment-codes`, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) {
    console.error(`start: the demo manager could not make an enrolment code (${res.status})`);
    return { server: server.url };
  }
  const { code } = await res.json();
  return { server: server.url, enrol: { venueId: DEMO_VENUE.venueId, code } };
}

/**
 * The demo's card terminal: the loopback simulator (src-main/payment/terminal-simulator.ts),
 * only for a demo till — a venue's kiosk gets its terminal from BOX_OFFICE_PAYMENT_TERMINAL.
 */
async function startPaymentSimulator() {
  if (!demo) {
    const { parseTerminalAddress } = await importTs('src-main/payment/terminal-address.ts');
    const configured = process.env.BOX_OFFICE_PAYMENT_TERMINAL;
    const address = configured === undefined ? undefined : parseTerminalAddress(configured);
    if (address instanceof Error) console.error(`start: ${address.message}`);
    return address instanceof Error || address === undefined ? undefined : { terminal: address };
  }
  const { startTerminalSimulator } = await importTs('src-main/payment/terminal-simulator.ts');
  const simulator = await startTerminalSimulator({ port: 0 });
  cleanups.push(() => simulator.close());
  const { host, port } = simulator.address;
  console.log(
    `Card:     simulated card terminal on ${host}:${port}; control ${simulator.controlUrl} (POST /next {"outcome":"decline"}, /offline, GET /ledger)`,
  );
  return { terminal: simulator.address };
}

async function main() {
  const electron = noOpen ? null : electronBinary();
  // Built before the server starts: it serves the back office from dist/manage.
  if (electron !== null || !flag('dev')) {
    const { buildAll } = await import('./build.mjs');
    await buildAll({ quiet: true });
  }
  const sync = await startSyncServer();
  const payment = await startPaymentSimulator();
  if (electron !== null) {
    await startVirtualPrinter(9100, async () => undefined);
    console.log('Opening the Electron window (Ctrl-C to stop).');
    // The enrolment code goes by environment, not argv (argv is readable in /proc by anyone).
    spawnChild(
      electron,
      [
        root,
        `--data-dir=${dataDir}`,
        ...(kiosk ? ['--kiosk'] : []),
        ...(demo ? ['--demo'] : []),
        ...(sync ? [`--server=${sync.server}`] : []),
      ],
      {
        ...process.env,
        ...(sync?.enrol ? { BOX_OFFICE_ENROL: `${sync.enrol.venueId}:${sync.enrol.code}` } : {}),
        ...(payment
          ? { BOX_OFFICE_PAYMENT_TERMINAL: `${payment.terminal.host}:${payment.terminal.port}` }
          : {}),
      },
    );
    return;
  }

  const { startBridgeHost } = await importTs('src-main/bridge/bridge-host.ts');
  let host;
  if (!flag('dev')) {
    host = await startBridgeHost({
      dataDir,
      version,
      kiosk,
      demo,
      rendererDir: join(root, 'dist', 'renderer'),
      rendererPort,
      ...(sync ? { sync } : {}),
      ...(payment ? { payment } : {}),
    });
  } else {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: join(root, 'vite.config.ts'),
      server: { host: '127.0.0.1', port: rendererPort, strictPort: rendererPort !== 0 },
      logLevel: 'warn',
    });
    await vite.listen();
    cleanups.push(() => vite.close());
    const address = vite.httpServer?.address();
    if (address === null || typeof address !== 'object')
      throw new Error('vite did not start listening');
    host = await startBridgeHost({
      dataDir,
      version,
      kiosk,
      demo,
      rendererOrigin: `http://127.0.0.1:${address.port}`,
      ...(sync ? { sync } : {}),
      ...(payment ? { payment } : {}),
    });
  }
  cleanups.push(() => host.close());

  await startVirtualPrinter(host.services.config.get().printer.port, async (port) => {
    const printer = host.services.config.get().printer;
    if (printer.kind === 'virtual' && printer.port !== port) {
      await host.services.config.update({ printer: { port, address: '127.0.0.1' } });
    }
  });

  console.log(`Data:     ${dataDir}`);
  console.log(`Bridge:   ${host.bridge.url} (loopback only; the secret is never printed)`);
  // The URL's code works once: the first page to present it gets a session and it is gone.
  const pageUrl = host.pageUrl;
  console.log(`Box Office POS is running: ${pageUrl}`);

  if (noOpen) {
    console.log('Serving (--no-open). Ctrl-C to stop.');
  } else if (process.env.DISPLAY && existsSync('/usr/bin/chromium')) {
    const profile = join(dataDir, 'chromium-profile');
    const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    console.log(`Opening a Chromium app window (profile ${profile}). Ctrl-C to stop.`);
    // The same IndexedDB store switch as every till window (src-main/electron/indexeddb-store.ts).
    const { indexedDbSwitch } = await importTs('src-main/electron/indexeddb-store.ts');
    spawnChild('/usr/bin/chromium', [
      `--app=${pageUrl}`,
      indexedDbSwitch,
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      ...(kiosk ? ['--kiosk'] : []),
      ...sandboxArgs,
    ]);
  } else {
    console.log(
      'No Electron binary and no display: open the URL above in Chromium. Ctrl-C to stop.',
    );
  }
}

main().catch((cause) => {
  console.error('start: failed:', cause instanceof Error ? cause.message : cause);
  void stop(1);
});
