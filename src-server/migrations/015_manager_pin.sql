-- PIN sign-in to the back office (issue 13 item 1): a manager or supervisor account may be
-- linked to that person's record in the venue's staff list; they then sign in with their staff
-- id and the PIN they use at the tills (checked against the newest published list, so a PIN
-- reset or a lock there applies here too). The account still decides the back-office role.
ALTER TABLE managers ADD COLUMN staff_id text;
CREATE UNIQUE INDEX managers_staff_id ON managers (venue_id, lower(staff_id))
  WHERE staff_id IS NOT NULL;
