-- The refund analytics' fold of one terminal's UTC day, kept (issue 13): a year's report
-- sums ~1,500 of these rows instead of folding ~500,000 journal entries at every request.
-- `parts` is what src-server/reports/day-folds.ts computed with the report fold (shiftParts,
-- tallyOf, reportFromTally, figuresOf), NULL while the day is stale. A row exists for every
-- (venue, day, terminal) that has entries, so "no row" means "no entries", never "not yet
-- computed". first_seq..last_seq span the seqs of that day's entries (only ever widened, as
-- entries are never deleted), so a refill reads them through the primary key. `generation`
-- grows at every change: a fill stores its result only if the generation it read is still
-- the row's, so a fill that raced a push never stores a fold that misses the pushed entries.
CREATE TABLE report_day_folds (
  venue_id text NOT NULL,
  day date NOT NULL,
  terminal_id text NOT NULL,
  first_seq integer NOT NULL,
  last_seq integer NOT NULL,
  generation bigint NOT NULL DEFAULT 0,
  parts jsonb,
  PRIMARY KEY (venue_id, day, terminal_id),
  FOREIGN KEY (venue_id, terminal_id) REFERENCES terminals (venue_id, terminal_id)
);

-- The UTC day of an entry's `at`, the day journalRange and the reports put it in; NULL when
-- `at` is not an instant (the push accepts any short string): such an entry is in no day,
-- and it must not make the push fail in the trigger below.
CREATE FUNCTION journal_entry_day(at text) RETURNS date
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (at::timestamptz AT TIME ZONE 'UTC')::date;
EXCEPTION WHEN data_exception THEN
  RETURN NULL;
END $$;

-- Invalidation that no writer can forget: one statement-level trigger for every INSERT into
-- the journal (push, restore, a bulk INSERT … SELECT), one upsert per statement.
CREATE FUNCTION report_day_folds_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_day_folds AS f (venue_id, day, terminal_id, first_seq, last_seq)
  SELECT venue_id, day, terminal_id, min(seq), max(seq)
  FROM (SELECT venue_id, terminal_id, seq, journal_entry_day(at) AS day FROM inserted) n
  WHERE day IS NOT NULL
  GROUP BY venue_id, day, terminal_id
  ON CONFLICT (venue_id, day, terminal_id) DO UPDATE
    SET first_seq = least(f.first_seq, excluded.first_seq),
        last_seq = greatest(f.last_seq, excluded.last_seq),
        generation = f.generation + 1,
        parts = NULL;
  -- A shift_open is an earlier open of its terminal's later days (journalRange looks opens
  -- up before the day): those days' folds may attribute entries they could not before.
  -- Normally no later day is stored yet, so this updates nothing.
  UPDATE report_day_folds f
  SET generation = f.generation + 1, parts = NULL
  FROM (SELECT venue_id, terminal_id, min(journal_entry_day(at)) AS day
        FROM inserted WHERE type = 'shift_open' GROUP BY venue_id, terminal_id) o
  WHERE f.venue_id = o.venue_id AND f.terminal_id = o.terminal_id AND f.day > o.day;
  RETURN NULL;
END $$;

CREATE TRIGGER journal_entries_stale_day_folds
AFTER INSERT ON journal_entries
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION report_day_folds_stale();

-- The days already stored: stale until a report asks for them.
INSERT INTO report_day_folds (venue_id, day, terminal_id, first_seq, last_seq)
SELECT venue_id, day, terminal_id, min(seq), max(seq)
FROM (SELECT venue_id, terminal_id, seq, journal_entry_day(at) AS day FROM journal_entries) n
WHERE day IS NOT NULL
GROUP BY venue_id, day, terminal_id;

-- journalRange's look-up of the opens of shifts begun before its range: by shift id, not a
-- scan of the venue's whole journal. One row per shift, so pushes barely notice it.
CREATE INDEX journal_entries_shift_opens
  ON journal_entries (venue_id, ((body -> 'payload') ->> 'shiftId'))
  WHERE type = 'shift_open';
