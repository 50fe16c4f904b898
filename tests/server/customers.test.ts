/**
 * Customer records (issue 14 item 7) on the real server: a till's sales pushed through the sync
 * route (one with a name in the customer field, one with a phone), contacts attached by the
 * till's route, a refund request with its thread from the public pages; then search from the
 * back office and the till, the record, consent, export and erasure — after which no table of
 * the server holds the person's e-mail, phone or name, while the chains still verify and the
 * reports' totals are what they were. PGlite by default; PostgreSQL under with-postgres.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/journal/chain';
import { enqueueNotification } from '../../src-server/notify/outbox-store';
import type { NotificationRequest } from '../../src-server/notify/notification';
import { verifyLedger } from '../../src-server/requests/server-ledger';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const API = `/api/venues/${VENUE}`;
const EMAIL = 'oksana.petrenko@example.org';
const PHONE = '380501234567';
/** Every way the person's data was typed: none may be left anywhere after the erasure. */
const PERSONAL = [EMAIL, PHONE, '0501234567', '050 123 45 67', 'Oksana Petrenko', 'Petrenko'];

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer();
});
afterEach(async () => {
  await s.close();
});

/** Oksana's three orders (and somebody else's one), a request with a thread on the first. */
async function oksanaAndAnother() {
  const named = await s.sale({
    customer: 'Oksana Petrenko',
    contact: { email: 'Oksana.Petrenko@Example.org', locale: 'uk' },
  });
  const byPhone = await s.sale({ customer: '050 123 45 67', paidBy: 'cash' });
  const both = await s.sale({
    contact: { email: EMAIL, phone: '+380 50 123 45 67', locale: 'uk' },
  });
  const other = await s.sale({ contact: { email: 'taras@example.org', locale: 'en' } });
  const submitted = await s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: named.orderId,
    contact: EMAIL,
    ticketIds: [named.tickets[0]!.ticketId],
    reasonCode: 'customer_request',
    reasonText: 'Oksana Petrenko here, call me on 050 123 45 67',
    locale: 'uk',
    marketingConsent: true,
  });
  expect(submitted.status).toBe(201);
  const reply = await s.request('POST', '/api/public/refund-requests/messages', {
    token: submitted.body.statusToken,
    body: `Write to ${EMAIL} please`,
  });
  expect(reply.status).toBe(200);
  return { named, byPhone, both, other };
}

async function search(q: string, auth = s.manager) {
  const res = await s.request(
    'GET',
    `${API}/customers?q=${encodeURIComponent(q)}`,
    undefined,
    auth,
  );
  expect(res.status).toBe(200);
  return res.body.customers as { customerKey: string; contact: string | null; kind: string }[];
}

describe('customer records', () => {
  it('assembles a record from orders, contacts, requests and threads, found every way', async () => {
    const { named, byPhone, both, other } = await oksanaAndAnother();

    const byEmail = await search('  OKSANA.Petrenko@example.org ');
    expect(byEmail).toEqual([
      {
        customerKey: expect.stringMatching(/^cu-[0-9a-f]{32}$/),
        kind: 'email',
        contact: EMAIL,
        name: 'Oksana Petrenko',
        orders: 2,
        erased: false,
      },
    ]);
    // The same key every time (an HMAC of the contact), and another for the phone.
    expect((await search(EMAIL))[0]!.customerKey).toBe(byEmail[0]!.customerKey);
    const byPhoneHits = await search('+380 (50) 123-45-67');
    expect(byPhoneHits).toMatchObject([{ kind: 'phone', contact: PHONE, orders: 2 }]);
    expect(byPhoneHits[0]!.customerKey).not.toBe(byEmail[0]!.customerKey);
    // Part of a name typed at the window, an order number, a receipt's ticket: the contacts.
    expect((await search('petrenko')).map((h) => h.contact)).toContain(EMAIL);
    expect((await search(named.orderId)).map((h) => h.contact)).toEqual([EMAIL]);
    expect((await search(byPhone.orderId)).map((h) => h.contact)).toEqual([PHONE]);
    expect((await search(other.orderId)).map((h) => h.contact)).toEqual(['taras@example.org']);
    expect(await search('nobody@example.org')).toEqual([]);

    const record = await s.request(
      'GET',
      `${API}/customers/${byEmail[0]!.customerKey}`,
      undefined,
      s.supervisor,
    );
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      kind: 'email',
      contact: EMAIL,
      otherContacts: [PHONE],
      name: 'Oksana Petrenko',
      locale: 'uk',
      marketingConsent: true,
      erasedAt: null,
    });
    expect((record.body.orders as { orderId: string }[]).map((o) => o.orderId).sort()).toEqual(
      [named.orderId, both.orderId].sort(),
    );
    expect(record.body.orders[0].total).toEqual({ amount: 31_000, currency: 'UAH' });
    expect(record.body.requests).toMatchObject([{ orderId: named.orderId, channel: 'web' }]);
    expect((record.body.messages as { body: string }[]).map((m) => m.body)).toEqual([
      'Oksana Petrenko here, call me on 050 123 45 67',
      `Write to ${EMAIL} please`,
    ]);

    // The till looks her up (its own venue, as the terminal): no thread at the window.
    const atTill = await s.request(
      'GET',
      `/api/terminal/customers?q=${PHONE}`,
      undefined,
      s.tillAuth,
    );
    expect(atTill.status).toBe(200);
    expect(atTill.body.customers).toMatchObject([{ contact: PHONE }]);
    const tillRecord = await s.request(
      'GET',
      `/api/terminal/customers/${byEmail[0]!.customerKey}`,
      undefined,
      s.tillAuth,
    );
    expect(tillRecord.body.messages).toEqual([]);
    expect(tillRecord.body.orders).toHaveLength(2);
    expect((await s.request('GET', `/api/terminal/customers?q=${PHONE}`)).status).toBe(401);
  });

  it('keeps every consent change: given on the form, withdrawn at the window, given again', async () => {
    await oksanaAndAnother();
    const key = (await search(EMAIL))[0]!.customerKey;
    const withdrawn = await s.request(
      'PUT',
      '/api/terminal/customer-consent',
      { contact: 'Oksana.Petrenko@example.org', given: false },
      s.tillAuth,
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.marketingConsent).toBe(false);
    const name = await s.request(
      'PUT',
      '/api/terminal/customer-consent',
      { contact: 'Oksana Petrenko', given: true },
      s.tillAuth,
    );
    expect(name.status).toBe(422);
    expect(name.body.error.code).toBe('not_a_contact');
    const refused = await s.request(
      'PUT',
      `${API}/customers/${key}/consent`,
      { given: true },
      s.supervisor,
    );
    expect(refused.status).toBe(403);
    const given = await s.request(
      'PUT',
      `${API}/customers/${key}/consent`,
      { given: true },
      s.manager,
    );
    expect(given.status).toBe(200);
    expect(given.body.marketingConsent).toBe(true);
    // The same answer again is no change.
    await s.request('PUT', `${API}/customers/${key}/consent`, { given: true }, s.manager);
    const record = await s.request('GET', `${API}/customers/${key}`, undefined, s.manager);
    expect(record.body.consentChanges).toMatchObject([
      { given: true, source: 'request_form', recordedBy: 'customer' },
      { given: false, source: 'window', recordedBy: expect.stringMatching(/^terminal:/) },
      { given: true, source: 'back_office', recordedBy: expect.stringMatching(/^manager:/) },
    ]);
  });

  it("exports one customer's data as a JSON download, a manager's act, audited", async () => {
    const { named, both } = await oksanaAndAnother();
    const key = (await search(EMAIL))[0]!.customerKey;
    expect(
      (await s.request('POST', `${API}/customers/${key}/export`, {}, s.supervisor)).status,
    ).toBe(403);
    const res = await fetch(`${s.url}${API}/customers/${key}/export`, {
      method: 'POST',
      headers: { authorization: s.manager, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-${key}.json"`,
    );
    const text = await res.text();
    const file = JSON.parse(text) as {
      record: { contact: string; orders: unknown[] };
      orderContacts: { orderId: string; email: string; phone: string | null }[];
      saleCustomerFields: { orderId: string; text: string }[];
    };
    expect(file.record.contact).toBe(EMAIL);
    expect(file.record.orders).toHaveLength(2);
    expect(file.orderContacts.map((c) => c.orderId).sort()).toEqual(
      [named.orderId, both.orderId].sort(),
    );
    expect(file.saleCustomerFields).toEqual([{ orderId: named.orderId, text: 'Oksana Petrenko' }]);
    expect(text).not.toContain('taras@example.org');
    const audit = await s.db.query<{ detail: { customerKey: string } }>(
      `SELECT detail FROM audit_events WHERE venue_id = $1 AND kind = 'customer_exported'`,
      [VENUE],
    );
    expect(audit.map((a) => a.detail.customerKey)).toEqual([key]);
  });

  it('erases every personal field while chains verify and report totals stay the same', async () => {
    const { named, byPhone, both, other } = await oksanaAndAnother();
    // The server's own outbox (the harness records notifications in a stand-in table): what
    // the requests queued goes into the real one, and the stand-in is dropped, so the scan
    // below reads every table the server has.
    const queued = await s.notifications();
    for (const n of queued) await enqueueNotification(s.db, n);
    // And a text message to her phone.
    await enqueueNotification(s.db, {
      ...queued[0]!,
      channel: 'sms',
      to: `+${PHONE}`,
      dedupeKey: 'crm-test:sms',
    } satisfies NotificationRequest);
    await s.db.exec('DROP TABLE test_outbox');
    // Her feedback on the order, signing her comment with her name.
    await s.db.query(
      `INSERT INTO feedback (venue_id, subject_kind, subject_id, order_id, rating, topic, comment, locale)
       VALUES ($1, 'order', $2, $2, 4, 'staff', 'Kind cashier. Oksana Petrenko', 'uk')`,
      [VENUE, named.orderId],
    );
    const key = (await search(EMAIL))[0]!.customerKey;
    await s.request('PUT', `${API}/customers/${key}/consent`, { given: true }, s.manager);
    expect(await personalHits()).not.toEqual([]);

    const day = `${API}/reports/day?date=2026-04-01`;
    const figures = `${API}/analytics/refund-requests?from=2026-04-01&to=2026-04-30`;
    const before = {
      day: (await s.request('GET', day, undefined, s.manager)).body,
      figures: (await s.request('GET', figures, undefined, s.manager)).body,
    };
    expect(before.day.totals).toBeDefined();
    expect(await verifyLedger(s.db, VENUE)).toBeNull();

    // Refused: a supervisor, and a confirmation that is not the record's contact.
    const erase = (body: unknown, auth = s.manager) =>
      s.request('POST', `${API}/customers/${key}/erase`, body, auth);
    expect((await erase({ confirmContact: EMAIL }, s.supervisor)).status).toBe(403);
    const mismatch = await erase({ confirmContact: 'taras@example.org' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('confirmation_mismatch');

    const erased = await erase({ confirmContact: ' Oksana.Petrenko@EXAMPLE.org' });
    expect(erased.status).toBe(200);
    // Her e-mail's orders and, through the phone given with it, the sale typed by phone.
    expect(erased.body).toMatchObject({
      customerKey: key,
      ordersRedacted: 3,
      journalEntriesRedacted: 2,
    });
    expect(await personalHits()).toEqual([]);
    // Her feedback still counts (rating, topic), without her words.
    expect(
      await s.db.query(`SELECT rating, topic, comment FROM feedback WHERE order_id = $1`, [
        named.orderId,
      ]),
    ).toEqual([{ rating: 4, topic: 'staff', comment: '[erased]' }]);
    // Somebody else's contact is untouched.
    expect((await search('taras@example.org')).map((h) => h.contact)).toEqual([
      'taras@example.org',
    ]);

    // The reports count what they counted: the day's totals and the requests' figures.
    expect({
      day: (await s.request('GET', day, undefined, s.manager)).body,
      figures: (await s.request('GET', figures, undefined, s.manager)).body,
    }).toEqual(before);

    // The tills' sale entries now carry the opaque key in the customer field.
    const fields = await s.db.query<{ text: string }>(
      `SELECT body -> 'payload' ->> 'customerId' AS text FROM journal_entries
       WHERE venue_id = $1 AND body -> 'payload' ->> 'orderId' = ANY($2::text[]) AND type = 'sale'
         AND body -> 'payload' ? 'customerId'`,
      [VENUE, [named.orderId, byPhone.orderId]],
    );
    expect(fields.map((f) => f.text)).toEqual([key, key]);

    // Chains: the stored links and heads are the tills' own; every entry not redacted still
    // hashes to its stored hash; the till's journal verifies; its next push chains on, and a
    // push again of everything it sent before is acknowledged as the same entries.
    const stored = await s.db.query<{ seq: number; hash: string; prev_hash: string }>(
      `SELECT seq, hash, prev_hash FROM journal_entries WHERE venue_id = $1 ORDER BY terminal_id, seq`,
      [VENUE],
    );
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.prev_hash).toBe(stored[i - 1]!.hash);
    const journal = await s.tillJournal();
    expect(await verifyChain(journal)).toEqual({ ok: true });
    expect(stored.map((r) => r.hash)).toEqual(journal.map((e) => e.hash));
    const again = await s.request('POST', '/api/sync/push', { entries: journal }, s.tillAuth);
    expect(again.status).toBe(200);
    expect((again.body.acks as { hash: string }[]).map((a) => a.hash)).toEqual(
      journal.map((e) => e.hash),
    );
    // (No contact: the stand-in outbox a thank-you would go to is dropped above.)
    await s.sale({});
    expect(await verifyLedger(s.db, VENUE)).toBeNull();

    // The record stays, by its key: orders, requests and consent without the person.
    const record = await s.request('GET', `${API}/customers/${key}`, undefined, s.manager);
    expect(record.body).toMatchObject({ contact: null, otherContacts: [], name: null });
    expect(record.body.erasedAt).toEqual(expect.any(String));
    expect((record.body.orders as { orderId: string }[]).map((o) => o.orderId).sort()).toEqual(
      [named.orderId, byPhone.orderId, both.orderId].sort(),
    );
    expect(record.body.requests).toHaveLength(1);
    expect((record.body.messages as { body: string }[]).map((m) => m.body)).toEqual([
      '[erased]',
      '[erased]',
    ]);
    expect(record.body.consentChanges).toHaveLength(1);
    expect(await search(EMAIL)).toMatchObject([{ customerKey: key, contact: null, erased: true }]);
    expect((await erase({ confirmContact: EMAIL })).status).toBe(409);
    const audit = await s.db.query<{ detail: unknown }>(
      `SELECT detail FROM audit_events WHERE venue_id = $1 AND kind = 'customer_erased'`,
      [VENUE],
    );
    expect(audit).toEqual([{ detail: { customerKey: key, orders: 3, journalEntries: 2 } }]);
    expect(other.orderId).not.toBe(named.orderId);
  });
});

/**
 * Every text, JSON and array column of every table in the database, searched for each way the
 * person's data was typed (case-insensitive): `table.column: value` for each hit.
 */
async function personalHits(): Promise<string[]> {
  const columns = await s.db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t
       ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(100);
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await s.db.query<{ v: string }>(
      `SELECT "${column}"::text AS v FROM "${table}"
       WHERE "${column}"::text ILIKE ANY($1::text[])`,
      [PERSONAL.map((p) => `%${p}%`)],
    );
    for (const r of rows) hits.push(`${table}.${column}: ${r.v.slice(0, 80)}`);
  }
  return hits;
}
