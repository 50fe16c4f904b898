-- The notification outbox (issue 14 item 4). Customer-service code inserts a row in the same
-- transaction as the change it reports; the worker in the server process claims due rows,
-- sends them (SMTP for e-mail, the SMS port for texts) and marks them sent.
--
-- One row per (venue, channel, dedupe key): enqueuing the same key again is ON CONFLICT DO
-- NOTHING, so it is sent once. venue_id leads the key like every venue table (Citus shape).
CREATE TABLE outbox (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  kind text NOT NULL,
  recipient text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en', 'uk', 'zh-Hans')),
  data jsonb NOT NULL,
  -- The Message-ID's left part every attempt carries (derived from the key): a resend after the one
  -- uncertain window (accepted by the mail server, not yet marked sent) is the same message
  -- to the receiving side, which may drop it as a duplicate.
  message_id text NOT NULL,
  -- queued: waiting for next_attempt_at; sending: claimed by attempt_id until next_attempt_at
  -- (the lease; due again after it, when that worker died); sent; failed (permanent refusal
  -- or out of attempts).
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  attempt_id text,
  last_error text,
  -- The mail server's answer to the accepted attempt ("250 OK: queued as …"), and which attempt.
  sent_response text,
  sent_attempt_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (venue_id, channel, dedupe_key)
);

-- The worker's claim: due rows that are queued or whose lease ran out, oldest first.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
