-- Customer refund requests (issue 14 items 1, 2, 3 card part, 5 status page).
--
-- Personal data stays OFF the journal: an order's e-mail/phone and language live here, keyed by
-- venue + order id, and can be erased without touching any till's hash chain.
CREATE TABLE order_contacts (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  order_id text NOT NULL,
  -- lower-cased e-mail and E.164-ish phone (digits with a leading +): matched as typed by
  -- the customer after the same normalisation (requests/contacts.ts)
  email text,
  phone text,
  locale text NOT NULL CHECK (locale IN ('en', 'uk', 'zh-Hans')),
  attached_by text NOT NULL,
  attached_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL),
  PRIMARY KEY (venue_id, order_id)
);

-- The venue's target answer time for a request (business days, Monday–Friday).
ALTER TABLE venues ADD COLUMN request_answer_business_days integer NOT NULL DEFAULT 5
  CHECK (request_answer_business_days BETWEEN 1 AND 60);

CREATE TABLE refund_requests (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  request_id text NOT NULL,
  -- the status link's secret (32 random bytes, base64url). Kept as is, not hashed: every
  -- later notification carries the link. It grants reading this request and writing to its
  -- thread, nothing else; compared in constant time.
  status_secret text NOT NULL,
  order_id text NOT NULL,
  ticket_ids text[] NOT NULL CHECK (cardinality(ticket_ids) > 0),
  channel text NOT NULL CHECK (channel IN ('web', 'phone')),
  state text NOT NULL CHECK (state IN ('received', 'under_review', 'approved', 'paid', 'declined')),
  reason_code text NOT NULL,
  reason_text text NOT NULL DEFAULT '',
  -- original_tender | voucher | cash: how it is paid back (decided by planRefund's methods)
  method text NOT NULL CHECK (method IN ('original_tender', 'voucher', 'cash')),
  -- the tender the original sale was paid with (card | cash | voucher | mixed)
  paid_by text NOT NULL,
  -- planRefund's figures at decision time (minor units, the order's currency)
  currency text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  fees_minor bigint NOT NULL CHECK (fees_minor >= 0),
  retained_minor bigint NOT NULL CHECK (retained_minor >= 0),
  -- policy reason codes and the system's decision code (auto_approved, needs_approval, …)
  decision_codes text[] NOT NULL,
  decision_summary text NOT NULL,
  decided_by text,
  decided_at timestamptz,
  decline_reason text,
  -- approved cash purchase: collected at the box office with a signed code (cash-code helper)
  collect_at_box_office boolean NOT NULL DEFAULT false,
  payout_attempts integer NOT NULL DEFAULT 0,
  payout_error text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  answer_due_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, request_id)
);
CREATE INDEX refund_requests_by_state ON refund_requests (venue_id, state, created_at);
CREATE INDEX refund_requests_by_order ON refund_requests (venue_id, order_id);

-- A ticket is in at most one live request (received … paid): a second request for it is
-- refused, and no request pays a ticket twice. Declined requests free their tickets.
CREATE TABLE refund_request_tickets (
  venue_id text NOT NULL,
  ticket_id text NOT NULL,
  request_id text NOT NULL,
  PRIMARY KEY (venue_id, ticket_id),
  FOREIGN KEY (venue_id, request_id) REFERENCES refund_requests (venue_id, request_id)
);

CREATE TABLE request_messages (
  venue_id text NOT NULL,
  request_id text NOT NULL,
  message_no integer NOT NULL,
  author text NOT NULL CHECK (author IN ('customer', 'venue')),
  author_id text,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, request_id, message_no),
  FOREIGN KEY (venue_id, request_id) REFERENCES refund_requests (venue_id, request_id)
);

-- The server's own money journal: every refund the server pays (card through the payment
-- provider, voucher issued) is one append-only row, hash-chained per venue like a till's
-- journal (hash = sha256(prev_hash || canonical JSON of the body)). One row per request.
CREATE TABLE server_ledger (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  seq integer NOT NULL CHECK (seq >= 1),
  prev_hash text NOT NULL,
  hash text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('card_refund', 'voucher_issued')),
  request_id text NOT NULL,
  body jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, seq),
  UNIQUE (venue_id, request_id)
);

-- An order's sale and later entries by order id: the request decision builds the order's
-- view from the journal (projectOrder) without scanning the venue's journal.
CREATE INDEX journal_entries_by_order ON journal_entries (venue_id, (body -> 'payload' ->> 'orderId'))
  WHERE type IN ('sale', 'refund', 'exchange', 'void', 'admission');
