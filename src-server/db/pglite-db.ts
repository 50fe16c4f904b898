import { PGlite, parse, protocol } from '@electric-sql/pglite';
import type { Db, Queryable, QueryOptions } from './port';

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
  const prepared = preparedStatements(pg);
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): Queryable => ({
    async query<R>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      if (options.prepareAs !== undefined)
        return prepared.run<R>(options.prepareAs, sql, params, {
          inTransaction,
          customPlan: options.customPlan === true,
        });
      const res = await q.query<R>(sql, [...params]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg, false);
  return {
    kind: 'pglite',
    ...base,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx, true))),
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('none'),
  };
}

/** The two statements that set plan_cache_mode around a customPlan run (QueryOptions). */
const CUSTOM_PLAN_ON = 'pglite_custom_plan_on';
const CUSTOM_PLAN_OFF = 'pglite_custom_plan_off';

/**
 * QueryOptions.prepareAs on PGlite. pg.query sends each statement as six protocol calls into
 * the WebAssembly build (parse, describe, bind, describe, execute, then sync), and PostgreSQL
 * parses, analyses and plans its text every time — CPU the push pays in-line, on the same
 * thread as its handler. A prepared statement is parsed once under its name (with its
 * parameter types learnt then), and each run is ONE protocol call: bind, describe, execute,
 * sync. Protocol-level prepared statements outlive the transaction that made them (a
 * rollback does not drop them); PGlite has one connection, so one map of names serves every
 * query.
 */
function preparedStatements(pg: PGlite) {
  const known = new Map<string, { text: string; types: number[] }>();
  const call = async (...messages: Uint8Array[]) => {
    const message = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
    let at = 0;
    for (const m of messages) {
      message.set(m, at);
      at += m.length;
    }
    // Every message ends with Sync, so an error leaves the connection ready (and rolls back
    // only what PostgreSQL's own rules roll back, as pg.query's error does).
    return pg.execProtocolStream(message, { syncToFs: false });
  };
  return {
    async run<R>(
      name: string,
      text: string,
      params: readonly unknown[],
      how: { inTransaction: boolean; customPlan: boolean },
    ): Promise<R[]> {
      // The locks pg.query takes: inside a transaction, which holds PGlite's transaction
      // lock already, the query lock (runExclusive); outside one, both, and the files synced
      // after the statement as pg.query syncs them.
      if (!how.inTransaction) {
        return pg._runExclusiveTransaction(async () => {
          const rows = await runLocked<R>(name, text, params, how.customPlan);
          await pg.syncToFs();
          return rows;
        });
      }
      return runLocked<R>(name, text, params, how.customPlan);
    },
  };
  async function prepare(name: string, text: string) {
    let statement = known.get(name);
    if (statement === undefined) {
      const described = await call(
        protocol.serialize.parse({ name, text }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      );
      statement = { text, types: parse.parseDescribeStatementResults(described) };
      known.set(name, statement);
    }
    if (statement.text !== text) throw new Error(`prepared statement ${name} changed its text`);
    return statement;
  }
  function runLocked<R>(
    name: string,
    text: string,
    params: readonly unknown[],
    customPlan: boolean,
  ): Promise<R[]> {
    return pg.runExclusive(async () => {
      const { types } = await prepare(name, text);
      if (customPlan) {
        await prepare(CUSTOM_PLAN_ON, 'SET plan_cache_mode = force_custom_plan');
        await prepare(CUSTOM_PLAN_OFF, 'RESET plan_cache_mode');
      }
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serialize = pg.serializers[types[i]!];
        // As pg.query: a type without a serializer is sent as its value's text.
        return serialize ? serialize(value) : (value as { toString(): string }).toString();
      });
      const run = [
        protocol.serialize.bind({ statement: name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
      ];
      if (!customPlan) {
        const answer = await call(...run, protocol.serialize.sync());
        return parse.parseResults(answer, pg.parsers)[0]!.rows as R[];
      }
      // The setting for this run only, in the same call. An error skips the rest up to Sync
      // (the RESET too), but it aborts the transaction (the explicit one, or the implicit one
      // up to Sync), and its rollback undoes the SET as well.
      const answer = await call(
        protocol.serialize.bind({ statement: CUSTOM_PLAN_ON }),
        protocol.serialize.execute({}),
        ...run,
        protocol.serialize.bind({ statement: CUSTOM_PLAN_OFF }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      );
      // Results: the SET's, the statement's, the RESET's.
      return parse.parseResults(answer, pg.parsers)[1]!.rows as R[];
    });
  }
}
