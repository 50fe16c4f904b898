/**
 * The back office's catalog section (issue 13 item 6): a manager cancels or postpones one
 * performance; the server publishes the newest catalog with that change as the next version,
 * a till's pull (GET /api/sync/catalog) shows it, and the till's one refund decision
 * (`planRefund`, shared) then gives a ticket sold for that performance the policy's
 * cancellation rule. Real HTTP on PGlite; the sale is built with the domain's commands.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogSchema, indexCatalog, type Catalog } from '../../shared/catalog/catalog';
import { planRefund, sell } from '../../shared/commands';
import { DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { CATALOG_INPUT, openTill, STAFF, uah, type Till } from '../fixtures/domain';
import { cash } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

const VENUE = 'podil-stage';
const DAY_MS = 86_400_000;
/** The clock reading the test catalog is dated from (one per file: every call agrees). */
const BASE = Date.now();

/**
 * The fixture catalog, as the demo venue's: its performances moved to a month from now (the
 * order kept), but jazz-0510 started an hour ago.
 */
function venueCatalog(version: number): Catalog {
  const shift = BASE + 30 * DAY_MS - Date.parse('2026-05-01T19:00:00+03:00');
  const at = (iso: string, ms = Date.parse(iso) + shift) => new Date(ms).toISOString();
  return catalogSchema.parse({
    ...CATALOG_INPUT,
    version,
    venue: { ...CATALOG_INPUT.venue, id: VENUE },
    events: CATALOG_INPUT.events.map((e) => ({ ...e, venueId: VENUE })),
    performances: CATALOG_INPUT.performances.map((p) => {
      const { salesOpenAt: _open, salesCloseAt: _close, ...rest } = p;
      return p.id === 'jazz-0510'
        ? { ...rest, startsAt: at('', BASE - 3_600_000) }
        : { ...rest, startsAt: at(p.startsAt) };
    }),
  });
}

let server: TestServer;
let enrolled: EnrolledTill;
beforeEach(async () => {
  server = await startServer({ publicBaseUrl: 'https://tickets.podil-stage.example' });
  const put = await server.request('PUT', `/api/venues/${VENUE}/catalog`, {
    body: venueCatalog(1),
    auth: server.managerAuth(),
  });
  expect(put.status).toBe(200);
  enrolled = await server.enrol();
});
afterEach(async () => {
  await server.close();
});

const cancel = (
  performanceId: string,
  body: unknown = { reason: 'Lead actor ill' },
  auth?: string,
) =>
  server.request('POST', `/api/venues/${VENUE}/performances/${performanceId}/cancel`, {
    body,
    auth: auth ?? server.managerAuth(),
  });
const postpone = (performanceId: string, body: unknown, auth?: string) =>
  server.request('POST', `/api/venues/${VENUE}/performances/${performanceId}/postpone`, {
    body,
    auth: auth ?? server.managerAuth(),
  });

/** What the till takes on its next pull. */
async function tillPull(after: number): Promise<Catalog> {
  const got = await server.request('GET', `/api/sync/catalog?after=${after}`, {
    auth: `Bearer ${enrolled.token}`,
  });
  expect(got.status).toBe(200);
  expect(got.body.catalog).not.toBeNull();
  return catalogSchema.parse(got.body.catalog);
}

/** One balcony seat for hamlet-0501, sold at the till for cash and pushed to the server. */
async function sellBalconySeat(): Promise<{ till: Till; orderId: string; ticketId: string }> {
  const till = openTill(STAFF.olena);
  const sold = till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C6' }],
        tenders: [cash(250)],
      },
      STAFF.olena,
      till.ports,
    ),
  );
  expect(sold.sale.totals.total).toEqual(uah(250));
  const entries = await sealAs(enrolled.terminalId, till.entries);
  expect((await server.push(enrolled, entries)).status).toBe(200);
  return { till, orderId: sold.sale.orderId, ticketId: sold.sale.tickets[0]!.ticketId };
}

function refundOffer(till: Till, orderId: string, ticketId: string, catalog: Catalog) {
  const plan = planRefund(
    {
      order: till.order(orderId),
      catalog: indexCatalog(catalog),
      settings: till.settings,
      actorRole: 'cashier',
      actorStaffId: STAFF.petro.staffId,
      nowMs: Date.now(),
    },
    { ticketIds: [ticketId] },
  );
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value;
}

async function auditRows() {
  return server.db.query<{ kind: string; actor: string; detail: Record<string, unknown> }>(
    `SELECT kind, actor, detail FROM audit_events
     WHERE venue_id = $1 AND kind LIKE 'performance_%' ORDER BY at, kind`,
    [VENUE],
  );
}

async function managerId(email: string): Promise<string> {
  const rows = await server.db.query<{ manager_id: string }>(
    `SELECT manager_id FROM managers WHERE venue_id = $1 AND email = $2`,
    [VENUE, email],
  );
  return rows[0]!.manager_id;
}

describe('cancelling a performance from the back office', () => {
  it('publishes it cancelled as the next version; the till pulls it and planRefund offers the full price', async () => {
    const { till, orderId, ticketId } = await sellBalconySeat();
    // Before: a month ahead, the standard policy's first window (100 %) less its 5 % fee.
    const before = refundOffer(till, orderId, ticketId, await tillPull(-1));
    expect(before.total).toEqual(uah(237.5));
    expect(before.fees).toEqual(uah(12.5));

    // The order's contact, as the till attached it (off the journal).
    const attached = await server.request('PUT', '/api/terminal/order-contacts', {
      body: { orderId, email: 'oksana.petrenko@example.org', locale: 'uk' },
      auth: `Bearer ${enrolled.token}`,
    });
    expect(attached.status).toBe(204);

    const res = await cancel('hamlet-0501');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 2,
      performance: { id: 'hamlet-0501', status: 'cancelled' },
    });

    // Issue 14 item 6: the holder is told once, in Ukrainian, with the refund page on the order.
    const told = await server.db.query<{ recipient: string; locale: string; data: unknown }>(
      `SELECT recipient, locale, data FROM outbox WHERE kind = 'performance_cancelled'`,
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recipient: 'oksana.petrenko@example.org', locale: 'uk' });
    const data = (
      typeof told[0]!.data === 'string' ? JSON.parse(told[0]!.data) : told[0]!.data
    ) as Record<string, string>;
    expect(data.performanceName).toBe('Hamlet');
    expect(data.performanceDate).toMatch(/\d{4}/);
    // The link refunds that order in one step: a signed token naming it (never the bare id).
    const [page, token = ''] = data.refundUrl!.split('#refund=');
    expect(page).toBe(`https://tickets.podil-stage.example/refund-request/?venue=${VENUE}`);
    expect(data.refundUrl).not.toContain(orderId);
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(payload).toMatchObject({ v: VENUE, o: orderId, p: 'hamlet-0501' });

    const pulled = await tillPull(1);
    expect(pulled.version).toBe(2);
    expect(pulled.performances.find((p) => p.id === 'hamlet-0501')?.status).toBe('cancelled');
    // Only that performance changed.
    const v1 = venueCatalog(1);
    expect(pulled.performances.filter((p) => p.id !== 'hamlet-0501')).toEqual(
      v1.performances.filter((p) => p.id !== 'hamlet-0501'),
    );
    expect(pulled.tiers).toEqual(v1.tiers);

    // The cancellation rule (policy `cancelled`: 100 %, fees waived): the price paid, all of it.
    const after = refundOffer(till, orderId, ticketId, pulled);
    expect(after.refusal).toBeNull();
    expect(after.total).toEqual(uah(250));
    expect(after.fees).toEqual(uah(0));
    expect(after.tickets[0]!.reasons.map((r) => r.code)).toContain('performance_cancelled');

    // The back office reads the same newest catalog.
    const read = await server.request('GET', `/api/venues/${VENUE}/catalog`, {
      auth: server.managerAuth(),
    });
    expect(read.status).toBe(200);
    expect(read.body.catalog.version).toBe(2);

    expect(await auditRows()).toEqual([
      {
        kind: 'performance_cancelled',
        actor: `manager:${await managerId('li.wei@podil-stage.example')}`,
        detail: expect.objectContaining({
          performanceId: 'hamlet-0501',
          eventName: 'Hamlet',
          reason: 'Lead actor ill',
          catalogVersion: 2,
          holdersTold: 1,
        }),
      },
    ]);
  });

  it('refuses a second cancellation with 409 and publishes nothing more', async () => {
    expect((await cancel('hamlet-0501')).status).toBe(200);
    const again = await cancel('hamlet-0501');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_cancelled');
    expect(again.body.error.message).toMatch(/already cancelled/);
    expect((await tillPull(-1)).version).toBe(2);
    expect(await auditRows()).toHaveLength(1);
  });

  it('refuses an unknown performance (404), a started one (409) and a blank reason (400)', async () => {
    const unknown = await cancel('nope-0101');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'performance_not_found' });
    expect(unknown.body.error.message).toContain('nope-0101');

    const started = await cancel('jazz-0510');
    expect(started.status).toBe(409);
    expect(started.body.error.code).toBe('already_started');

    const blank = await cancel('hamlet-0502', { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('Say why');

    expect((await tillPull(-1)).version).toBe(1);
    expect(await auditRows()).toEqual([]);
  });

  it('refuses a supervisor (403 read_only) and changes nothing; a supervisor still reads', async () => {
    await ensureManager(server.db, DEMO_SUPERVISOR);
    const auth = server.managerAuth(DEMO_SUPERVISOR);
    const refused = await cancel('hamlet-0501', { reason: 'x' }, auth);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('read_only');
    const moved = await postpone(
      'hamlet-0501',
      { startsAt: new Date(Date.now() + 60 * DAY_MS).toISOString(), reason: 'x' },
      auth,
    );
    expect(moved.status).toBe(403);
    const read = await server.request('GET', `/api/venues/${VENUE}/catalog`, { auth });
    expect(read.status).toBe(200);
    expect(read.body.catalog.version).toBe(1);
    expect(await auditRows()).toEqual([]);
  });
});

describe('postponing a performance from the back office', () => {
  it('moves its start (postponed, rescheduledTo) as the next version; tills pull it; audited', async () => {
    const v1 = venueCatalog(1).performances.find((p) => p.id === 'hamlet-0502')!;
    const newStart = new Date(Date.parse(v1.startsAt) + 7 * DAY_MS).toISOString();
    const res = await postpone('hamlet-0502', { startsAt: newStart, reason: 'Stage repairs' });
    expect(res.status).toBe(200);
    expect(res.body.performance).toMatchObject({
      status: 'postponed',
      startsAt: v1.startsAt,
      rescheduledTo: newStart,
    });

    const pulled = (await tillPull(1)).performances.find((p) => p.id === 'hamlet-0502')!;
    expect(pulled).toMatchObject({ status: 'postponed', rescheduledTo: newStart });

    // Postponed again: the new date moves on, from the last one.
    const later = new Date(Date.parse(newStart) + DAY_MS).toISOString();
    expect((await postpone('hamlet-0502', { startsAt: later, reason: 'Again' })).status).toBe(200);
    expect((await tillPull(2)).performances.find((p) => p.id === 'hamlet-0502')).toMatchObject({
      rescheduledTo: later,
    });
    const rows = await auditRows();
    expect(rows.map((r) => [r.kind, r.detail.from, r.detail.to])).toEqual([
      ['performance_postponed', v1.startsAt, newStart],
      ['performance_postponed', newStart, later],
    ]);
  });

  it('refuses a start in the past (422), a started or cancelled performance (409)', async () => {
    const past = await postpone('hamlet-0502', {
      startsAt: new Date(Date.now() - DAY_MS).toISOString(),
      reason: 'x',
    });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('start_in_past');
    const future = new Date(Date.now() + 90 * DAY_MS).toISOString();
    const started = await postpone('jazz-0510', { startsAt: future, reason: 'x' });
    expect(started.status).toBe(409);
    expect(started.body.error.code).toBe('already_started');
    expect((await cancel('hamlet-0502')).status).toBe(200);
    const cancelled = await postpone('hamlet-0502', { startsAt: future, reason: 'x' });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('already_cancelled');
    const noDate = await postpone('hamlet-0501', { startsAt: 'next week', reason: 'x' });
    expect(noDate.status).toBe(400);
  });
});

describe('changing a refund policy from the back office', () => {
  const put = (policyId: string, body: unknown, auth?: string) =>
    server.request('PUT', `/api/venues/${VENUE}/refund-policies/${policyId}`, {
      body,
      auth: auth ?? server.managerAuth(),
    });

  it('publishes the policy at its next version in the next catalog; tickets sold before keep theirs', async () => {
    const { till, orderId, ticketId } = await sellBalconySeat();
    const res = await put('std', {
      windows: [
        { minHoursBefore: 72, refundBp: 8_000 },
        { minHoursBefore: 24, refundBp: 4_000 },
      ],
      fees: { bookingFee: 'returned' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, policy: { id: 'std', version: 2 } });

    const pulled = await tillPull(1);
    const std = pulled.refundPolicies.find((p) => p.id === 'std')!;
    expect(std.version).toBe(2);
    expect(std.windows).toEqual([
      { minHoursBefore: 72, refundBp: 8_000 },
      { minHoursBefore: 24, refundBp: 4_000 },
    ]);
    expect(std.fees).toEqual({ bookingFee: 'returned' });
    // Everything else in the policy and the catalog stays as it was.
    const v1 = venueCatalog(1);
    expect(std.cancelled).toEqual(v1.refundPolicies.find((p) => p.id === 'std')!.cancelled);
    expect(pulled.performances).toEqual(v1.performances);

    // The ticket sold under version 1 carries version 1: still 100 % less the 5 % fee.
    expect(refundOffer(till, orderId, ticketId, pulled).total).toEqual(uah(237.5));

    const rows = await server.db.query<{ kind: string; detail: Record<string, unknown> }>(
      `SELECT kind, detail FROM audit_events WHERE venue_id = $1 AND kind = 'refund_policy_changed'`,
      [VENUE],
    );
    expect(rows).toEqual([
      {
        kind: 'refund_policy_changed',
        detail: expect.objectContaining({ policyId: 'std', fromVersion: 1, toVersion: 2 }),
      },
    ]);
  });

  it('publishes who approves, how refunds are paid and which tiers are not refundable', async () => {
    const res = await put('std', {
      windows: [{ minHoursBefore: 24, refundBp: 10_000 }],
      fees: { bookingFee: 'kept' },
      approvals: {
        thresholds: [{ role: 'cashier', maxAmount: uah(500) }],
        afterDeadline: null,
      },
      methods: {
        originalTender: true,
        cash: { allowed: false, onlyForCashPurchases: true },
        voucher: { allowed: true, bonusBp: 1_000 },
      },
      nonRefundableTierIds: ['hamlet-balcony'],
    });
    expect(res.status).toBe(200);
    const std = (await tillPull(1)).refundPolicies.find((p) => p.id === 'std')!;
    expect(std.approvals).toEqual({
      thresholds: [{ role: 'cashier', maxAmount: uah(500) }],
      afterDeadline: null,
    });
    expect(std.methods.cash.allowed).toBe(false);
    expect(std.methods.voucher.bonusBp).toBe(1_000);
    expect(std.nonRefundableTierIds).toEqual(['hamlet-balcony']);

    // The till's own decision on a ticket sold under this version: the balcony tier is no
    // longer refundable at all.
    const { till, orderId, ticketId } = await sellBalconySeat();
    const order = till.order(orderId);
    const underV2 = {
      ...order,
      tickets: order.tickets.map((v) => ({ ...v, ticket: { ...v.ticket, policy: std } })),
    } as typeof order;
    const plan = planRefund(
      {
        order: underV2,
        catalog: indexCatalog(await tillPull(1)),
        settings: till.settings,
        actorRole: 'manager',
        actorStaffId: STAFF.petro.staffId,
        nowMs: Date.now(),
      },
      { ticketIds: [ticketId] },
    );
    expect(plan.ok && plan.value.anyRefundable).toBe(false);

    // Leaving them out keeps them: a windows-only change does not reset the rest.
    expect((await put('std', { windows: [], fees: { bookingFee: 'kept' } })).status).toBe(200);
    const v3 = (await tillPull(2)).refundPolicies.find((p) => p.id === 'std')!;
    expect(v3.version).toBe(3);
    expect(v3.nonRefundableTierIds).toEqual(['hamlet-balcony']);
    expect(v3.methods.cash.allowed).toBe(false);
  });

  it('gives a tier windows of its own: the till refunds that tier in full where the policy gives nothing', async () => {
    const res = await put('std', {
      windows: [{ minHoursBefore: 24, refundBp: 10_000 }],
      fees: { bookingFee: 'returned' },
      tierOverrides: [
        { tierId: 'hamlet-balcony', windows: [{ minHoursBefore: 2, refundBp: 10_000 }] },
      ],
    });
    expect(res.status).toBe(200);
    const catalog = await tillPull(1);
    const std = catalog.refundPolicies.find((p) => p.id === 'std')!;
    expect(std.tierOverrides).toEqual([
      { tierId: 'hamlet-balcony', windows: [{ minHoursBefore: 2, refundBp: 10_000 }] },
    ]);
    // Ten hours before the show: past the policy's 24 h window, inside the balcony's own 2 h.
    const { till, orderId, ticketId } = await sellBalconySeat();
    const order = till.order(orderId);
    const underV2 = {
      ...order,
      tickets: order.tickets.map((v) => ({ ...v, ticket: { ...v.ticket, policy: std } })),
    } as typeof order;
    const show = catalog.performances.find((p) => p.id === 'hamlet-0501')!;
    const tenHoursBefore = Date.parse(show.startsAt) - 10 * 3_600_000;
    const plan = (policy: typeof std) =>
      planRefund(
        {
          order: {
            ...underV2,
            tickets: underV2.tickets.map((v) => ({ ...v, ticket: { ...v.ticket, policy } })),
          },
          catalog: indexCatalog(catalog),
          settings: till.settings,
          actorRole: 'cashier',
          actorStaffId: STAFF.petro.staffId,
          nowMs: tenHoursBefore,
        },
        { ticketIds: [ticketId] },
      );
    const own = plan(std);
    expect(own.ok && own.value.total).toEqual(uah(250));
    const without = plan({ ...std, tierOverrides: [] });
    expect(without.ok && [without.value.total.amount, without.value.reasonRequired]).toEqual([
      0,
      false,
    ]);

    const stray = await put('std', {
      windows: [],
      fees: { bookingFee: 'kept' },
      tierOverrides: [{ tierId: 'jazz-ga', windows: [] }],
    });
    expect([stray.status, stray.body.error.code]).toEqual([422, 'invalid_policy']);
  });

  it('refuses a non-refundable tier that does not sell under the policy (422, in words)', async () => {
    const res = await put('std', {
      windows: [],
      fees: { bookingFee: 'kept' },
      nonRefundableTierIds: ['no-such-tier'],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      'No price tier no-such-tier sells under this policy, so it cannot be made non-refundable here.',
    );
    expect((await tillPull(-1)).version).toBe(1);
  });

  it('refuses windows out of order (422, in words), an unknown policy (404) and a supervisor (403)', async () => {
    const bad = await put('std', {
      windows: [
        { minHoursBefore: 24, refundBp: 10_000 },
        { minHoursBefore: 72, refundBp: 5_000 },
      ],
      fees: { bookingFee: 'kept' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_policy');
    expect(bad.body.error.message).toMatch(/earliest to the latest/);
    const unknown = await put('nope', { windows: [], fees: { bookingFee: 'kept' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('policy_not_found');
    await ensureManager(server.db, DEMO_SUPERVISOR);
    const refused = await put(
      'std',
      { windows: [], fees: { bookingFee: 'kept' } },
      server.managerAuth(DEMO_SUPERVISOR),
    );
    expect(refused.status).toBe(403);
    expect((await tillPull(-1)).version).toBe(1);
  });
});
