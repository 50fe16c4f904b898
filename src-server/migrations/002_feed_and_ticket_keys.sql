-- The venue feed (issue 11 items 5, 6): every stored journal entry gets a per-venue feed
-- position, the cursor of GET /api/sync/pull; and the ticket-signing keys tills publish.
--
-- Positions come from a counter on the venue row, taken in the push transaction with
-- UPDATE venues SET feed_pos = feed_pos + n … RETURNING (see src-server/sync/push.ts). That
-- row lock is held to COMMIT, so positions are handed out in commit order and a reader that
-- has seen position p has seen every position below p. A sequence or identity column would
-- not do: two pushes take 7 and 8, the one with 8 commits first, a reader pulls up to 8,
-- and 7 then commits behind its cursor and is never read.

ALTER TABLE venues ADD COLUMN feed_pos bigint NOT NULL DEFAULT 0;

ALTER TABLE journal_entries ADD COLUMN feed_pos bigint;

-- Phase-1 databases: number what is stored in the order it arrived (received_at, then each
-- terminal's seq), and start each venue's counter after it.
UPDATE journal_entries j SET feed_pos = n.pos
FROM (
  SELECT venue_id, terminal_id, seq,
         row_number() OVER (PARTITION BY venue_id ORDER BY received_at, terminal_id, seq) AS pos
  FROM journal_entries
) n
WHERE j.venue_id = n.venue_id AND j.terminal_id = n.terminal_id AND j.seq = n.seq;

UPDATE venues v SET feed_pos = COALESCE(
  (SELECT max(j.feed_pos) FROM journal_entries j WHERE j.venue_id = v.venue_id), 0);

ALTER TABLE journal_entries ALTER COLUMN feed_pos SET NOT NULL;
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_feed_pos_key UNIQUE (venue_id, feed_pos);

-- Keys that sign ticket codes, one or two per till, published to every till of the venue
-- (PUT /api/terminal/ticket-key). A revoked terminal's keys stay: its tickets are then
-- refused as revoked, not unknown.
CREATE TABLE ticket_keys (
  venue_id text NOT NULL,
  terminal_id text NOT NULL,
  key_id text NOT NULL,
  -- Raw Ed25519 public key, base64.
  public_key text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, terminal_id, key_id),
  FOREIGN KEY (venue_id, terminal_id) REFERENCES terminals (venue_id, terminal_id)
);
