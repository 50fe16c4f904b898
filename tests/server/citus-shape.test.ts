/**
 * The schema rule that lets venues shard by venue_id on Citus (src-server/README.md,
 * "Scale-out"), checked on one node from the catalog after every migration: each table that
 * holds a venue_id has it first in its primary key, in every unique constraint and every
 * unique index (CREATE UNIQUE INDEX makes no constraint row, so both are read), and every
 * foreign key between such tables carries venue_id onto venue_id (co-located joins). A table
 * without venue_id must be named here as a reference table. A future migration that breaks
 * the rule fails this test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import { freshDatabase } from './harness';

/** Tables with no venue data: Citus reference tables (or coordinator-local), never sharded. */
const REFERENCE_TABLES = ['schema_migrations'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function migrated(): Promise<Db> {
  const fresh = await freshDatabase();
  cleanups.push(async () => {
    await fresh.db.close();
    await fresh.drop();
  });
  await migrate(fresh.db);
  return fresh.db;
}

/** Every breach of the rule, one sentence each (empty when the schema can be distributed). */
async function citusShapeViolations(db: Db): Promise<string[]> {
  const out: string[] = [];
  const tables = await db.query<{ table_name: string; has_venue: boolean }>(
    `SELECT t.table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                    WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                      AND c.column_name = 'venue_id') AS has_venue
     FROM information_schema.tables t
     WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY t.table_name`,
  );
  const venueTables = new Set(tables.filter((t) => t.has_venue).map((t) => t.table_name));
  for (const t of tables) {
    if (!t.has_venue && !REFERENCE_TABLES.includes(t.table_name))
      out.push(`${t.table_name} has no venue_id and is not a listed reference table`);
  }

  // Primary keys and unique constraints, column by column (information_schema).
  const keys = await db.query<{
    table_name: string;
    constraint_name: string;
    constraint_type: string;
    first: string;
  }>(
    `SELECT tc.table_name, tc.constraint_name, tc.constraint_type, k.column_name AS first
     FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage k
       ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
      AND k.table_name = tc.table_name AND k.ordinal_position = 1
     WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')`,
  );
  for (const table of venueTables) {
    if (!keys.some((k) => k.table_name === table && k.constraint_type === 'PRIMARY KEY'))
      out.push(`${table} has no primary key`);
  }
  for (const k of keys) {
    if (venueTables.has(k.table_name) && k.first !== 'venue_id')
      out.push(`${k.table_name}: ${k.constraint_type} ${k.constraint_name} starts with ${k.first}`);
  }

  // Unique indexes, also those made without a constraint (pg_index).
  const indexes = await db.query<{ table_name: string; index_name: string; first: string | null }>(
    `SELECT c.relname AS table_name, i.relname AS index_name, a.attname AS first
     FROM pg_index x
     JOIN pg_class c ON c.oid = x.indrelid
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
     WHERE n.nspname = 'public' AND x.indisunique`,
  );
  for (const ix of indexes) {
    if (venueTables.has(ix.table_name) && ix.first !== 'venue_id')
      out.push(
        `${ix.table_name}: unique index ${ix.index_name} starts with ${ix.first ?? 'an expression'}`,
      );
  }

  // Foreign keys between venue tables map venue_id onto venue_id (co-located on Citus).
  const fks = await db.query<{ table_name: string; name: string; target: string; ok: boolean }>(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname AS name,
            c.confrelid::regclass::text AS target,
            EXISTS (SELECT 1 FROM unnest(c.conkey, c.confkey) AS k(a, b)
                    JOIN pg_attribute x ON x.attrelid = c.conrelid AND x.attnum = k.a
                    JOIN pg_attribute y ON y.attrelid = c.confrelid AND y.attnum = k.b
                    WHERE x.attname = 'venue_id' AND y.attname = 'venue_id') AS ok
     FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  for (const fk of fks) {
    if (venueTables.has(fk.table_name) && venueTables.has(fk.target) && !fk.ok)
      out.push(
        `${fk.table_name}: foreign key ${fk.name} to ${fk.target} does not join on venue_id`,
      );
  }
  return out.sort();
}

describe('the schema can be distributed by venue_id (Citus)', () => {
  it('holds for every migration in src-server/migrations', async () => {
    const db = await migrated();
    expect(await citusShapeViolations(db)).toEqual([]);
    // Not vacuous: the venue tables of 001 are all there.
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'venue_id'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['venues', 'terminals', 'journal_entries', 'orders', 'tickets']),
    );
  });

  it('names a migration that breaks it', async () => {
    const db = await migrated();
    await db.exec(
      `CREATE TABLE seats_sold (seat_id text PRIMARY KEY, venue_id text NOT NULL,
         order_id text NOT NULL, UNIQUE (order_id, venue_id),
         FOREIGN KEY (venue_id, seat_id) REFERENCES orders (venue_id, order_id));
       CREATE TABLE counters (n integer);
       CREATE UNIQUE INDEX tickets_by_code ON tickets (ticket_id);
       CREATE TABLE scans (venue_id text NOT NULL, order_id text NOT NULL,
         FOREIGN KEY (order_id, venue_id) REFERENCES orders (venue_id, order_id));`,
    );
    const found = await citusShapeViolations(db);
    expect(found).toEqual(
      expect.arrayContaining([
        'counters has no venue_id and is not a listed reference table',
        'scans has no primary key',
        'seats_sold: PRIMARY KEY seats_sold_pkey starts with seat_id',
        'seats_sold: UNIQUE seats_sold_order_id_venue_id_key starts with order_id',
        'seats_sold: unique index seats_sold_pkey starts with seat_id',
        'tickets: unique index tickets_by_code starts with ticket_id',
        expect.stringMatching(/^scans: foreign key \S+ to orders does not join on venue_id$/),
      ]),
    );
    // The FK of seats_sold maps venue_id onto venue_id: that part of it is fine.
    expect(found.filter((f) => f.includes('foreign key'))).toHaveLength(1);
  });
});
