-- The back office (issue 13): who signs in at /manage, their sessions, lockouts and the audit
-- trail every back-office action and every sign-in writes.

-- A venue's manager accounts (password sign-in) are managers or supervisors; a supervisor
-- reads everything and changes nothing (every write route checks it on the server).
ALTER TABLE managers
  ADD COLUMN role text NOT NULL DEFAULT 'manager' CHECK (role IN ('manager', 'supervisor'));

-- Failed sign-ins per typed identity (an e-mail or a staff id): five in a row lock that
-- identity for 15 minutes, whether it exists or not, so the answer never tells which exist.
CREATE TABLE back_office_lockouts (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  identity text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  PRIMARY KEY (venue_id, identity)
);

-- A signed-in browser: the cookie carries a random secret, the server keeps its SHA-256.
-- The cookie names the venue (`<venue>.<secret>`), so the key starts with venue_id as every
-- key does (tests/server/citus-shape.test.ts).
CREATE TABLE back_office_sessions (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  token_hash text NOT NULL,
  -- 'manager:<manager_id>' (password) or 'staff:<staff id>' (PIN from the staff list).
  actor text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('manager', 'supervisor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (venue_id, token_hash)
);
CREATE INDEX back_office_sessions_expiry ON back_office_sessions (expires_at);

-- Who did what, when: sign-ins (and failed ones), back-office changes, and what tills report
-- (approvals, drawer opens, no-sales) as the push applies it. Append only.
CREATE TABLE audit_events (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  id bigserial,
  at timestamptz NOT NULL DEFAULT now(),
  -- 'manager:…', 'staff:…', 'terminal:…' or the identity typed at a failed sign-in.
  actor text NOT NULL,
  kind text NOT NULL,
  terminal_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (venue_id, id)
);
CREATE INDEX audit_events_at ON audit_events (venue_id, at);
