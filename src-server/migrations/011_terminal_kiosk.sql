-- The back office's kiosk switch per terminal (issue 13 item 8): a manager marks a till as an
-- unattended kiosk (PUT /api/venues/:venueId/terminals/:terminalId/kiosk). Only the flag is
-- kept here; tills acting on it is another issue.
ALTER TABLE terminals ADD COLUMN kiosk_mode boolean NOT NULL DEFAULT false;
