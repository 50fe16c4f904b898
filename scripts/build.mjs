#!/usr/bin/env node
// npm run build: the renderer with vite into dist/renderer, and Electron main + preload with
// esbuild into dist/main. Preload is CommonJS because a sandboxed preload cannot be an ES
// module and may only require('electron'); main is CommonJS to match package.json "main".
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outMain = join(root, 'dist', 'main');

// Native addons load prebuilt binaries relative to their package folder, so they stay in
// node_modules (electron-builder packs them; asarUnpack puts the .node files on disk).
const nativeExternal = ['electron', 'serialport', '@serialport/*'];

export async function buildAll({ quiet = false } = {}) {
  const log = (m) => {
    if (!quiet) console.log(m);
  };
  await rm(join(root, 'dist'), { recursive: true, force: true });

  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  log('build: renderer → dist/renderer');
  await viteBuild({
    configFile: join(root, 'vite.manage.config.ts'),
    logLevel: quiet ? 'warn' : 'info',
  });
  log('build: back office → dist/manage');
  await viteBuild({
    configFile: join(root, 'vite.refund-request.config.ts'),
    logLevel: quiet ? 'warn' : 'info',
  });
  log('build: customer refund pages → dist/refund-request');

  const common = {
    bundle: true,
    sourcemap: true,
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none',
  };
  await esbuild({
    ...common,
    entryPoints: [join(root, 'src-main', 'electron', 'main.ts')],
    outfile: join(outMain, 'electron-main.cjs'),
    platform: 'node',
    format: 'cjs',
    external: nativeExternal,
  });
  log('build: main → dist/main/electron-main.cjs');

  await esbuild({
    ...common,
    entryPoints: [join(root, 'src-main', 'preload', 'preload.ts')],
    outfile: join(outMain, 'preload.cjs'),
    // The sandboxed preload has no Node: bundle everything except electron itself.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    // zod's namespace import does not tree-shake; minifying keeps the preload small to parse.
    minify: true,
    external: ['electron'],
  });
  log('build: preload → dist/main/preload.cjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildAll().catch((cause) => {
    console.error(cause);
    process.exit(1);
  });
}
