#!/usr/bin/env node
// Installs the machine-level parts the tests use for real: Debian's Chromium (e2e, browser
// benches), socat (virtual serial pairs for scanner tests) and Xvfb (headed screenshots).
// As root it runs apt-get; otherwise it names what is missing and exits non-zero, because a
// test that silently skips its real part would pass on nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/socat', pkg: 'socat' },
  { bin: '/usr/bin/xvfb-run', pkg: 'xvfb' },
  // fonts so Ukrainian and Chinese render in screenshots and raster fallbacks
  { bin: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', pkg: 'fonts-dejavu-core' },
  { bin: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk' },
  // glyphs for the printer's raster fallback (characters a printer's code pages lack)
  { bin: '/usr/share/unifont/unifont.hex', pkg: 'unifont' },
];

const missing = NEEDED.filter((n) => !existsSync(n.bin)).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `The tests need these Debian packages: ${missing.join(', ')}.\n` +
      `Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}

console.error(`Installing test dependencies: ${missing.join(', ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
if (update.status !== 0) process.exit(update.status ?? 1);
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
const still = NEEDED.filter((n) => !existsSync(n.bin)).map((n) => n.pkg);
if (still.length > 0) {
  console.error(`Still missing after apt-get: ${still.join(', ')}`);
  process.exit(1);
}
