-- Customer feedback (issue 14 item 8, branch feedback). After a purchase or a paid refund the
-- customer's e-mail carries a signed link (src-server/feedback/feedback-link.ts, signed with the
-- venue's refund_link_keys secret under its own context); the link's page rates 1–5 with an
-- optional comment about one of the order's performances and one fixed topic.
--
-- One row per link subject: an order (the purchase's thank-you) or a refund request (its
-- "paid" message). Sending the form again while the link is valid (30 days) edits the row.
-- No contact is kept here: the row names the order, never the customer.
CREATE TABLE feedback (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  subject_kind text NOT NULL CHECK (subject_kind IN ('order', 'request')),
  subject_id text NOT NULL,
  order_id text NOT NULL,
  -- one of the order's performances, or NULL: about the visit as a whole
  performance_id text,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  topic text NOT NULL CHECK (topic IN ('seating', 'staff', 'refund', 'venue', 'other')),
  comment text CHECK (length(comment) <= 2000),
  locale text NOT NULL CHECK (locale IN ('en', 'uk', 'zh-Hans')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, subject_kind, subject_id)
);

-- The back office reads a venue's feedback by time (ratings over time, newest comments first).
CREATE INDEX feedback_by_time ON feedback (venue_id, created_at);
