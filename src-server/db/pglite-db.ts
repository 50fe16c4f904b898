import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './port';

/**
 * The embedded adapter: PGlite in a data folder (or `memory://` in tests). PGlite has one
 * connection and queues every query and transaction behind the one running, so row locks
 * taken with FOR UPDATE are uncontended here; they matter for the `pg` adapter.
 */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  const pg = await PGlite.create(dataDir);
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<R>(sql, [...params]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    close: () => pg.close(),
  };
}
