-- Reconciliation exceptions with meaning (issue 12 item 5): what collided, every journal entry
-- involved, the money at stake and what a manager should do about it, and how it was settled.
-- Only additions (nodes of the previous release keep writing rows: the defaults fill them).
ALTER TABLE reconciliation_exceptions
  ADD COLUMN kind text NOT NULL DEFAULT 'unappliable'
    CHECK (kind IN ('double_refund', 'seat_sold_twice', 'ga_oversold', 'expired_lease_sale',
                    'used_ticket_refunded', 'unappliable')),
  -- [{"terminalId": …, "seq": …}, …]: every entry involved (the first refund and the second).
  ADD COLUMN entries jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN amount_minor bigint,
  ADD COLUMN currency text,
  ADD COLUMN suggested_action text,
  ADD COLUMN performance_id text,
  -- Why the manager resolved it (resolved_at and resolved_by say when and who).
  ADD COLUMN resolution text;

UPDATE reconciliation_exceptions
SET entries = jsonb_build_array(jsonb_build_object('terminalId', terminal_id, 'seq', seq))
WHERE entries = '[]';
