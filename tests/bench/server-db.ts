import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../../src-server/db/open';
import type { Db } from '../../src-server/db/port';
import type { BenchRow } from './harness';

/** The PostgreSQL server the server benches also run on, when one is named. */
export const BENCH_POSTGRES_URL = process.env.SERVER_TEST_DATABASE_URL ?? process.env.DATABASE_URL;

/**
 * A database of its own for one server bench run: PGlite in a temp folder (the embedded
 * default, on disk as in use), or a PostgreSQL database created here; `drop` removes it.
 */
export async function openBenchDb(
  kind: 'pglite' | 'postgres',
  prefix: string,
): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const name = `bo_bench_${randomBytes(6).toString('hex')}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(BENCH_POSTGRES_URL!);
    url.pathname = `/${name}`;
    const db = await openDb({ kind: 'postgres', url: url.toString() });
    return { db, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = await mkdtemp(join(tmpdir(), `box-${prefix}-bench-`));
  const db = await openDb({ kind: 'pglite', dataDir: dir });
  return { db, drop: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Runs a server bench on PGlite and, when a PostgreSQL server is named, on PostgreSQL; the
 * environment variable `only` names (set to pglite or postgres) runs one kind.
 */
export async function onEachDb(
  only: string,
  run: (kind: 'pglite' | 'postgres') => Promise<BenchRow[]>,
): Promise<BenchRow[]> {
  const which = process.env[only];
  const rows: BenchRow[] = [];
  if (which !== 'postgres') rows.push(...(await run('pglite')));
  if (which !== 'pglite' && BENCH_POSTGRES_URL) rows.push(...(await run('postgres')));
  return rows;
}
