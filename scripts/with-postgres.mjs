#!/usr/bin/env node
// Runs a command against a throwaway PostgreSQL cluster (default: the server suite,
// `vitest run --project server`), so the server is tested on real PostgreSQL as well as on
// the embedded PGlite:
//   node scripts/with-postgres.mjs                      # the server suite on PostgreSQL
//   node scripts/with-postgres.mjs -- <command> [args]  # anything else, with the URL set
// Installs Debian's `postgresql` when it is missing (as root, with apt-get, like
// ensure-test-deps.mjs; otherwise it names the package and fails), initialises a cluster in
// a temp folder (as the `postgres` user when run as root: initdb refuses root), starts it on
// a free loopback port with its socket in that folder, exports
// SERVER_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres (tests create and
// drop a database each), runs the command, then stops the cluster and deletes the folder —
// also when the command fails or the script is interrupted. Exits with the command's status.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0], 'bin') : null;
}

let bin = pgBinDir();
if (bin === null) {
  if (!isRoot) {
    console.error(
      "The server suite on PostgreSQL needs Debian's postgresql package.\n" +
        'Install it with: sudo apt-get update && sudo apt-get install -y postgresql',
    );
    process.exit(1);
  }
  console.error('Installing postgresql (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) process.exit(update.status ?? 1);
  // The package's post-install creates the `postgres` user and a default cluster; without
  // systemd that cluster is not started, and this script does not use it.
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env,
  });
  bin = pgBinDir();
  if (bin === null) {
    console.error('postgresql installed, but no initdb under /usr/lib/postgresql/*/bin');
    process.exit(1);
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

const dir = mkdtempSync(join(tmpdir(), 'box-pg-'));
const data = join(dir, 'data');
// As root, the cluster belongs to `postgres`, which must be able to enter the folder.
if (isRoot) {
  chmodSync(dir, 0o755);
  execFileSync('chown', ['postgres:postgres', dir]);
}
const asPg = (cmd, args, options = {}) =>
  isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
        stdio: 'inherit',
        ...options,
      })
    : spawnSync(join(bin, cmd), args, { stdio: 'inherit', ...options });

let started = false;
function stop() {
  if (started) {
    asPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], { stdio: 'ignore' });
    started = false;
  }
  rmSync(dir, { recursive: true, force: true });
}

const port = await freePort();
// Trust auth on a loopback-only, throwaway cluster: nothing else can reach it, and it is
// deleted when the command ends.
const init = asPg(
  'initdb',
  ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (init.status !== 0) {
  stop();
  console.error('initdb failed');
  process.exit(1);
}
const start = asPg(
  'pg_ctl',
  [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    '-w',
    'start',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (start.status !== 0) {
  stop();
  console.error('pg_ctl start failed');
  process.exit(1);
}
started = true;
const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
console.log(`::: PostgreSQL (${bin}) on 127.0.0.1:${port}, cluster in ${dir}`);

const dash = process.argv.indexOf('--');
const [cmd, ...args] =
  dash >= 0
    ? process.argv.slice(dash + 1)
    : ['npx', '--no-install', 'vitest', 'run', '--project', 'server'];
const child = spawn(cmd, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SERVER_TEST_DATABASE_URL: url },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
