import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import { silentLogger } from '../../src-main/services/logger';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const mainShell = join(repoRoot, 'src-renderer', 'app', 'main-shell.tsx');

/**
 * Until main.tsx imports the cashier app itself, the e2e build points main.tsx's
 * `./app-shell` import at src-renderer/app/main-shell.tsx (same exports). Once main.tsx no
 * longer imports `./app-shell`, this plugin does nothing.
 */
function cashierShell(): Plugin {
  return {
    name: 'cashier-shell',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './app-shell' && importer?.endsWith(join('src-renderer', 'main.tsx')))
        return mainShell;
      return null;
    },
  };
}

export type CashierStack = BridgeHost & { readonly workDir: string };

/** The production renderer bundle with the cashier app, behind the device bridge on 127.0.0.1:0. */
export async function startCashierStack(): Promise<CashierStack> {
  const workDir = await mkdtemp(join(tmpdir(), 'cashier-stack-'));
  const rendererDir = join(workDir, 'renderer');
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [cashierShell()],
    build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false },
  });
  const host = await startBridgeHost({
    dataDir: join(workDir, 'data'),
    version: '0.0.0-e2e',
    rendererDir,
    logger: silentLogger,
  });
  return {
    ...host,
    workDir,
    async close() {
      await host.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
