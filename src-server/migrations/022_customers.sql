-- Customer records (issue 14 item 7): one record per e-mail or phone, assembled from what the
-- server already keeps (order_contacts, the tills' sale entries that name a customer, refund
-- requests and their threads). These tables hold only what nothing else does: the key that
-- names a person opaquely, the contact it stands for while the person is not erased, and the
-- history of marketing consent. See src-server/customers/README.md for the erasure decision.

-- The venue's key for customer keys: customer_key = HMAC-SHA-256(secret, kind ':' contact),
-- so the same e-mail always gets the same key at a venue (a sale pushed late by a till that
-- was offline finds the erased record), and nobody without the secret can go from a key back
-- to the e-mail or test a guess. Server only: no route answers it.
CREATE TABLE customer_key_secrets (
  venue_id text PRIMARY KEY REFERENCES venues (venue_id),
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Where the server keeps the person: the key and the contact it stands for. Erasure clears
-- `contact` and sets `erased_at`/`erased_by`; the key stays, so the tills' journals (which
-- then carry the key instead of the contact) and the consent history still point somewhere.
CREATE TABLE customers (
  venue_id text NOT NULL REFERENCES venues (venue_id),
  customer_key text NOT NULL CHECK (customer_key ~ '^cu-[0-9a-f]{32}$'),
  kind text NOT NULL CHECK (kind IN ('email', 'phone')),
  -- normalised as shared/requests/contact.ts does (e-mail lower-cased, phone as digits)
  contact text,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  erased_by text,
  -- the orders the person had when erased: the record still lists them, without contacts
  erased_order_ids text[],
  CHECK ((contact IS NULL) = (erased_at IS NOT NULL)),
  PRIMARY KEY (venue_id, customer_key)
);
CREATE UNIQUE INDEX customers_by_contact ON customers (venue_id, kind, contact)
  WHERE contact IS NOT NULL;

-- Marketing consent, every change kept (append-only): given or withdrawn, where (at the
-- window, on the request form, in the back office) and by whom. The newest row is the answer.
CREATE TABLE customer_consents (
  venue_id text NOT NULL,
  customer_key text NOT NULL,
  change_no integer NOT NULL CHECK (change_no >= 1),
  given boolean NOT NULL,
  source text NOT NULL CHECK (source IN ('window', 'request_form', 'back_office')),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (venue_id, customer_key, change_no),
  FOREIGN KEY (venue_id, customer_key) REFERENCES customers (venue_id, customer_key)
);

-- The tills' sales that name a customer (the cashier's free-text customer field): found by
-- search without reading every sale.
CREATE INDEX journal_entries_sale_customer
  ON journal_entries (venue_id, lower(body -> 'payload' ->> 'customerId'))
  WHERE type = 'sale' AND body -> 'payload' ? 'customerId';
CREATE INDEX order_contacts_by_email ON order_contacts (venue_id, email) WHERE email IS NOT NULL;
CREATE INDEX order_contacts_by_phone ON order_contacts (venue_id, phone) WHERE phone IS NOT NULL;
