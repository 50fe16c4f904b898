-- The venue's catalog (issue 11 item 5): events, performances, tiers, seating plans, price
-- rules and refund policies as one validated bundle (shared/catalog/catalog.ts), published by
-- a manager (PUT /api/venues/:venueId/catalog) and pulled by every till of the venue
-- (GET /api/sync/catalog). Versions only grow; every published version is kept, so what a
-- till sold under can be read back.
CREATE TABLE catalogs (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  version integer NOT NULL CHECK (version >= 0),
  body jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  -- A manager id, or 'demo-seed' for the demo venue's first catalog.
  published_by text NOT NULL,
  PRIMARY KEY (venue_id, version)
);
