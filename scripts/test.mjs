#!/usr/bin/env node
// npm test: every gate in order — machine packages, typecheck, lint, format, unit (with coverage),
// integration, server (on PGlite), security, e2e — then one closing line "N passed, N failed". Each stage runs even when an
// earlier vitest stage failed, so one run shows every failure; typecheck and lint stop the run.
// A skipped or todo test fails the run: a test that did not run proved nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });

function run(label, cmd, args) {
  console.log(`\n::: ${label}`);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: process.env });
  console.log(
    `::: ${label}: ${res.status === 0 ? 'ok' : `FAILED (exit ${res.status})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return res.status === 0;
}

const npx = (args) => ['npx', ['--no-install', ...args]];

if (!run('machine packages', process.execPath, [join(root, 'scripts', 'ensure-test-deps.mjs')]))
  process.exit(1);
if (!run('typecheck', ...npx(['tsc', '-p', 'tsconfig.json', '--noEmit']))) process.exit(1);
if (
  !run(
    'typecheck shared/ without Node types',
    ...npx(['tsc', '-p', 'shared/tsconfig.json', '--noEmit']),
  )
)
  process.exit(1);
if (!run('lint', ...npx(['eslint', '.', '--max-warnings=0']))) process.exit(1);
if (!run('format', ...npx(['prettier', '--check', '.']))) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
let stageFailed = false;
for (const project of ['unit', 'integration', 'server', 'security', 'e2e']) {
  const out = join(tmp, `vitest-${project}.json`);
  rmSync(out, { force: true });
  const extra = project === 'unit' ? ['--coverage'] : [];
  const okRun = run(
    `${project} tests`,
    ...npx([
      'vitest',
      'run',
      '--project',
      project,
      ...extra,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ]),
  );
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) {
      console.error(`::: ${project}: no tests ran`);
      stageFailed = true;
    }
  } catch {
    console.error(`::: ${project}: no result file (the run crashed before reporting)`);
    stageFailed = true;
  }
  if (!okRun) stageFailed = true;
}

if (totals.skipped > 0) {
  console.error(`::: ${totals.skipped} test(s) skipped or todo: that fails the run`);
  stageFailed = true;
}
console.log(
  `\nTests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(stageFailed || totals.failed > 0 ? 1 : 0);
