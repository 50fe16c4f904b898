-- What the back office shows of each window's sync (issue 13 item 2): when the till last
-- reached the server (any pull or push), the head its own journal had then (main reports it
-- with each pull), and since when it has held entries the server did not have.
ALTER TABLE terminals
  ADD COLUMN last_seen_at timestamptz,
  ADD COLUMN till_head_seq integer,
  ADD COLUMN unsynced_since timestamptz;
