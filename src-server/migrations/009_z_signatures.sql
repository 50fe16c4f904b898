-- The journal heads tills signed at their Z reports (issue 11 item 8): each checked against the
-- terminal's registered Ed25519 key and the stored chain at that seq. A mismatch is raised as a
-- reconciliation exception of the new kind z_signature_mismatch. Self-contained: the kind
-- CHECK of 007 is replaced by one naming every kind so far plus the new one.
ALTER TABLE reconciliation_exceptions DROP CONSTRAINT IF EXISTS reconciliation_exceptions_kind_check;
ALTER TABLE reconciliation_exceptions ADD CONSTRAINT reconciliation_exceptions_kind_check
  CHECK (kind IN ('double_refund', 'seat_sold_twice', 'ga_oversold', 'expired_lease_sale',
                  'used_ticket_refunded', 'unappliable', 'z_signature_mismatch'));

CREATE TABLE head_signatures (
  venue_id text NOT NULL,
  terminal_id text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  hash text NOT NULL,
  last_receipt_no integer NOT NULL,
  signature text NOT NULL,
  status text NOT NULL CHECK (status IN ('verified', 'mismatch')),
  message text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, terminal_id, seq, signature),
  FOREIGN KEY (venue_id, terminal_id) REFERENCES terminals (venue_id, terminal_id)
);
