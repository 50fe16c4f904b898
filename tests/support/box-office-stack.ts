import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridgeHost, type BridgeHost } from '../../src-main/bridge/bridge-host';
import { silentLogger } from '../../src-main/services/logger';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type BoxOfficeStack = BridgeHost & { readonly dataDir: string; readonly workDir: string };

/**
 * Builds the renderer with vite into a temporary folder (the production bundle, so CSP is
 * exercised) and starts services + device bridge + static server on 127.0.0.1:0.
 * Close it in afterAll.
 */
export async function startBoxOfficeStack(
  opts: { readonly version?: string } = {},
): Promise<BoxOfficeStack> {
  const workDir = await mkdtemp(join(tmpdir(), 'box-stack-'));
  const rendererDir = join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  const dataDir = join(workDir, 'data');
  const host = await startBridgeHost({
    dataDir,
    version: opts.version ?? '0.0.0-e2e',
    rendererDir,
    logger: silentLogger,
  });
  return {
    ...host,
    dataDir,
    workDir,
    async close() {
      await host.close();
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
