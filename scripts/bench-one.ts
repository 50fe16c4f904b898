// Runs one bench file in its own process (see scripts/bench.mjs) and writes its rows as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchFn } from '../tests/bench/harness';

const [file, out] = process.argv.slice(2);
if (!file || !out) throw new Error('usage: bench-one <file.bench.ts> <out.json>');
const mod = (await import(pathToFileURL(file).href)) as { default: BenchFn };
const rows = await mod.default();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(rows));
process.exit(0);
