-- One inventory for every window and the web shop (issue 12, server side): holds, leases and
-- sales as separate records (shared/inventory/ decides; src-server/inventory/ stores). A
-- seat or GA place in no live record is the venue's. Seats sold by tills through the journal
-- (tickets, migration 001) count as sold too; they are read from there, not copied here.

-- One row per performance that has had an inventory operation: its lock. Every operation on
-- a performance takes this row first (INSERT … ON CONFLICT DO UPDATE locks it), so two
-- requests for one performance decide one after the other on the state the first left,
-- across server nodes too; performances never wait for each other.
CREATE TABLE inventory_performances (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  performance_id text NOT NULL,
  -- Operations applied (moves at every one): a cheap "has anything changed" for readers.
  revision bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (venue_id, performance_id)
);

-- A cart's seats and GA places, for a till or a channel (the web shop), until expires_at
-- (renewed while the cart is active). Ends released, sold or expired.
CREATE TABLE inventory_holds (
  venue_id text NOT NULL,
  hold_id text NOT NULL,
  performance_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('terminal', 'web')),
  holder_id text NOT NULL,
  seat_ids text[] NOT NULL,
  -- {"<GA tier id>": count}
  ga jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'released', 'sold', 'expired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  PRIMARY KEY (venue_id, hold_id),
  FOREIGN KEY (venue_id, performance_id) REFERENCES inventory_performances (venue_id, performance_id)
);

-- Seats and GA places checked out to one till for offline selling (escrow). seat_ids and ga
-- are what is still unsold; checked_out_* what it was given. Ends returned or expired.
CREATE TABLE inventory_leases (
  venue_id text NOT NULL,
  lease_id text NOT NULL,
  performance_id text NOT NULL,
  terminal_id text NOT NULL,
  seat_ids text[] NOT NULL,
  ga jsonb NOT NULL,
  checked_out_seats integer NOT NULL,
  checked_out_ga integer NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'returned', 'expired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  PRIMARY KEY (venue_id, lease_id),
  FOREIGN KEY (venue_id, performance_id) REFERENCES inventory_performances (venue_id, performance_id),
  FOREIGN KEY (venue_id, terminal_id) REFERENCES terminals (venue_id, terminal_id)
);

-- Sales the inventory made itself (from a hold, a lease, or online). Till sales pushed in the
-- journal stay in tickets.
CREATE TABLE inventory_sales (
  venue_id text NOT NULL,
  sale_id text NOT NULL,
  performance_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('terminal', 'web')),
  seller_id text NOT NULL,
  lease_id text,
  seat_ids text[] NOT NULL,
  ga jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('sold', 'refunded')),
  sold_at timestamptz NOT NULL DEFAULT now(),
  refunded_at timestamptz,
  PRIMARY KEY (venue_id, sale_id),
  FOREIGN KEY (venue_id, performance_id) REFERENCES inventory_performances (venue_id, performance_id)
);

-- Each operation reads its performance's live records.
CREATE INDEX inventory_holds_live ON inventory_holds (venue_id, performance_id) WHERE status = 'active';
CREATE INDEX inventory_leases_live ON inventory_leases (venue_id, performance_id) WHERE status = 'active';
CREATE INDEX inventory_sales_live ON inventory_sales (venue_id, performance_id) WHERE status = 'sold';
