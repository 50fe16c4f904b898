import pg from 'pg';
import type { Db, Queryable, QueryOptions } from './port';

/** The adapter for a real PostgreSQL server (DATABASE_URL): a `pg` pool. */
export function openPostgresDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      // customPlan: unnamed, so PostgreSQL plans it for this run's values (see QueryOptions).
      const name = options.customPlan === true ? undefined : options.prepareAs;
      const res = await c.query({ text: sql, values: [...params], name });
      return res.rows as R[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload, onError) => listen(connectionString, channel, onPayload, onError),
    close: () => pool.end(),
  };
}

/**
 * A LISTEN on a client outside the pool (a pooled client would be handed to queries and its
 * LISTEN lost on release). After a connection error it reconnects every second until stopped.
 */
async function listen(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const open = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on('error', (error) => {
      onError(error);
      c.end().catch(() => undefined);
      if (client === c) client = null;
      if (!stopped) retry = setTimeout(reopen, 1000);
    });
    await c.connect();
    // The channel is our constant, not input; LISTEN takes no parameters.
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (stopped) await c.end();
    else client = c;
  };
  const reopen = () => {
    open().catch((error: unknown) => {
      onError(error);
      if (!stopped) retry = setTimeout(reopen, 1000);
    });
  };
  await open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = null;
  };
}
