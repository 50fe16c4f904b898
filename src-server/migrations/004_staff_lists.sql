-- The venue's staff list (issue 11 item 5): who may sign in at the venue's tills, with their
-- roles and scrypt PIN hashes (never a PIN: the server hashes it on arrival). A manager
-- publishes the whole list (PUT /api/venues/:venueId/staff); main on every till pulls the
-- newest (GET /api/sync/staff) when a pull answer names a newer `staffVersion`. Versions only
-- grow and every version is kept, so who could sign in when can be read back.
CREATE TABLE staff_lists (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  version integer NOT NULL CHECK (version >= 0),
  -- {version, staff: [{id, name, role, pin: {algorithm, N, r, p, salt, hash}}]}
  body jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  -- A manager id, or 'demo-seed' for the demo venue's first list.
  published_by text NOT NULL,
  PRIMARY KEY (venue_id, version)
);
