import { z } from 'zod';

/**
 * The largest whole number the server's database keeps in an `integer` column (PostgreSQL's
 * int4: seq, receipt_no, issued_seq, updated_seq, z_number, catalog and staff versions…).
 * A larger number would pass a schema checking only `int()` and then fail inside the push's
 * transaction, raised as an exception instead of refused at the door; every contract field
 * that lands in such a column is bounded here, once. Money needs no such bound: amounts are
 * safe integers (`moneySchema`), well inside the `bigint` columns that hold them.
 */
export const MAX_DB_INT = 2_147_483_647;

/** A whole number from `min` (default 0) up to {@link MAX_DB_INT}, with sentences for people. */
export function dbInt(min = 0) {
  return z
    .number()
    .int('Must be a whole number.')
    .min(min, `Must be at least ${min}.`)
    .max(MAX_DB_INT, `Must be at most ${MAX_DB_INT} (the largest number the server stores).`);
}

/** The same bound for a number read from a query string (`?after=12`). */
export function dbIntQuery(min = 0) {
  return z.coerce
    .number()
    .int('Must be a whole number.')
    .min(min, `Must be at least ${min}.`)
    .max(MAX_DB_INT, `Must be at most ${MAX_DB_INT} (the largest number the server stores).`);
}
