-- Issue 14 fixes (requests-fix).
--
-- 1. One-step refund links in a cancelled performance's message: each link carries a token the
--    server signs (HMAC-SHA-256) with the venue's key, kept here and never in any answer. One
--    live key a venue, made at the first link; every server node signs and checks with it.
CREATE TABLE refund_link_keys (
  venue_id text PRIMARY KEY REFERENCES venues (venue_id),
  -- 32 random bytes, base64url
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- 2. Phones are kept as their international digits (shared/requests/contact.ts,
--    normalisePhone): numbers stored before as typed the local way get their country code, so
--    "+380 50 123 45 67" typed by the customer finds an order whose till typed "050 123 45 67".
UPDATE order_contacts SET phone = '38' || phone WHERE phone ~ '^0[0-9]{9}$';
UPDATE order_contacts SET phone = '3' || phone WHERE phone ~ '^80[0-9]{9}$';
UPDATE order_contacts SET phone = '86' || phone WHERE phone ~ '^1[0-9]{10}$';

-- 3. What the customer asked back (the tickets' price and booking fees, minor units): a request
--    under review shows it, not the 0 the policy gives outside its windows. NULL on requests
--    made before: they show their amount. And whether the answer time was brought forward to
--    the performance's start (never after the show; the status page says so).
ALTER TABLE refund_requests
  ADD COLUMN asked_minor bigint CHECK (asked_minor >= 0),
  ADD COLUMN answer_due_before_show boolean NOT NULL DEFAULT false;

-- 4. The status page's address as the request's first message gave it: a till's push that pays
--    a cash code out (sync/projection.ts, which knows no public address) puts it in the "paid"
--    message like every other step's. NULL: the server had no public address then.
ALTER TABLE refund_requests ADD COLUMN status_link text;

-- 5. Kiosk and window buyers who gave no contact find their order by its receipt number and
--    the last 4 digits of the card it was paid with (requests/claims.ts). Four digits are
--    guessable, so wrong tries are counted per order, whoever makes them: the 5th locks that
--    order's card look-up for a day (the contact and the box office still work).
CREATE TABLE order_card_claim_failures (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  order_id text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  PRIMARY KEY (venue_id, order_id)
);
