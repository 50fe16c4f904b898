/**
 * QueryOptions.prepareAs on both adapters: a statement kept prepared under a name answers as
 * the same statement run unnamed (values, types, nulls, arrays and jsonb in and out), inside
 * a transaction and outside one; a database error keeps its SQLSTATE and rolls its
 * transaction back; the name outlives a transaction rolled back after preparing it; and one
 * name never runs a second text. On PGlite it is the adapter's own protocol path
 * (src-server/db/pglite-db.ts), on PostgreSQL pg's named statements.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src-server/db/port';
import { freshDatabase } from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function database(): Promise<Db> {
  const fresh = await freshDatabase();
  cleanups.push(async () => {
    await fresh.db.close();
    await fresh.drop();
  });
  await fresh.db.exec(
    `CREATE TABLE prep_t (id integer PRIMARY KEY, big bigint, name text, tags text[],
       doc jsonb, at timestamptz)`,
  );
  return fresh.db;
}

const INSERT = `INSERT INTO prep_t (id, big, name, tags, doc, at)
  SELECT * FROM unnest($1::integer[], $2::bigint[], $3::text[]) AS r (id, big, name)
  CROSS JOIN (SELECT $4::text[], $5::jsonb, $6::timestamptz) AS c
  RETURNING id, big, name, tags, doc, at`;
const SELECT = `SELECT id, big, name, tags, doc, at FROM prep_t WHERE id = ANY($1::integer[]) ORDER BY id`;

const values = (id: number) => [
  [id, id + 1],
  [9_007_199_254_740_000, null],
  ['Квиток 票', null],
  ['a', 'b,c', 'd"e'],
  { seat: 'A-1', price: { amount: 25_000 } },
  '2026-12-05T12:00:00.000Z',
];

describe('prepared statements (QueryOptions.prepareAs)', () => {
  it('answer as the same statement run unnamed, inside and outside a transaction', async () => {
    const db = await database();
    const plain = await db.transaction((tx) => tx.query(INSERT, values(1)));
    const named = await db.transaction((tx) =>
      tx.query(INSERT, values(3), { prepareAs: 'prep_insert' }),
    );
    // The same name again, with other values (the prepared path, not its first parse).
    const again = await db.transaction((tx) =>
      tx.query(INSERT, values(5), { prepareAs: 'prep_insert' }),
    );
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(named)).toEqual(strip(plain));
    expect(strip(again)).toEqual(strip(plain));
    expect(plain[0]).toMatchObject({ name: 'Квиток 票', tags: ['a', 'b,c', 'd"e'] });
    expect(plain[0]!.doc).toEqual({ seat: 'A-1', price: { amount: 25_000 } });
    expect(Number(plain[0]!.big)).toBe(9_007_199_254_740_000);
    expect(plain[1]).toMatchObject({ big: null, name: null });
    expect(new Date(plain[0]!.at as string | Date).toISOString()).toBe('2026-12-05T12:00:00.000Z');

    const ids = [[1, 2, 3, 4, 5, 6]];
    const unnamed = await db.query(SELECT, ids);
    expect(unnamed).toHaveLength(6);
    expect(await db.query(SELECT, ids, { prepareAs: 'prep_select' })).toEqual(unnamed);
    expect(await db.query(SELECT, ids, { prepareAs: 'prep_select' })).toEqual(unnamed);
    expect(
      await db.transaction((tx) => tx.query(SELECT, ids, { prepareAs: 'prep_select' })),
    ).toEqual(unnamed);
  });

  it('an error keeps its SQLSTATE and rolls the transaction back; the name outlives a rollback', async () => {
    const db = await database();
    // Prepared in a transaction that is then rolled back.
    await expect(
      db.transaction(async (tx) => {
        await tx.query(INSERT, values(1), { prepareAs: 'prep_insert' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.query('SELECT id FROM prep_t')).toEqual([]);

    await db.transaction((tx) => tx.query(INSERT, values(1), { prepareAs: 'prep_insert' }));
    // id 2 again: a unique violation (23505) from the prepared statement.
    const failed = db.transaction(async (tx) => {
      await tx.query(INSERT, values(7), { prepareAs: 'prep_insert' });
      await tx.query(INSERT, values(2), { prepareAs: 'prep_insert' });
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    const ids = await db.query<{ id: number }>('SELECT id FROM prep_t ORDER BY id');
    expect(ids.map((r) => r.id)).toEqual([1, 2]);
    // And the connection and the name still work.
    await db.transaction((tx) => tx.query(INSERT, values(9), { prepareAs: 'prep_insert' }));
    expect(await db.query('SELECT count(*)::integer AS n FROM prep_t')).toEqual([{ n: 4 }]);
  });

  it('customPlan: the same answers, and the session setting is as it was after every run', async () => {
    const db = await database();
    const mode = async (q: Pick<Db, 'query'> = db) =>
      (await q.query<{ m: string }>(`SELECT current_setting('plan_cache_mode') AS m`))[0]!.m;
    const before = await mode();
    const ids = [[1, 2, 3]];
    await db.transaction((tx) => tx.query(INSERT, values(1)));
    const unnamed = await db.query(SELECT, ids);
    // More than five runs: where PostgreSQL would consider its generic plan.
    for (let i = 0; i < 7; i++) {
      expect(await db.query(SELECT, ids, { prepareAs: 'prep_custom', customPlan: true })).toEqual(
        unnamed,
      );
      await db.transaction(async (tx) => {
        expect(await tx.query(SELECT, ids, { prepareAs: 'prep_custom', customPlan: true })).toEqual(
          unnamed,
        );
        expect(await mode(tx)).toBe(before);
      });
    }
    expect(await mode()).toBe(before);
    // A failing run inside a savepoint, rolled back to it, and one outside a transaction.
    const dup = `INSERT INTO prep_t (id) SELECT unnest($1::integer[])`;
    await db.transaction(async (tx) => {
      await tx.exec('SAVEPOINT s');
      await expect(
        tx.query(dup, [[1]], { prepareAs: 'prep_dup', customPlan: true }),
      ).rejects.toMatchObject({ code: '23505' });
      await tx.exec('ROLLBACK TO SAVEPOINT s');
      expect(await mode(tx)).toBe(before);
      await tx.query(dup, [[4]], { prepareAs: 'prep_dup', customPlan: true });
    });
    await expect(
      db.query(dup, [[4]], { prepareAs: 'prep_dup', customPlan: true }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await mode()).toBe(before);
    expect(await db.query('SELECT count(*)::integer AS n FROM prep_t')).toEqual([{ n: 3 }]);
  });

  it('one name never runs a second text', async () => {
    const db = await database();
    // In one transaction: on PostgreSQL a name is per connection, and a transaction is one.
    const refused = db.transaction(async (tx) => {
      expect(await tx.query('SELECT 1 AS one', [], { prepareAs: 'prep_one' })).toEqual([
        { one: 1 },
      ]);
      await tx.query('SELECT 2 AS two', [], { prepareAs: 'prep_one' });
    });
    await expect(refused).rejects.toThrow();
  });
});
