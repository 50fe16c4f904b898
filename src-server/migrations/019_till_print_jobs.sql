-- Issue 13 item 4: a manager sends a copy of any Z to a chosen till's printer. The job waits
-- here until that till says it queued it in its own durable print queue (main prints each job
-- id once, however often it is fetched).
CREATE TABLE till_print_jobs (
  venue_id text NOT NULL,
  job_id uuid NOT NULL,
  target_terminal_id text NOT NULL,
  -- What to print: the Z of this window's shift.
  source_terminal_id text NOT NULL,
  shift_id text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en', 'uk', 'zh')),
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  queued_at timestamptz,
  PRIMARY KEY (venue_id, job_id),
  FOREIGN KEY (venue_id, target_terminal_id) REFERENCES terminals (venue_id, terminal_id),
  FOREIGN KEY (venue_id, source_terminal_id) REFERENCES terminals (venue_id, terminal_id)
);
CREATE INDEX till_print_jobs_waiting
  ON till_print_jobs (venue_id, target_terminal_id, requested_at)
  WHERE queued_at IS NULL;
CREATE INDEX till_print_jobs_of_shift
  ON till_print_jobs (venue_id, source_terminal_id, shift_id);
