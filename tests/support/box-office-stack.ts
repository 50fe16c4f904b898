import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import { silentLogger } from '../../src-main/services/logger';
import { configFileName } from '../../src-main/services/config-store';
import { identityFileName } from '../../src-main/services/terminal-identity';
import { defaultDeviceSettings } from '../../shared/ipc/terminal-config';
import { closedLoopbackPort } from './ports';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type BoxOfficeStack = BridgeHost & {
  readonly dataDir: string;
  readonly workDir: string;
  /** The terminal id main serves (from the identity file in the data dir). */
  readonly terminalId: string;
};

export type BoxOfficeStackOptions = {
  readonly version?: string;
  /**
   * 'dist' (default): vite build into a temporary folder, served with the production CSP.
   * 'dev': the vite dev server (no CSP, inline React refresh preamble).
   */
  readonly renderer?: 'dist' | 'dev';
  /** reuse a data dir (e.g. to test a restart); defaults to a fresh one */
  readonly dataDir?: string;
  /**
   * The identity a fresh data dir is provisioned with, as enrolment will provision a till
   * (main generates a random one when there is none: pass null to test that). The cashier
   * tests provision `T1` so their receipt numbers read T1-000001 …; an existing identity file
   * (a restart) is never replaced.
   */
  readonly terminalId?: string | null;
};

/**
 * Writes the terminal identity main will serve into a data dir, as enrolment will provision a
 * till; an existing identity (a restart) is never replaced.
 */
export async function provisionTerminalIdentity(
  dataDir: string,
  terminalId: string,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, identityFileName),
    JSON.stringify({ terminalId, createdAt: new Date(0).toISOString() }),
    { flag: 'wx' },
  ).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
}

/**
 * Points a fresh data dir's printer at a closed loopback port, so a test that prints without
 * its own printer sees "printer offline" whatever else runs on this machine (the default,
 * 127.0.0.1:9100, is where a developer's `npm start` printer listens). Kept when it exists.
 */
export async function provisionUnreachablePrinter(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const port = await closedLoopbackPort();
  const settings = {
    ...defaultDeviceSettings,
    printer: { ...defaultDeviceSettings.printer, port },
  };
  await writeFile(join(dataDir, configFileName), JSON.stringify(settings), { flag: 'wx' }).catch(
    (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    },
  );
}

/**
 * Starts services + device bridge + the renderer on 127.0.0.1 (ephemeral ports). Open
 * `stack.pageUrl` in Chromium (tests/support/chromium.ts). Close it in afterAll.
 */
export async function startBoxOfficeStack(
  opts: BoxOfficeStackOptions = {},
): Promise<BoxOfficeStack> {
  const workDir = await mkdtemp(join(tmpdir(), 'box-stack-'));
  const dataDir = opts.dataDir ?? join(workDir, 'data');
  const version = opts.version ?? '0.0.0-e2e';
  let stopRenderer: () => Promise<void> = () => Promise.resolve();
  let host: BridgeHost;
  const provisioned = opts.terminalId === undefined ? 'T1' : opts.terminalId;
  if (provisioned !== null) await provisionTerminalIdentity(dataDir, provisioned);
  await provisionUnreachablePrinter(dataDir);
  try {
    if (opts.renderer === 'dev') {
      const { createServer } = await import('vite');
      const vite = await createServer({
        configFile: join(repoRoot, 'vite.config.ts'),
        server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
        logLevel: 'warn',
      });
      await vite.listen();
      stopRenderer = () => vite.close();
      const address = vite.httpServer?.address();
      if (address === null || address === undefined || typeof address !== 'object') {
        throw new Error('vite dev server is not listening');
      }
      host = await startBridgeHost({
        dataDir,
        version,
        rendererOrigin: `http://127.0.0.1:${address.port}`,
        logger: silentLogger,
        demo: true,
      });
    } else {
      const rendererDir = join(workDir, 'renderer');
      await buildRenderer(rendererDir);
      // A demo till, as `npm start` is: the scenarios sign in with the demo staff.
      host = await startBridgeHost({
        dataDir,
        version,
        rendererDir,
        logger: silentLogger,
        demo: true,
      });
    }
  } catch (cause) {
    await stopRenderer();
    await rm(workDir, { recursive: true, force: true });
    throw cause;
  }
  const started = host;
  const identity = JSON.parse(await readFile(join(dataDir, identityFileName), 'utf8')) as {
    terminalId: string;
  };
  return {
    // A getter, not a copy: each read is a fresh one-time launch code.
    get pageUrl() {
      return started.pageUrl;
    },
    rendererOrigin: started.rendererOrigin,
    bridge: started.bridge,
    services: started.services,
    dataDir,
    workDir,
    terminalId: identity.terminalId,
    async close() {
      await started.close();
      await stopRenderer();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** vite build of src-renderer into outDir (quiet). */
export async function buildRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}
