-- Which of a till's leases a ticket's place came out of (issue 12: "a refund returns a seat to
-- whoever owns it — the venue, or this till's lease"). Set by the push when the till's sale
-- takes the place out of its own live lease; a refund, void or exchange of the ticket gives
-- the place back to that lease while it lives (shared/inventory `returnPlaces`), else to the
-- venue. NULL: sold from a hold or from the venue's free places. Only an addition.
ALTER TABLE tickets ADD COLUMN lease_id text;
