-- Cash-collection codes (issue 14 item 3): a refund approved on the server for a cash
-- purchase, paid out once at any till, offline too.
--
-- The venue's signing key: made once, the first time a code is issued (or a till pulls), and
-- its private half never leaves this server — tills get the public half with every pull, as
-- they get the ticket keys. A retired key stays listed (its codes stay verifiable) until the
-- codes it signed have expired; only one live key per venue signs new codes.
CREATE TABLE cash_code_keys (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  key_id text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  -- Raw Ed25519 public key, base64 (what tills verify with).
  public_key text NOT NULL,
  -- The 32-byte Ed25519 seed, base64. Server only: no route answers it.
  private_seed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (venue_id, key_id)
);

CREATE UNIQUE INDEX cash_code_keys_one_live ON cash_code_keys (venue_id) WHERE retired_at IS NULL;

-- One code per refund request (issued again only after it expired unpaid). `paid_*` is the
-- first till entry that paid it out; a second payout is a reconciliation exception.
CREATE TABLE cash_codes (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  request_id text NOT NULL,
  key_id text NOT NULL,
  order_id text NOT NULL,
  ticket_ids text[] NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  override_bp integer NOT NULL DEFAULT 0,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  code text NOT NULL,
  paid_terminal_id text,
  paid_seq integer,
  paid_at timestamptz,
  PRIMARY KEY (venue_id, request_id),
  FOREIGN KEY (venue_id, key_id) REFERENCES cash_code_keys (venue_id, key_id)
);
