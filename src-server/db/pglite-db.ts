import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './port';

export interface PgliteDb extends Db {
  /** The whole database as a tarball, to open copies of it with openPgliteDb's template. */
  dump(): Promise<Blob>;
}

/**
 * The embedded adapter: PGlite in a data folder (or `memory://` in tests). PGlite has one
 * connection and queues every query and transaction behind the one running, so row locks
 * taken with FOR UPDATE are uncontended here; they matter for the `pg` adapter.
 */
export async function openPgliteDb(dataDir: string, template?: Blob): Promise<PgliteDb> {
  // A template (a dumpDataDir tarball) skips initdb, which takes seconds in WASM: tests
  // start each database from one migrated copy.
  const pg = await PGlite.create(dataDir, template ? { loadDataDir: template } : {});
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
    dump: () => pg.dumpDataDir('none'),
  };
}
