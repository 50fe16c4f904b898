-- The first schema of the central server (issue 11, phase 1).
--
-- Every table that holds a venue's data has venue_id as the first column of its primary key
-- and of every unique constraint, so that each can become a Citus distributed table keyed by
-- venue_id (create_distributed_table('<table>', 'venue_id'), co-located with venues) without
-- a key change: Citus requires the distribution column in every unique constraint, and
-- joins and foreign keys between co-located tables must include it. Nothing here needs a
-- cross-venue unique index.

CREATE TABLE venues (
  venue_id text PRIMARY KEY CHECK (venue_id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- The next terminal number: taken with UPDATE … RETURNING, so two enrolments never share one.
  next_terminal_no integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE managers (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  manager_id text NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  -- scrypt$N$r$p$salt$hash (base64); never the password.
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, manager_id),
  UNIQUE (venue_id, email)
);

CREATE TABLE enrolment_codes (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  -- SHA-256 of the code (hex): the code itself is shown once to the manager and never stored.
  code_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  redeemed_at timestamptz,
  terminal_id text,
  PRIMARY KEY (venue_id, code_hash),
  FOREIGN KEY (venue_id, created_by) REFERENCES managers (venue_id, manager_id)
);

CREATE TABLE terminals (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  terminal_id text NOT NULL,
  terminal_no integer NOT NULL,
  name text NOT NULL,
  -- Raw Ed25519 public key, base64.
  public_key text NOT NULL,
  -- SHA-256 of the bearer token's secret part (hex).
  token_hash text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by text,
  revoked_reason text,
  -- The journal head the server holds for this terminal (its anchor): row-locked by a push.
  head_seq integer NOT NULL DEFAULT 0,
  head_hash text NOT NULL DEFAULT repeat('0', 64),
  head_at timestamptz,
  PRIMARY KEY (venue_id, terminal_id),
  UNIQUE (venue_id, terminal_no),
  UNIQUE (venue_id, public_key)
);

-- Every entry a terminal pushed, as received (its body validated and chained), forever: the
-- idempotency key is (terminal, seq) with no expiry.
CREATE TABLE journal_entries (
  venue_id text NOT NULL,
  terminal_id text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  hash text NOT NULL,
  prev_hash text NOT NULL,
  type text NOT NULL,
  at text NOT NULL,
  body jsonb NOT NULL,
  -- 'applied' to the projections, or 'exception' (stored, acknowledged, raised for a manager).
  status text NOT NULL CHECK (status IN ('applied', 'exception')),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, terminal_id, seq),
  FOREIGN KEY (venue_id, terminal_id) REFERENCES terminals (venue_id, terminal_id)
);

CREATE TABLE reconciliation_exceptions (
  venue_id text NOT NULL,
  terminal_id text NOT NULL,
  seq integer NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text,
  PRIMARY KEY (venue_id, terminal_id, seq),
  FOREIGN KEY (venue_id, terminal_id, seq) REFERENCES journal_entries (venue_id, terminal_id, seq)
);

-- Projections: folded from applied entries, rebuildable from journal_entries. Each row names
-- the entry that last changed it (terminal_id, seq).

CREATE TABLE shifts (
  venue_id text NOT NULL,
  shift_id text NOT NULL,
  terminal_id text NOT NULL,
  currency text NOT NULL,
  training boolean NOT NULL,
  opened_at text NOT NULL,
  opened_seq integer NOT NULL,
  float_minor bigint NOT NULL,
  -- Cash into and out of the drawer (shared cashMovedBy, the rule main opens the drawer by).
  cash_in_minor bigint NOT NULL DEFAULT 0,
  cash_out_minor bigint NOT NULL DEFAULT 0,
  entries integer NOT NULL DEFAULT 1,
  closed_at text,
  closed_seq integer,
  z_number integer,
  counted_minor bigint,
  expected_minor bigint,
  over_short_minor bigint,
  -- Shift ids are made by the terminal: a shift belongs to its terminal.
  PRIMARY KEY (venue_id, terminal_id, shift_id)
);

CREATE TABLE orders (
  venue_id text NOT NULL,
  order_id text NOT NULL,
  terminal_id text NOT NULL,
  seq integer NOT NULL,
  shift_id text NOT NULL,
  receipt_no integer NOT NULL,
  sold_at text NOT NULL,
  currency text NOT NULL,
  total_minor bigint NOT NULL,
  refunded_minor bigint NOT NULL DEFAULT 0,
  -- sold | partly_refunded | refunded | voided | exchanged
  status text NOT NULL,
  updated_seq integer NOT NULL,
  updated_by_terminal text NOT NULL,
  PRIMARY KEY (venue_id, order_id)
);

CREATE TABLE tickets (
  venue_id text NOT NULL,
  ticket_id text NOT NULL,
  order_id text NOT NULL,
  performance_id text NOT NULL,
  tier_id text NOT NULL,
  seat_id text,
  price_minor bigint NOT NULL,
  currency text NOT NULL,
  -- sold | refunded | voided | exchanged
  status text NOT NULL,
  issued_by_terminal text NOT NULL,
  issued_seq integer NOT NULL,
  updated_by_terminal text NOT NULL,
  updated_seq integer NOT NULL,
  PRIMARY KEY (venue_id, ticket_id)
);

CREATE INDEX tickets_by_performance ON tickets (venue_id, performance_id);
CREATE INDEX orders_by_shift ON orders (venue_id, shift_id);
CREATE INDEX exceptions_open ON reconciliation_exceptions (venue_id) WHERE resolved_at IS NULL;
