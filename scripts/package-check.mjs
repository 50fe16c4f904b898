#!/usr/bin/env node
// npm run package:check: build, then electron-builder `--linux dir` with a stand-in Electron
// dist (the real binary cannot be downloaded here), then prove the output holds
// the app (main, preload, renderer, package.json) and the serialport prebuild for linux-x64,
// and that the packaged binary's Electron fuses are set (read back from its fuse wire), and
// that nothing of the central server (src-server/ and its server-only dependencies) is in it.
// Exits non-zero on any failure, printing what it checked.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { serverOnlyPackages } from './server-only-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const failures = [];
const check = (label, ok) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) failures.push(label);
};

await buildAll({ quiet: true });
check('build: dist/main/electron-main.cjs', existsSync(join(root, 'dist/main/electron-main.cjs')));
check('build: dist/main/preload.cjs', existsSync(join(root, 'dist/main/preload.cjs')));
check('build: dist/renderer/index.html', existsSync(join(root, 'dist/renderer/index.html')));

const work = mkdtempSync(join(tmpdir(), 'box-package-'));
const electronDist = join(work, 'electron-dist');
mkdirSync(electronDist);
const standIn = join(electronDist, 'electron');
// The stand-in carries a real fuse wire, as Electron 41 ships it (sentinel, wire version 1,
// length 8, one '0'/'1' per fuse: RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar
// integrity, asar only, V8 snapshot, file protocol), so the afterPack hook really flips it.
const { SENTINEL } = require('@electron/fuses/dist/constants');
writeFileSync(
  standIn,
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for package:check" >&2\nexit 1\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from('10110001\n'),
  ]),
);
chmodSync(standIn, 0o755);
const output = join(root, '.tmp', 'package-check');
rmSync(output, { recursive: true, force: true });

const builder = spawnSync(
  process.execPath,
  [
    require.resolve('electron-builder/cli.js'),
    '--linux',
    'dir',
    `-c.electronDist=${electronDist}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
  },
);
check('electron-builder --linux dir exited 0', builder.status === 0);

const resources = join(output, 'linux-unpacked', 'resources');
const asarPath = join(resources, 'app.asar');
check(`app.asar exists (${asarPath})`, existsSync(asarPath));
if (existsSync(asarPath)) {
  const { listPackage } = require('@electron/asar');
  const entries = new Set(
    listPackage(asarPath, { isPack: false }).map((p) => p.replaceAll('\\', '/')),
  );
  for (const path of [
    '/package.json',
    '/dist/main/electron-main.cjs',
    '/dist/main/preload.cjs',
    '/dist/renderer/index.html',
  ]) {
    check(`app.asar holds ${path}`, entries.has(path));
  }
  check(
    'app.asar holds the renderer bundle (dist/renderer/assets/*.js)',
    [...entries].some((p) => /^\/dist\/renderer\/assets\/[^/]+\.js$/.test(p)),
  );
  check('app.asar holds serialport', entries.has('/node_modules/serialport/package.json'));
  check(
    'app.asar leaves out source maps',
    ![...entries].some((p) => p.startsWith('/dist/') && p.endsWith('.map')),
  );

  check(
    'app.asar holds no back office (dist/manage is served by the central server)',
    ![...entries].some((p) => p.startsWith('/dist/manage')),
  );
  check(
    'app.asar holds no customer refund pages (dist/refund-request is served by the central server)',
    ![...entries].some((p) => p.startsWith('/dist/refund-request')),
  );
  check(
    'app.asar holds no src-server code',
    ![...entries].some((p) => p.startsWith('/src-server') || p.includes('/src-server/')),
  );
  const serverOnly = serverOnlyPackages(root);
  const shipped = serverOnly.filter((name) => entries.has(`/node_modules/${name}/package.json`));
  check(
    `app.asar holds none of the server's ${serverOnly.length} server-only packages (fastify, its plugins, pino, pg, PGlite…)${shipped.length ? `: found ${shipped.join(', ')}` : ''}`,
    serverOnly.includes('fastify') && shipped.length === 0,
  );

  const prebuildDir = 'node_modules/@serialport/bindings-cpp/prebuilds/linux-x64';
  const unpackedDir = join(resources, 'app.asar.unpacked', prebuildDir);
  const unpacked = existsSync(unpackedDir)
    ? readdirSync(unpackedDir).filter((f) => f.endsWith('.node'))
    : [];
  const inAsar = [...entries].filter(
    (p) => p.startsWith(`/${prebuildDir}/`) && p.endsWith('.node'),
  );
  check(
    `serialport linux-x64 prebuild unpacked on disk (${unpacked.join(', ') || 'none'})`,
    unpacked.some((f) => f.includes('glibc')),
  );
  check('serialport linux-x64 prebuild listed in app.asar', inAsar.length > 0);
}

const packagedBinary = join(output, 'linux-unpacked', 'box-office-pos');
check(`packaged binary exists (${packagedBinary})`, existsSync(packagedBinary));
if (existsSync(packagedBinary)) {
  const { getCurrentFuseWire } = require('@electron/fuses');
  const { wrongFuses } = require('./electron-fuses.cjs');
  const wrong = wrongFuses(await getCurrentFuseWire(packagedBinary));
  check(
    `electron fuses set in the packaged binary${wrong.length ? `: ${wrong.join('; ')}` : ''}`,
    wrong.length === 0,
  );
}

rmSync(work, { recursive: true, force: true });
if (failures.length > 0) {
  console.error(`package:check failed: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('package:check passed');
