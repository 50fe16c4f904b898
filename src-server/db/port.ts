/**
 * The server's one database port: parameterised queries and transactions. Two adapters
 * implement it — PGlite (PostgreSQL in WASM, embedded, the default) and `pg` (a real
 * PostgreSQL server, chosen by DATABASE_URL) — and every query the server runs is plain
 * PostgreSQL that both accept. Nothing outside src-server/db/ knows which one is in use.
 */
/** How a statement runs, beyond its text and parameters. */
export interface QueryOptions {
  /**
   * Keep the statement prepared under this name on the connection that runs it (the `pg`
   * adapter): later runs skip PostgreSQL's parse and, once it settles on a generic plan,
   * planning. Only for a statement whose text never changes (one name, one text): a hot one,
   * with its values all in parameters. PGlite keeps it prepared too (pglite-db.ts).
   */
  readonly prepareAs?: string;
  /**
   * With prepareAs: plan each run for its own values, never PostgreSQL's generic plan (which
   * a prepared statement may switch to after five runs, and which is far slower for some
   * statements). PGlite keeps the statement parsed and plans it at every run
   * (plan_cache_mode force_custom_plan for that run alone); the `pg` adapter does not keep
   * it prepared at all (one statement cannot opt out of the generic plan there).
   */
  readonly customPlan?: boolean;
}

export interface Queryable {
  /** One statement with $1… parameters. */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws
   * (the error is rethrown). Nested calls are not supported; use savepoints inside `work`.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel on a connection of its own (only where other processes can NOTIFY:
   * the `pg` adapter). `onPayload` gets each notification's payload; the connection is
   * re-opened after an error (reported to `onError`), and notifications sent meanwhile are
   * lost. Resolves once listening, to the function that stops it.
   */
  listen?(
    channel: string,
    onPayload: (payload: string) => void,
    onError: (error: unknown) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * A bigint/numeric column as a JS number: `pg` hands int8 back as a string, PGlite as a
 * number or bigint. Amounts in minor units stay far below 2^53.
 */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected a number from the database, got ${typeof value}`);
}
