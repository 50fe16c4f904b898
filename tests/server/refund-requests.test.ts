/**
 * Customer refund requests end to end on the server (issue 14 items 1, 2, 3 card part, 5):
 * real HTTP, a till's sales pushed through the sync route, contacts attached by the till, the
 * decision by the shared planRefund, card refunds through the HTTP adapter to the provider
 * simulator on loopback, notifications in a table-backed outbox in the same transaction.
 * PGlite by default; scripts/with-postgres.mjs runs it on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexCatalog, catalogSchema } from '../../shared/catalog/catalog';
import { planRefund } from '../../shared/commands/plan-refund';
import { projectOrder } from '../../shared/orders/order-view';
import { verifyLedger } from '../../src-server/requests/server-ledger';
import { CATALOG_INPUT } from '../fixtures/domain';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const UK_CONTACT = { email: 'Oksana.Petrenko@Example.org', locale: 'uk' as const };

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer();
});
afterEach(async () => {
  await s.close();
});

const claim = (orderRef: string, contact = 'oksana.petrenko@example.org') => ({
  venueId: VENUE,
  orderRef,
  contact,
});

async function submit(
  orderRef: string,
  ticketIds: string[],
  extra: Record<string, unknown> = {},
  contact?: string,
) {
  return s.request('POST', '/api/public/refund-requests', {
    ...claim(orderRef, contact),
    ticketIds,
    reasonCode: 'customer_request',
    locale: 'uk',
    ...extra,
  });
}

describe('apply online for a card purchase inside the policy', () => {
  it('is approved automatically, refunded once through the provider and reads paid', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    const ids = sale.tickets.map((t) => t.ticketId);

    // Unknown order, wrong contact, no contact on the order: one and the same answer.
    const other = await s.sale({});
    const misses = await Promise.all([
      s.request('POST', '/api/public/refund-requests/lookup', claim('no-such-order')),
      s.request('POST', '/api/public/refund-requests/lookup', claim(sale.orderId, 'x@example.org')),
      s.request('POST', '/api/public/refund-requests/lookup', claim(other.orderId)),
    ]);
    for (const miss of misses) {
      expect(miss.status).toBe(404);
      expect(miss.body).toEqual(misses[0]?.body);
    }

    // The order by a ticket's id, with the e-mail typed in other case.
    const found = await s.request(
      'POST',
      '/api/public/refund-requests/lookup',
      claim(ids[0]!, 'OKSANA.petrenko@example.org '),
    );
    expect(found.status).toBe(200);
    expect(found.body.orderId).toBe(sale.orderId);
    expect(found.body.paidBy).toBe('card');
    expect((found.body.tickets as { status: string }[]).map((t) => t.status)).toEqual([
      'valid',
      'valid',
    ]);
    expect(found.body.tickets[0].eventName).toBe('Hamlet');

    // The decision before confirming is planRefund's, as a till would compute it.
    const preview = await s.request('POST', '/api/public/refund-requests/preview', {
      ...claim(sale.orderId),
      ticketIds: ids,
    });
    expect(preview.status).toBe(200);
    const plan = planRefund(
      {
        order: projectOrder(sale),
        catalog: indexCatalog(catalogSchema.parse(CATALOG_INPUT)),
        settings: {},
        actorRole: 'kiosk',
        actorStaffId: 'anyone',
        nowMs: s.clock.ms,
      },
      { ticketIds: ids, method: 'original_tender' },
    );
    if (!plan.ok) throw new Error(plan.error.message);
    expect(preview.body).toMatchObject({
      outcome: 'approved',
      method: 'original_tender',
      collectAtBoxOffice: false,
      amount: plan.value.methods.find((m) => m.method === 'original_tender')!.paidOut,
      fees: plan.value.fees,
    });
    expect(preview.body.amount.amount).toBeGreaterThan(0);
    expect(preview.body.amount.amount).toBeLessThan(sale.totals.total.amount);

    const made = await submit(sale.orderId, ids);
    expect(made.status).toBe(201);
    expect(made.body.status).toMatchObject({ state: 'paid', channel: 'web', ticketCount: 2 });
    expect(made.body.status.amount).toEqual(preview.body.amount);

    // One refund at the provider, keyed by the request, for the card the sale was paid with.
    expect(s.provider.refunds).toHaveLength(1);
    expect(s.provider.refunds[0]).toMatchObject({
      idempotencyKey: made.body.status.requestId,
      amountMinor: preview.body.amount.amount,
      approvalCode: 'AB1234',
      last4: '4242',
    });
    // The money movement is in the server's hash-chained ledger, once.
    const ledger = await s.db.query<{ kind: string }>(`SELECT kind FROM server_ledger`);
    expect(ledger.map((r) => r.kind)).toEqual(['card_refund']);
    expect(await verifyLedger(s.db, VENUE)).toBeNull();

    // The customer is told in Ukrainian at each step, once each.
    // (The purchase's thank-you with its feedback link came first: tests/server/feedback.test.ts.)
    const told = (await s.notifications()).filter((n) => n.kind !== 'purchase_thanks');
    expect(told.map((n) => n.kind)).toEqual([
      'request_received',
      'request_approved',
      'request_paid',
    ]);
    expect(told.every((n) => n.locale === 'uk' && n.to === 'oksana.petrenko@example.org')).toBe(
      true,
    );
    const token = made.body.statusToken as string;
    expect(told[0]!.data.statusUrl).toContain(encodeURIComponent(token));
    expect(told[0]!.data.requestNumber).toBe(
      String(made.body.status.requestId).slice(0, 8).toUpperCase(),
    );

    // The status page by its link; a link with another secret opens nothing.
    const status = await s.request('POST', '/api/public/refund-requests/status', {
      token: made.body.statusToken,
    });
    expect(status.body.state).toBe('paid');
    const forged = token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    const refused = await s.request('POST', '/api/public/refund-requests/status', {
      token: forged,
    });
    expect(refused.status).toBe(404);

    // The same tickets again: refused, nothing refunded twice.
    const again = await submit(sale.orderId, ids);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_requested');
    expect(s.provider.refunds).toHaveLength(1);
  });

  it('a lost provider answer is retried with the same key: paid once', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    s.provider.next('timeout');
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    expect(made.status).toBe(201);
    expect(made.body.status).toMatchObject({ state: 'approved', payoutPending: true });
    const id = made.body.status.requestId as string;
    const listed = await s.request(
      'GET',
      `/api/venues/${VENUE}/refund-requests`,
      undefined,
      s.manager,
    );
    expect(listed.body.requests[0].payoutError).toMatch(/No answer/);

    const retried = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${id}/retry-payout`,
      {},
      s.manager,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.request.state).toBe('paid');
    expect(s.provider.calls).toBe(2);
    expect(s.provider.refunds).toHaveLength(1);
    expect(await s.db.query(`SELECT 1 FROM server_ledger`)).toHaveLength(1);
    // Nothing more to pay: a second retry is refused and calls nobody.
    const third = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${id}/retry-payout`,
      {},
      s.manager,
    );
    expect(third.status).toBe(409);
    expect(s.provider.calls).toBe(2);
  });

  it('two payouts racing for one request refund once and record once', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    s.provider.next('timeout');
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    const id = made.body.status.requestId as string;
    const path = `/api/venues/${VENUE}/refund-requests/${id}/retry-payout`;
    const answers = await Promise.all([
      s.request('POST', path, {}, s.manager),
      s.request('POST', path, {}, s.manager),
      s.request('POST', path, {}, s.manager),
    ]);
    // Each either paid it or found nothing left to pay; none paid it twice.
    expect(answers.map((a) => a.status).every((c) => c === 200 || c === 409)).toBe(true);
    expect(s.provider.refunds).toHaveLength(1);
    expect(await s.db.query(`SELECT 1 FROM server_ledger`)).toHaveLength(1);
    expect((await s.notifications()).filter((n) => n.kind === 'request_paid')).toHaveLength(1);
    const status = await s.request('POST', '/api/public/refund-requests/status', {
      token: made.body.statusToken,
    });
    expect(status.body.state).toBe('paid');
  });

  it('a refused card refund is surfaced, not recorded as paid', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    s.provider.next('fail');
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    expect(made.body.status).toMatchObject({ state: 'approved', payoutPending: true });
    const listed = await s.request(
      'GET',
      `/api/venues/${VENUE}/refund-requests`,
      undefined,
      s.manager,
    );
    expect(listed.body.requests[0].payoutError).toBe('The card account is closed.');
    expect(s.provider.refunds).toHaveLength(0);
    expect(await s.db.query(`SELECT 1 FROM server_ledger`)).toHaveLength(0);
    expect((await s.notifications()).map((n) => n.kind)).not.toContain('request_paid');
  });

  it('a credit voucher is issued with a code and recorded', async () => {
    const sale = await s.sale({ contact: { phone: '+380 67 123-45-67', locale: 'en' } });
    const made = await submit(
      sale.orderId,
      [sale.tickets[0]!.ticketId],
      { method: 'voucher' },
      '+380671234567',
    );
    expect(made.status).toBe(201);
    expect(made.body.status.state).toBe('paid');
    expect(made.body.status.voucherCode).toMatch(/^RV-[0-9A-Z]{4}-/);
    expect(s.provider.calls).toBe(0);
    const told = await s.notifications();
    expect(told.at(-1)).toMatchObject({
      kind: 'request_paid',
      channel: 'sms',
      to: '+380671234567',
    });
    expect(told.at(-1)!.data.voucherCode).toBe(made.body.status.voucherCode);
    expect(await verifyLedger(s.db, VENUE)).toBeNull();
  });
});

describe('outside the policy: the review queue', () => {
  it('goes to review; a supervisor cannot approve; the manager approves by the policy override', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    s.clock.ms = Date.parse('2026-04-30T12:00:00+03:00'); // 31 h before: the windows are closed
    const preview = await s.request('POST', '/api/public/refund-requests/preview', {
      ...claim(sale.orderId),
      ticketIds: [sale.tickets[0]!.ticketId],
    });
    expect(preview.body.outcome).toBe('review');
    expect(preview.body.codes).toContain('refusal:not_refundable');
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId], {
      reasonText: 'I am ill',
    });
    expect(made.body.status).toMatchObject({ state: 'under_review' });
    // The policy gives 0 outside its windows; the customer asked for the ticket's 150 + 5 fee.
    expect(preview.body.amount.amount).toBe(0);
    expect(preview.body.asked).toEqual({ amount: 15_500, currency: 'UAH' });
    expect(made.body.status.asked).toEqual({ amount: 15_500, currency: 'UAH' });
    // Five business days would be after the show: the answer is due by its start, and says so.
    expect(made.body.status.answerDueAt).toBe('2026-05-01T16:00:00.000Z');
    expect(made.body.status.answerDueBeforeShow).toBe(true);
    expect(s.provider.calls).toBe(0);

    s.clock.ms += 26 * 3_600_000;
    const queue = await s.request(
      'GET',
      `/api/venues/${VENUE}/refund-requests`,
      undefined,
      s.supervisor,
    );
    expect(queue.status).toBe(200);
    expect(queue.body.answerBusinessDays).toBe(5);
    expect(queue.body.requests).toHaveLength(1);
    const item = queue.body.requests[0];
    expect(item).toMatchObject({ state: 'under_review', ageHours: 26, overdue: false });
    expect(item.messages[0]).toMatchObject({ author: 'customer', body: 'I am ill' });
    // Thursday 30 April + 5 business days = Thursday 7 May, after the show: its start instead.
    expect(item.answerDueAt).toBe('2026-05-01T16:00:00.000Z');
    expect(item.asked).toEqual({ amount: 15_500, currency: 'UAH' });

    const path = `/api/venues/${VENUE}/refund-requests/${item.requestId}/approve`;
    const bySupervisor = await s.request('POST', path, { note: 'ok' }, s.supervisor);
    expect(bySupervisor.status).toBe(403);

    const approved = await s.request('POST', path, { note: 'Doctor’s note seen' }, s.manager);
    expect(approved.status).toBe(200);
    expect(approved.body.request.state).toBe('paid');
    expect(approved.body.request.codes).toEqual(
      expect.arrayContaining(['manager_approved', 'override']),
    );
    expect(s.provider.refunds).toHaveLength(1);
    expect(s.provider.refunds[0]!.amountMinor).toBe(approved.body.request.amount.amount);

    const twice = await s.request('POST', path, { note: 'again' }, s.manager);
    expect(twice.status).toBe(409);
    expect(s.provider.refunds).toHaveLength(1);
    const audit = await s.db.query<{ kind: string; actor: string }>(
      `SELECT kind, actor FROM audit_events WHERE kind LIKE 'refund_request%' ORDER BY id`,
    );
    expect(audit.map((a) => a.kind)).toEqual(['refund_request_queued', 'refund_request_approved']);
  });

  it('a cash purchase is approved to be collected at the box office, with the cash-code hook', async () => {
    const sale = await s.sale({ paidBy: 'cash', contact: UK_CONTACT });
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    expect(made.body.status).toMatchObject({ state: 'under_review', collectAtBoxOffice: true });
    const id = made.body.status.requestId as string;
    const approved = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${id}/approve`,
      { note: '' },
      s.manager,
    );
    expect(approved.body.request).toMatchObject({ state: 'approved', collectAtBoxOffice: true });
    expect(s.cashCodes).toEqual([
      {
        venueId: VENUE,
        requestId: id,
        orderId: sale.orderId,
        ticketIds: [sale.tickets[0]!.ticketId],
        amount: approved.body.request.amount,
        // the till plans the payout as of the decision: the server's clock at approval
        decidedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        // the request's reason: the code carries it, the till journals the payout under it
        reasonCode: 'customer_request',
      },
    ]);
    expect(s.provider.calls).toBe(0);
    const status = await s.request('POST', '/api/public/refund-requests/status', {
      token: made.body.statusToken,
    });
    expect(status.body).toMatchObject({
      state: 'approved',
      collectAtBoxOffice: true,
      payoutPending: false,
    });
  });

  it('decline with a reason the customer reads; the tickets can be asked for again', async () => {
    const sale = await s.sale({ paidBy: 'cash', contact: UK_CONTACT });
    const ids = [sale.tickets[0]!.ticketId];
    const made = await submit(sale.orderId, ids);
    const id = made.body.status.requestId as string;
    const declined = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${id}/decline`,
      { reason: 'The performance goes ahead as planned.' },
      s.manager,
    );
    expect(declined.body.request.state).toBe('declined');
    const status = await s.request('POST', '/api/public/refund-requests/status', {
      token: made.body.statusToken,
    });
    expect(status.body).toMatchObject({
      state: 'declined',
      declineReason: 'The performance goes ahead as planned.',
    });
    expect((await s.notifications()).at(-1)).toMatchObject({
      kind: 'request_declined',
      data: { reason: 'The performance goes ahead as planned.' },
    });
    expect((await submit(sale.orderId, ids)).status).toBe(201);
  });

  it('a question and the customer’s answer make a thread', async () => {
    const sale = await s.sale({ paidBy: 'cash', contact: UK_CONTACT });
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    const id = made.body.status.requestId as string;
    const asked = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${id}/messages`,
      { body: 'Could you send the doctor’s note?' },
      s.manager,
    );
    expect(asked.body.request.state).toBe('under_review');
    const replied = await s.request('POST', '/api/public/refund-requests/messages', {
      token: made.body.statusToken,
      body: 'Attached at the window tomorrow.',
    });
    expect(replied.status).toBe(200);
    expect((replied.body.messages as { author: string }[]).map((m) => m.author)).toEqual([
      'venue',
      'customer',
    ]);
    expect((await s.notifications()).at(-1)).toMatchObject({
      kind: 'request_question',
      dedupeKey: `request:${id}:question:1`,
    });
  });
});

describe('entered by staff, validated, and all-or-nothing', () => {
  it('a manager enters a request for a phone caller', async () => {
    const sale = await s.sale({ contact: { phone: '0671234567', locale: 'zh-Hans' } });
    const made = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests`,
      {
        orderRef: sale.orderId,
        contact: '067 123 45 67',
        ticketIds: [sale.tickets[0]!.ticketId],
        reasonCode: 'wrong_ticket',
      },
      s.manager,
    );
    expect(made.status).toBe(201);
    expect(made.body.status).toMatchObject({ channel: 'phone', state: 'paid' });
    const bySupervisor = await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests`,
      { orderRef: sale.orderId, contact: '0671234567', ticketIds: ['x'], reasonCode: 'other' },
      s.supervisor,
    );
    expect(bySupervisor.status).toBe(403);
  });

  it('contacts are attached only by an authenticated till, validated', async () => {
    const sale = await s.sale({});
    const body = { orderId: sale.orderId, email: 'a@example.org', locale: 'en' };
    expect((await s.request('PUT', '/api/terminal/order-contacts', body)).status).toBe(401);
    const bad = await s.request(
      'PUT',
      '/api/terminal/order-contacts',
      { orderId: sale.orderId, email: 'not-an-address', locale: 'en' },
      s.tillAuth,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    const none = await s.request(
      'PUT',
      '/api/terminal/order-contacts',
      { orderId: sale.orderId, locale: 'en' },
      s.tillAuth,
    );
    expect(none.status).toBe(400);
    const rows = await s.db.query(`SELECT * FROM order_contacts`);
    expect(rows).toHaveLength(0);
  });

  it('a notification that cannot be queued rolls the request back', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    s.failNotificationsTo = 'oksana.petrenko@example.org';
    const made = await submit(sale.orderId, [sale.tickets[0]!.ticketId]);
    expect(made.status).toBe(500);
    expect(await s.db.query(`SELECT 1 FROM refund_requests`)).toHaveLength(0);
    expect(await s.db.query(`SELECT 1 FROM refund_request_tickets`)).toHaveLength(0);
    expect(s.provider.calls).toBe(0);
    s.failNotificationsTo = null;
    expect((await submit(sale.orderId, [sale.tickets[0]!.ticketId])).status).toBe(201);
  });

  it('bad input gets a clear 400', async () => {
    const sale = await s.sale({ contact: UK_CONTACT });
    const unknownTicket = await submit(sale.orderId, ['not-a-ticket-of-this-order']);
    expect(unknownTicket.status).toBe(404);
    expect(unknownTicket.body.error.code).toBe('ticket_not_found');
    const noTickets = await submit(sale.orderId, []);
    expect(noTickets.status).toBe(400);
    const badReason = await submit(sale.orderId, [sale.tickets[0]!.ticketId], {
      reasonCode: 'bored',
    });
    expect(badReason.status).toBe(400);
  });
});

describe('public routes are rate-limited', () => {
  it('answers 429 past the per-minute limit', async () => {
    const limited = await startRequestsServer({ publicPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (await limited.request('POST', '/api/public/refund-requests/lookup', claim(`guess-${i}`)))
            .status,
        );
      }
      expect(codes).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('figures for the refund analytics', () => {
  it('counts requests by channel, outcome and reason, with the hours to a decision', async () => {
    const card = await s.sale({ contact: UK_CONTACT });
    const cash = await s.sale({ paidBy: 'cash', contact: UK_CONTACT });
    await submit(card.orderId, [card.tickets[0]!.ticketId]); // approved at once
    const queued = await submit(cash.orderId, [cash.tickets[0]!.ticketId], {
      reasonCode: 'wrong_ticket',
    });
    const declined = await submit(cash.orderId, [cash.tickets[1]!.ticketId], {
      reasonCode: 'wrong_ticket',
    });
    await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests`,
      {
        orderRef: card.orderId,
        contact: 'oksana.petrenko@example.org',
        ticketIds: [card.tickets[1]!.ticketId],
        reasonCode: 'duplicate_purchase',
      },
      s.manager,
    );
    s.clock.ms += 6 * 3_600_000;
    await s.request(
      'POST',
      `/api/venues/${VENUE}/refund-requests/${declined.body.status.requestId}/decline`,
      { reason: 'Bought at the window on purpose.' },
      s.manager,
    );
    expect(queued.body.status.state).toBe('under_review');

    const day = '2026-04-02'; // the server's clock when the requests arrived
    const path = `/api/venues/${VENUE}/analytics/refund-requests?from=${day}&to=${day}`;
    const figures = await s.request('GET', path, undefined, s.supervisor);
    expect(figures.status).toBe(200);
    expect(figures.body.total).toBe(4);
    expect(figures.body.byChannel).toEqual(
      expect.arrayContaining([
        { channel: 'web', count: 3 },
        { channel: 'phone', count: 1 },
      ]),
    );
    expect(figures.body.byOutcome).toEqual(
      expect.arrayContaining([
        { outcome: 'auto_approved', count: 2 },
        { outcome: 'declined', count: 1 },
        { outcome: 'pending', count: 1 },
      ]),
    );
    expect(figures.body.byReason[0]).toEqual({ reason: 'wrong_ticket', count: 2 });
    expect(figures.body.decisionHours.decided).toBe(3);
    expect(figures.body.decisionHours.p90).toBeGreaterThan(4);
    const bad = await s.request(
      'GET',
      `/api/venues/${VENUE}/analytics/refund-requests?from=${day}&to=2020-01-01`,
      undefined,
      s.manager,
    );
    expect(bad.status).toBe(400);
  });
});
