-- The journal's bodies compressed with lz4 instead of pglz (issue 11, branch push-rt). A
-- sale's body is ~3.2 KB as jsonb, over the ~2 KB at which PostgreSQL compresses a value
-- before storing the row, so every pushed entry paid a pglz compression inside the push's
-- INSERT (sync/push.ts STORE_NEW). Measured on PostgreSQL 15, 100 one-ticket sales a push:
-- the INSERT node of STORE_NEW (EXPLAIN ANALYZE) 7.5–8.9 ms with pglz, 3.3–3.4 ms with lz4;
-- the whole statement as the push runs it, median 10.75 → 8.38 ms (two databases of one
-- cluster pushed in turn in one process, load average ~6 on 2 cores) and 5.7–5.8 → 4.2–4.7
-- ms (one database a run, runs alternated, load ~5.5), the push's median 17.5–18.2 →
-- 14.9–16.2 ms in those runs. Tables of the same size either way. Reads
-- (restore, the reports' folds) decompress lz4 faster too. Only values stored from now on
-- use it; older rows keep pglz, which PostgreSQL reads as before (the method is per value).
--
-- A PostgreSQL built without lz4 (PGlite's WebAssembly build is one) refuses the method
-- with feature_not_supported: the column then keeps pglz and nothing else changes.
DO $$
BEGIN
  ALTER TABLE journal_entries ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not built in: journal_entries.body keeps pglz';
END $$;
