/**
 * Migrations and start-up: versioned SQL files applied in order, each in one transaction and
 * recorded; a failing one leaves nothing behind; the schema keeps venue_id in every key (the
 * Citus shape); and the real entry point (src-server/main.ts) starts, migrates, serves and
 * keeps its data across a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src-server/db/migrate';
import { openPgliteDb } from '../../src-server/db/pglite-db';
import { DATABASE_KIND, freshDatabase } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function database() {
  const fresh = await freshDatabase();
  cleanups.push(async () => {
    await fresh.db.close();
    await fresh.drop();
  });
  return fresh;
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'box-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('migrations', () => {
  it('apply in order, once each, recorded in schema_migrations', async () => {
    const { db } = await database();
    await migrate(db);
    const shipped = loadMigrations().map((m) => m.version);
    expect(shipped.slice(0, 3)).toEqual(['001', '002', '003']);
    const dir = migrationsDir({
      '902_add_column.sql': 'ALTER TABLE m_test ADD COLUMN b int NOT NULL DEFAULT 2;',
      '901_create.sql': 'CREATE TABLE m_test (a int); INSERT INTO m_test (a) VALUES (1);',
    });
    expect(await migrate(db, loadMigrations(dir))).toEqual(['901', '902']);
    expect(await migrate(db, loadMigrations(dir))).toEqual([]);
    expect(await db.query('SELECT a, b FROM m_test')).toEqual([{ a: 1, b: 2 }]);
    const versions = await db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual([...shipped, '901', '902']);
  });

  it('a failing migration leaves nothing behind and stops the ones after it', async () => {
    const { db } = await database();
    await migrate(db);
    const dir = migrationsDir({
      '901_half.sql': 'CREATE TABLE half_done (a int); SELECT no_such_function();',
      '902_after.sql': 'CREATE TABLE after_it (a int);',
    });
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(/no_such_function/);
    const tables = await db.query<{ n: string }>(
      `SELECT table_name AS n FROM information_schema.tables WHERE table_name IN ('half_done', 'after_it')`,
    );
    expect(tables).toEqual([]);
    expect((await db.query('SELECT version FROM schema_migrations')).length).toBe(
      loadMigrations().length,
    );
  });

  it('002 numbers the entries of a phase-1 database in arrival order and starts each venue feed after them', async () => {
    // An empty database: the PGlite test template is migrated already.
    const db = DATABASE_KIND === 'pglite' ? await openPgliteDb('memory://') : (await database()).db;
    if (DATABASE_KIND === 'pglite') cleanups.push(() => db.close());
    const all = loadMigrations();
    await migrate(
      db,
      all.filter((m) => m.version === '001'),
    );
    await db.exec(`
      INSERT INTO venues (venue_id, name, currency) VALUES ('a', 'A', 'UAH'), ('b', 'B', 'UAH'), ('c', 'C', 'UAH');
      INSERT INTO terminals (venue_id, terminal_id, terminal_no, name, public_key, token_hash)
        VALUES ('a', 'a-T01', 1, 'T1', 'k1', 'h'), ('a', 'a-T02', 2, 'T2', 'k2', 'h'), ('b', 'b-T01', 1, 'T1', 'k3', 'h');
      INSERT INTO journal_entries (venue_id, terminal_id, seq, hash, prev_hash, type, at, body, status, received_at) VALUES
        ('a', 'a-T02', 1, 'x', 'x', 'login', 't', '{}', 'applied', '2026-04-01T10:00:00Z'),
        ('a', 'a-T01', 1, 'x', 'x', 'login', 't', '{}', 'applied', '2026-04-01T10:00:01Z'),
        ('a', 'a-T01', 2, 'x', 'x', 'login', 't', '{}', 'applied', '2026-04-01T10:00:01Z'),
        ('b', 'b-T01', 1, 'x', 'x', 'login', 't', '{}', 'applied', '2026-04-01T09:00:00Z');
    `);
    expect(await migrate(db)).toEqual(all.filter((m) => m.version !== '001').map((m) => m.version));
    const rows = await db.query<{
      venue_id: string;
      terminal_id: string;
      seq: number;
      feed_pos: unknown;
    }>(
      `SELECT venue_id, terminal_id, seq, feed_pos FROM journal_entries ORDER BY venue_id, feed_pos`,
    );
    expect(rows.map((r) => [r.venue_id, r.terminal_id, r.seq, Number(r.feed_pos)])).toEqual([
      ['a', 'a-T02', 1, 1],
      ['a', 'a-T01', 1, 2],
      ['a', 'a-T01', 2, 3],
      ['b', 'b-T01', 1, 1],
    ]);
    const venues = await db.query<{ venue_id: string; feed_pos: unknown }>(
      `SELECT venue_id, feed_pos FROM venues ORDER BY venue_id`,
    );
    expect(venues.map((v) => [v.venue_id, Number(v.feed_pos)])).toEqual([
      ['a', 3],
      ['b', 1],
      ['c', 0],
    ]);
  });

  it('refuses a migration file not named NNN_words.sql', () => {
    const dir = migrationsDir({ '1_bad name.sql': 'SELECT 1;' });
    expect(() => loadMigrations(dir)).toThrow(/not named NNN_words\.sql/);
  });

  it('keeps venue_id first in every primary key and in every unique constraint (Citus distribution)', async () => {
    const { db } = await database();
    await migrate(db);
    const keys = await db.query<{ table_name: string; kind: string; cols: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, c.contype::text AS kind,
              string_agg(a.attname, ',' ORDER BY k.ord) AS cols
       FROM pg_constraint c
       CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
       WHERE c.contype IN ('p', 'u') AND c.connamespace = 'public'::regnamespace
         AND c.conrelid::regclass::text <> 'schema_migrations'
       GROUP BY c.conrelid, c.conname, c.contype`,
    );
    expect(keys.length).toBeGreaterThanOrEqual(12);
    for (const key of keys)
      expect(`${key.table_name}: ${key.cols.split(',')[0]}`).toBe(`${key.table_name}: venue_id`);
  });

  it('025 stores new journal bodies with lz4 on PostgreSQL and leaves PGlite (no lz4) on pglz', async () => {
    const { db } = await database();
    await migrate(db);
    // attcompression: 'l' lz4, '' the server's default (pglz).
    const [column] = await db.query<{ attcompression: string }>(
      `SELECT attcompression::text AS attcompression FROM pg_attribute
       WHERE attrelid = 'journal_entries'::regclass AND attname = 'body'`,
    );
    expect(column?.attcompression).toBe(DATABASE_KIND === 'postgres' ? 'l' : '');
  });
});

describe('the server entry point', () => {
  function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve({ child, url: m[1]! });
      });
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  }
  const stop = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });

  it('starts, migrates, seeds the demo venue, serves, stops on SIGTERM and keeps its data', async () => {
    // The server process opens the database itself: only its PostgreSQL database (if any) is
    // taken here, and dropped after.
    const fresh = await freshDatabase();
    cleanups.push(fresh.drop);
    const dataDir = mkdtempSync(join(tmpdir(), 'box-server-data-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = fresh.url ? { DATABASE_URL: fresh.url } : { SERVER_DATA_DIR: dataDir };
    await fresh.db.close();

    const first = await start({ ...env, SERVER_DEMO: '1' });
    const health = await fetch(`${first.url}/api/health`);
    expect(await health.json()).toEqual({
      status: 'ok',
      database: fresh.url ? 'postgres' : 'pglite',
      schemaVersion: loadMigrations().at(-1)!.version,
    });
    const auth = `Basic ${Buffer.from('li.wei@podil-stage.example:demo-manager-3333').toString('base64')}`;
    const code = await fetch(`${first.url}/api/venues/podil-stage/enrolment-codes`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(code.status).toBe(201);
    expect(await stop(first.child)).toBe(0);

    // Again, without the demo flag: the venue, its manager and the code are still there.
    const second = await start(env);
    const terminals = await fetch(`${second.url}/api/venues/podil-stage/terminals`, {
      headers: { authorization: auth },
    });
    expect(terminals.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  });
});
