-- Selling channels other than the venue's tills (issue 12 item 4): the web shop sells from
-- the same inventory as the windows (holds and orders in 005's tables, channel 'web'). A
-- manager creates a channel and is shown its bearer token once; like a terminal's, the token
-- reads <venueId>.<channelId>.<secret> and only the secret's SHA-256 is kept.
CREATE TABLE channels (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  channel_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('web')),
  name text NOT NULL,
  token_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (venue_id, channel_id),
  FOREIGN KEY (venue_id, created_by) REFERENCES managers (venue_id, manager_id)
);
