-- Issue 14 items 4 and 7 (branch webhooks): outgoing webhooks, and refund-link key rotation.
--
-- 1. The outbox carries a third channel: a venue's webhook. A change that a venue's CRM hears
--    about inserts its event in the change's transaction, like an e-mail; the worker POSTs it,
--    signed, with retries. Old server nodes claim only the channels they know (email, sms), so
--    webhook rows wait for a node that knows them.
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox
  ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'webhook'));

-- The venue's one webhook (a manager's setting, audited): where events go and the secret they
-- are signed with (HMAC-SHA-256). The secret is never in any answer.
CREATE TABLE venue_webhooks (
  venue_id text PRIMARY KEY REFERENCES venues (venue_id),
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  secret text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 2. Refund-link keys with ids, so a venue can rotate: the live key (retired_at NULL, one a
--    venue) signs new links and names itself in them; a retired key still opens the links it
--    signed until verify_until (their own 90 days by default; at once when a manager retires it
--    as compromised). Migration 020's one key a venue becomes key "k0", which also checks the
--    links signed before keys had ids.
CREATE TABLE refund_link_key_ring (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  key_id text NOT NULL CHECK (key_id ~ '^[A-Za-z0-9_-]{1,40}$'),
  -- 32 random bytes, base64url
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  verify_until timestamptz,
  PRIMARY KEY (venue_id, key_id)
);
CREATE UNIQUE INDEX refund_link_key_ring_live ON refund_link_key_ring (venue_id)
  WHERE retired_at IS NULL;
INSERT INTO refund_link_key_ring (venue_id, key_id, secret, created_at)
SELECT venue_id, 'k0', secret, created_at FROM refund_link_keys;
