#!/usr/bin/env node
// npm run bench: runs every tests/bench/*.bench.ts (each default-exports an async function that
// returns rows), writes bench-results.json at the repository root and prints a table. It reports
// and never gates: exit 0 even when a target is missed; non-zero only when a benchmark crashes.
//
// bench-results.json is `{ run: { commit, date, cores, loadavg, files }, results: [{name, value,
// unit, target, ok, note}] }`. A full run rewrites it whole, so no figure outlives the run that
// measured it; `npm run bench -- <part>` runs a subset and keeps the other rows, and then the
// run record says which files were rerun.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'tests', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows = [];
let crashed = 0;
for (const file of files) {
  const out = join(root, '.tmp', `bench-${file}.json`);
  console.error(`bench: ${file}`);
  // Flush what the previous bench (or the test suite before it) left in the page cache: the
  // browser bench writes hundreds of MB of IndexedDB, and its writeback would otherwise land
  // on the next bench's strict-durability commits and be counted as theirs.
  spawnSync('sync', [], { stdio: 'inherit' });
  // One process per file so a browser or server one bench starts cannot skew the next.
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'bench-one.ts'), join(benchDir, file), out],
    { stdio: 'inherit', cwd: root },
  );
  if (res.status !== 0) {
    crashed++;
    console.error(`bench: ${file} crashed (exit ${res.status})`);
    continue;
  }
  rows.push(...JSON.parse(readFileSync(out, 'utf8')));
  rmSync(out, { force: true });
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
    return dirty.trim() === '' ? sha : `${sha}+dirty`;
  } catch {
    return null;
  }
}

// Keep figures from benches not run this time (only when a subset was asked for).
let merged = rows;
if (only.length > 0) {
  try {
    const previous = JSON.parse(readFileSync(join(root, 'bench-results.json'), 'utf8'));
    const fresh = new Set(rows.map((r) => r.name));
    const earlier = Array.isArray(previous) ? previous : (previous.results ?? []);
    merged = [...earlier.filter((r) => !fresh.has(r.name)), ...rows];
  } catch {
    /* no earlier results */
  }
}
const run = {
  commit: gitCommit(),
  date: new Date().toISOString(),
  cores: cpus().length,
  // 1, 5 and 15 minute load averages at the end of the run: how busy the machine was.
  loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  files: only.length > 0 ? files : 'all',
};
writeFileSync(
  join(root, 'bench-results.json'),
  JSON.stringify({ run, results: merged }, null, 2) + '\n',
);

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('name', 34)} ${pad('value', 14)} ${pad('unit', 8)} ${pad('target', 12)} ok`);
for (const r of merged) {
  const mark = r.ok === null ? '-' : r.ok ? 'yes' : 'NO';
  console.log(
    `${pad(r.name, 34)} ${pad(r.value, 14)} ${pad(r.unit, 8)} ${pad(r.target ?? '', 12)} ${mark}${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log(
  `\n${merged.length} figures written to bench-results.json${crashed ? `; ${crashed} bench file(s) crashed` : ''}`,
);
process.exit(crashed ? 1 : 0);
