/**
 * Reconciliation on push (issue 12 item 5): a till's pushed sale comes out of its own hold or
 * lease, and what still collides offline — a ticket refunded at two windows, a seat sold from
 * another window's lease, a sale from a lease that had expired — is applied deterministically
 * and raised as one exception with its entries, money and suggested action; managers list
 * and resolve them. Real HTTP on PGlite (and PostgreSQL with SERVER_TEST_DATABASE_URL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeShift, exchange, login, openShift, refund, sell } from '../../shared/commands';
import { ledgerBreaches } from '../../shared/inventory';
import { availabilityResponseSchema } from '../../shared/inventory/contract';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { reconciliationListSchema } from '../../shared/sync/reconciliation-contract';
import { expectedCash } from '../../shared/shift/tally';
import { seedFirstCatalog } from '../../src-server/catalog/catalogs';
import { readPerformance } from '../../src-server/inventory/apply';
import { num } from '../../src-server/db/port';
import { STAFF, Till, uah } from '../fixtures/domain';
import { approving } from '../support/approvals';
import { admitAtTheDoor, cash } from '../unit/journal-day';
import {
  OTHER_MANAGER,
  sealAs,
  startServer,
  type EnrolledTill,
  type TestServer,
  fixtureCatalog,
} from './harness';

const SHOW = 'hamlet-0501'; // main hall seats (B1…, C1…) and 100 standing places

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
  // The unit fixtures' catalog as this venue's, so the tills' days name its performances.
  // Leases of one seat and up (the small plan's seats one by one), GA up to 100 an area.
  const catalog = fixtureCatalog('podil-stage', 5, {
    leaseLimits: { minSeats: 1, maxSeats: 50, minGa: 1, maxGa: 100 },
  });
  await seedFirstCatalog(server.db, 'podil-stage', catalog, 'test');
});
afterEach(async () => {
  await server.close();
});

/** A window: an enrolled terminal and its till (own seed: its ids never meet another's). */
interface Window {
  readonly enrolled: EnrolledTill;
  readonly till: Till;
  /** How many of its entries the server has. */
  pushed: number;
}

let seed = 10;
async function openWindow(): Promise<Window> {
  const till = new Till('2026-04-01T10:00:00+03:00', seed++);
  till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
  till.take(openShift(till.base(), { float: uah(1000) }, STAFF.olena, till.ports));
  return { enrolled: await server.enrol(), till, pushed: 0 };
}

/** Pushes what the window has not pushed yet; answers the new entries as sealed. */
async function push(w: Window): Promise<DomainEntry[]> {
  const sealed = await sealAs(w.enrolled.terminalId, w.till.entries);
  const res = await server.push(w.enrolled, sealed.slice(w.pushed));
  expect(res.status).toBe(200);
  const fresh = sealed.slice(w.pushed);
  w.pushed = sealed.length;
  return fresh;
}

type Item = { tierId: string; seatId?: string; quantity?: number };
async function sellAt(w: Window, items: Item[]) {
  w.till.clock.advance(60_000);
  return w.till.take(
    await sell(
      w.till.base(),
      { items: items.map((i) => ({ performanceId: SHOW, ...i })), tenders: [cash(2000)] },
      STAFF.olena,
      w.till.ports,
    ),
  ).sale;
}

const as = (w: Window) => `Bearer ${w.enrolled.token}`;
async function availability(w: Window) {
  const res = await server.request('GET', `/api/inventory/performances/${SHOW}`, { auth: as(w) });
  expect(res.status).toBe(200);
  return availabilityResponseSchema.parse(res.body);
}
const exceptions = () =>
  server.db.query<{
    terminal_id: string;
    seq: number;
    kind: string;
    code: string;
    entries: unknown;
    amount_minor: unknown;
    suggested_action: string;
    performance_id: string | null;
  }>(
    `SELECT terminal_id, seq, kind, code, entries, amount_minor, suggested_action, performance_id
     FROM reconciliation_exceptions ORDER BY raised_at, terminal_id, seq`,
  );
/** sold + held + leased within capacity, no seat in two records (shared ledgerBreaches). */
async function expectLedgerWhole() {
  const ledger = await readPerformance(server.db, { venueId: 'podil-stage', performanceId: SHOW });
  expect(ledgerBreaches(ledger)).toEqual([]);
}
const jsonOf = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

describe('a till’s sale on push takes its own hold or lease', () => {
  it('GA held by the till then sold by it counts once: 2 sold, 0 held', async () => {
    const a = await openWindow();
    await push(a);
    const held = await server.request('POST', '/api/inventory/holds', {
      body: { performanceId: SHOW, ga: { 'hamlet-standing': 2 } },
      auth: as(a),
    });
    expect(held.status).toBe(201);
    // Two sales of one pushed together: the swift path (one statement for the run).
    await sellAt(a, [{ tierId: 'hamlet-standing', quantity: 1 }]);
    await sellAt(a, [{ tierId: 'hamlet-standing', quantity: 1 }]);
    const acks = (
      await server.push(
        a.enrolled,
        (await sealAs(a.enrolled.terminalId, a.till.entries)).slice(a.pushed),
      )
    ).body.acks as { status: string }[];
    expect(acks.map((x) => x.status)).toEqual(['applied', 'applied']);
    const view = await availability(a);
    expect(view.sold.ga).toBe(2);
    expect(view.held.ga).toBe(0);
    expect(view.gaAvailable['hamlet-standing']).toBe(98);
    const rows = await server.db.query<{ status: string }>(
      `SELECT status FROM inventory_holds WHERE hold_id = $1`,
      [held.body.hold.holdId],
    );
    expect(rows).toEqual([{ status: 'sold' }]);
    expect(await exceptions()).toEqual([]);
  });

  it('an exchange’s new seat comes out of the till’s hold; the old one is the venue’s again', async () => {
    const a = await openWindow();
    const sale = await sellAt(a, [{ tierId: 'hamlet-balcony', seatId: 'C4' }]);
    await push(a);
    const held = await server.request('POST', '/api/inventory/holds', {
      body: { performanceId: SHOW, seatIds: ['A4'] },
      auth: as(a),
    });
    expect(held.status).toBe(201);
    a.till.clock.advance(60_000);
    a.till.take(
      await exchange(
        { ...a.till.base(), order: a.till.order(sale.orderId) },
        {
          orderId: sale.orderId,
          ticketIds: [sale.tickets[0]!.ticketId],
          items: [{ performanceId: SHOW, tierId: 'hamlet-stalls', seatId: 'A4' }],
          tenders: [cash(2000)],
        },
        STAFF.olena,
        a.till.ports,
      ),
    );
    await push(a);
    expect(await exceptions()).toEqual([]);
    const view = await availability(a);
    expect(view.held.seats).toBe(0);
    expect(view.seatsAvailable).toContain('C4');
    expect(view.seatsAvailable).not.toContain('A4');
    const rows = await server.db.query(`SELECT status FROM inventory_holds WHERE hold_id = $1`, [
      held.body.hold.holdId,
    ]);
    expect(rows).toEqual([{ status: 'sold' }]);
  });

  it('a seat in A’s lease sold by B offline: seat_sold_twice, both tickets stand, the lease loses it', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await push(a);
    await push(b);
    const leased = await server.request('POST', '/api/inventory/leases', {
      body: { performanceId: SHOW, seatIds: ['B1', 'B2'] },
      auth: as(a),
    });
    expect(leased.status).toBe(201);
    // Both offline: A sells B1 from its lease, B sells B1 too.
    await sellAt(a, [{ tierId: 'hamlet-stalls', seatId: 'B1' }]);
    await sellAt(b, [{ tierId: 'hamlet-stalls', seatId: 'B1' }]);
    const [bSale] = await push(b);
    let raised = await exceptions();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      terminal_id: b.enrolled.terminalId,
      seq: bSale!.seq,
      kind: 'seat_sold_twice',
      code: 'inventory_collision',
      performance_id: SHOW,
    });
    expect(num(raised[0]!.amount_minor)).toBeGreaterThan(0);
    const lease = await server.db.query<{ seat_ids: string[] }>(
      `SELECT seat_ids FROM inventory_leases WHERE lease_id = $1`,
      [leased.body.lease.leaseId],
    );
    expect(lease[0]!.seat_ids).toEqual(['B2']);

    // A comes back: its sale of B1 is a fact too, raised naming B's sale.
    const [aSale] = await push(a);
    raised = await exceptions();
    expect(raised).toHaveLength(2);
    expect(raised[1]).toMatchObject({
      terminal_id: a.enrolled.terminalId,
      kind: 'seat_sold_twice',
    });
    expect(jsonOf(raised[1]!.entries)).toEqual([
      { terminalId: b.enrolled.terminalId, seq: bSale!.seq },
      { terminalId: a.enrolled.terminalId, seq: aSale!.seq },
    ]);
    const tickets = await server.db.query(
      `SELECT ticket_id FROM tickets WHERE seat_id = 'B1' AND status = 'sold'`,
    );
    expect(tickets).toHaveLength(2);
    await expectLedgerWhole();
    const view = await availability(a);
    expect(view.seats?.leasedHere).toEqual(['B2']);
    expect((await availability(b)).seats?.leasedElsewhere).toEqual(['B2']);
  });

  it('GA sold by B while A’s lease has every standing place: ga_oversold, A’s lease gives one up', async () => {
    const a = await openWindow();
    const b = await openWindow();
    const leased = await server.request('POST', '/api/inventory/leases', {
      body: { performanceId: SHOW, ga: { 'hamlet-standing': 100 } },
      auth: as(a),
    });
    expect(leased.status).toBe(201);
    await sellAt(b, [{ tierId: 'hamlet-standing', quantity: 1 }]);
    await push(b);
    const raised = await exceptions();
    expect(raised.map((r) => r.kind)).toEqual(['ga_oversold']);
    expect(raised[0]!.suggested_action).toMatch(
      /^hamlet-\S+ may have more standing tickets than places \(₴\d+\.\d\d sold by \S+ past the quota\)/,
    );
    const lease = await server.db.query<{ ga: unknown }>(
      `SELECT ga FROM inventory_leases WHERE lease_id = $1`,
      [leased.body.lease.leaseId],
    );
    expect(jsonOf(lease[0]!.ga)).toEqual({ 'hamlet-standing': 99 });
    await expectLedgerWhole();
  });

  it('a sale from a lease that had expired: expired_lease_sale', async () => {
    const a = await openWindow();
    await push(a);
    const leased = await server.request('POST', '/api/inventory/leases', {
      body: { performanceId: SHOW, seatIds: ['C3'] },
      auth: as(a),
    });
    expect(leased.status).toBe(201);
    // The lease ran out at 06:00 UTC; the till, offline, sold from it at 07:0x.
    await server.db.query(
      `UPDATE inventory_leases SET expires_at = '2026-04-01T06:00:00Z' WHERE lease_id = $1`,
      [leased.body.lease.leaseId],
    );
    await sellAt(a, [{ tierId: 'hamlet-balcony', seatId: 'C3' }]);
    await push(a);
    const raised = await exceptions();
    expect(raised.map((r) => r.kind)).toEqual(['expired_lease_sale']);
    expect(raised[0]!.suggested_action).toMatch(/had expired/);
    const lease = await server.db.query<{ status: string }>(
      `SELECT status FROM inventory_leases WHERE lease_id = $1`,
      [leased.body.lease.leaseId],
    );
    expect(lease).toEqual([{ status: 'expired' }]);
  });
});

/** A refund at `w` of tickets of an order `from` sold (approved by a manager). */
function refundAt(w: Window, from: Window, orderId: string, ticketIds: string[]) {
  w.till.clock.advance(60_000);
  return w.till.take(
    approving(STAFF.iryna, (approver) =>
      refund(
        { ...w.till.base(), order: from.till.order(orderId) },
        {
          orderId,
          ticketIds,
          method: 'cash',
          reasonCode: 'customer_request',
          ...(approver ? { approver } : {}),
        },
        STAFF.olena,
        w.till.ports,
      ),
    ),
  );
}

describe('a refund gives places back to whoever owns them', () => {
  const leaseRow = async (leaseId: string) =>
    (
      await server.db.query<{ seat_ids: string[]; ga: unknown }>(
        `SELECT seat_ids, ga FROM inventory_leases WHERE lease_id = $1`,
        [leaseId],
      )
    )[0]!;

  it('sold from the till’s live lease → back into that lease (seat and standing place), as the till counts it', async () => {
    const a = await openWindow();
    await push(a);
    const leased = await server.request('POST', '/api/inventory/leases', {
      body: { performanceId: SHOW, seatIds: ['B3', 'B4'], ga: { 'hamlet-standing': 5 } },
      auth: as(a),
    });
    expect(leased.status).toBe(201);
    const leaseId = leased.body.lease.leaseId as string;
    const sale = await sellAt(a, [
      { tierId: 'hamlet-stalls', seatId: 'B3' },
      { tierId: 'hamlet-standing', quantity: 2 },
    ]);
    await push(a);
    expect(await leaseRow(leaseId)).toMatchObject({ seat_ids: ['B4'] });
    expect(jsonOf((await leaseRow(leaseId)).ga)).toEqual({ 'hamlet-standing': 3 });
    const seatTicket = sale.tickets.find((t) => t.seatId === 'B3')!.ticketId;
    const standing = sale.tickets.find((t) => t.seatId === undefined)!.ticketId;
    refundAt(a, a, sale.orderId, [seatTicket, standing]);
    await push(a);
    expect(await exceptions()).toEqual([]);
    const back = await leaseRow(leaseId);
    expect([...back.seat_ids].sort()).toEqual(['B3', 'B4']);
    expect(jsonOf(back.ga)).toEqual({ 'hamlet-standing': 4 });
    const view = await availability(a);
    expect(view.seats?.leasedHere).toContain('B3');
    expect(view.seatsAvailable).not.toContain('B3');
    await expectLedgerWhole();
  });

  it('sold from a lease that has ended since, or not from a lease → back to the venue', async () => {
    const a = await openWindow();
    await push(a);
    const leased = await server.request('POST', '/api/inventory/leases', {
      body: { performanceId: SHOW, seatIds: ['C4'] },
      auth: as(a),
    });
    expect(leased.status).toBe(201);
    const leaseId = leased.body.lease.leaseId as string;
    const fromLease = await sellAt(a, [{ tierId: 'hamlet-balcony', seatId: 'C4' }]);
    const fromVenue = await sellAt(a, [{ tierId: 'hamlet-balcony', seatId: 'C5' }]);
    await push(a);
    const returned = await server.request('POST', `/api/inventory/leases/${leaseId}/return`, {
      auth: as(a),
    });
    expect(returned.status).toBe(200);
    refundAt(a, a, fromLease.orderId, [fromLease.tickets[0]!.ticketId]);
    refundAt(a, a, fromVenue.orderId, [fromVenue.tickets[0]!.ticketId]);
    await push(a);
    const view = await availability(a);
    expect(view.seatsAvailable).toEqual(expect.arrayContaining(['C4', 'C5']));
    expect(view.seats?.leasedHere ?? []).not.toContain('C4');
    expect(await leaseRow(leaseId)).toMatchObject({ seat_ids: [] });
  });
});

describe('a ticket refunded at two windows', () => {
  function closeAt(w: Window) {
    w.till.clock.advance(60_000);
    const tally = w.till.shiftTally();
    w.till.take(
      approving(STAFF.iryna, (approver) =>
        closeShift(
          { ...w.till.base(), shiftTally: tally },
          { counted: expectedCash(tally), note: 'Counted', ...(approver ? { approver } : {}) },
          STAFF.olena,
          w.till.ports,
        ),
      ),
    );
  }

  async function doubleRefund() {
    const [a, b, c] = [await openWindow(), await openWindow(), await openWindow()];
    const sale = await sellAt(a, [{ tierId: 'hamlet-stalls', seatId: 'B5' }]);
    await push(a);
    const ticketId = sale.tickets[0]!.ticketId;
    refundAt(b, a, sale.orderId, [ticketId]);
    const atC = refundAt(c, a, sale.orderId, [ticketId]);
    for (const w of [a, b, c]) closeAt(w);
    const pushedB = await push(b);
    const pushedC = await push(c);
    await push(a);
    const seqOf = (entries: DomainEntry[]) => entries.find((e) => e.type === 'refund')!.seq;
    return { a, b, c, ticketId, atC, seqB: seqOf(pushedB), seqC: seqOf(pushedC) };
  }

  it('exactly one double_refund naming both entries; the cash counts in both shifts; the day is Σ Z', async () => {
    const { b, c, ticketId, atC, seqB, seqC } = await doubleRefund();
    const raised = await exceptions();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      terminal_id: c.enrolled.terminalId,
      seq: seqC,
      kind: 'double_refund',
      code: 'ticket_not_refundable',
      performance_id: SHOW,
    });
    expect(jsonOf(raised[0]!.entries)).toEqual([
      { terminalId: b.enrolled.terminalId, seq: seqB },
      { terminalId: c.enrolled.terminalId, seq: seqC },
    ]);
    expect(num(raised[0]!.amount_minor)).toBe(atC.refund.total.amount);
    // Money as the product shows it ("₴600.00"), not "600.00 UAH".
    const hryvnias = `₴${(atC.refund.total.amount / 100).toFixed(2)}`;
    expect(raised[0]!.suggested_action).toBe(
      `Ticket ${ticketId} was refunded at both ${b.enrolled.terminalId} and ${c.enrolled.terminalId} (${hryvnias} twice): recover ${hryvnias} from the customer or write it off.`,
    );
    const status = await server.db.query<{ status: string; updated_by_terminal: string }>(
      `SELECT status, updated_by_terminal FROM tickets WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(status).toEqual([{ status: 'refunded', updated_by_terminal: b.enrolled.terminalId }]);
    // Every shift's cash on the server is what its till counted (the refund left C's drawer).
    const shifts = await server.db.query<{
      terminal_id: string;
      float_minor: unknown;
      cash_in_minor: unknown;
      cash_out_minor: unknown;
      expected_minor: unknown;
    }>(
      `SELECT terminal_id, float_minor, cash_in_minor, cash_out_minor, expected_minor FROM shifts`,
    );
    expect(shifts).toHaveLength(3);
    for (const s of shifts) {
      expect(num(s.float_minor) + num(s.cash_in_minor) - num(s.cash_out_minor), s.terminal_id).toBe(
        num(s.expected_minor),
      );
    }
    const report = await server.request(
      'GET',
      '/api/venues/podil-stage/reports/day?date=2026-04-01',
      {
        auth: server.managerAuth(),
      },
    );
    expect(report.status).toBe(200);
    expect(report.body.check).toMatchObject({ matches: true, totalsAreSumOfZ: true });
    expect(report.body.totals.refunds.count).toBe(2);
  });

  it('a refund of a ticket let in at the door meanwhile: used_ticket_refunded, the ticket stays used', async () => {
    const [a, b] = [await openWindow(), await openWindow()];
    const sale = await sellAt(a, [{ tierId: 'hamlet-stalls', seatId: 'B6' }]);
    const ticketId = sale.tickets[0]!.ticketId;
    // B, offline, refunds it; A lets it in at the door on the night.
    const atB = refundAt(b, a, sale.orderId, [ticketId]);
    admitAtTheDoor(a.till);
    await push(a);
    const pushedB = await push(b);
    const raised = await exceptions();
    expect(raised.map((r) => [r.kind, r.seq])).toEqual([
      ['used_ticket_refunded', pushedB.find((e) => e.type === 'refund')!.seq],
    ]);
    expect(num(raised[0]!.amount_minor)).toBe(atB.refund.total.amount);
    const hryvnias = `₴${(atB.refund.total.amount / 100).toFixed(2)}`;
    expect(raised[0]!.suggested_action).toBe(
      `Ticket ${ticketId} was used at the door before ${b.enrolled.terminalId} refunded it (${hryvnias}): recover ${hryvnias} from the customer or write it off.`,
    );
    const status = await server.db.query(`SELECT status FROM tickets WHERE ticket_id = $1`, [
      ticketId,
    ]);
    expect(status).toEqual([{ status: 'used' }]);
  });

  it('managers list and resolve it; tills and other managers may not', async () => {
    const { c, seqC } = await doubleRefund();
    const path = '/api/venues/podil-stage/reconciliation';
    const list = await server.request('GET', path, { auth: server.managerAuth() });
    expect(list.status).toBe(200);
    const open = reconciliationListSchema.parse(list.body).exceptions;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      terminalId: c.enrolled.terminalId,
      seq: seqC,
      kind: 'double_refund',
      currency: 'UAH',
      resolvedAt: null,
    });
    expect(open[0]!.entries).toHaveLength(2);
    expect(open[0]!.suggestedAction).toMatch(
      /recover ₴\d+\.\d\d from the customer or write it off/,
    );
    expect(open[0]!.suggestedAction).not.toMatch(/UAH/);
    expect(open[0]).toMatchObject({ resolvedBy: null, resolvedByName: null });

    const resolve = `${path}/${c.enrolled.terminalId}/${seqC}/resolve`;
    const note = { note: 'Customer paid back the second refund at the box office.' };
    expect((await server.request('GET', path, { auth: as(c) })).status).toBe(401);
    expect((await server.request('POST', resolve, { body: note, auth: as(c) })).status).toBe(401);
    const stranger = server.managerAuth(OTHER_MANAGER);
    expect((await server.request('GET', path, { auth: stranger })).status).toBe(401);
    expect((await server.request('POST', resolve, { body: note, auth: stranger })).status).toBe(
      401,
    );
    expect(
      (await server.request('POST', resolve, { body: {}, auth: server.managerAuth() })).status,
    ).toBe(400);
    expect(
      (
        await server.request('POST', `${path}/${c.enrolled.terminalId}/999/resolve`, {
          body: note,
          auth: server.managerAuth(),
        })
      ).status,
    ).toBe(404);

    const done = await server.request('POST', resolve, { body: note, auth: server.managerAuth() });
    expect(done.status).toBe(200);
    // Who resolved it: her id, and her name as a manager reads it.
    const [liWei] = await server.db.query<{ manager_id: string }>(
      `SELECT manager_id FROM managers WHERE venue_id = 'podil-stage' AND name = 'Li Wei'`,
    );
    expect(done.body.exception).toMatchObject({
      resolution: note.note,
      resolvedBy: liWei!.manager_id,
      resolvedByName: 'Li Wei',
    });
    expect(Date.parse(done.body.exception.resolvedAt as string)).toBeGreaterThan(0);
    // The venue's audit trail names who resolved which exception and why.
    const audit = await server.db.query<{ actor: string; terminal_id: string; detail: unknown }>(
      `SELECT actor, terminal_id, detail FROM audit_events
       WHERE venue_id = 'podil-stage' AND kind = 'exception_resolved'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: `manager:${liWei!.manager_id}`,
      terminal_id: c.enrolled.terminalId,
    });
    expect(jsonOf(audit[0]!.detail)).toEqual({
      seq: seqC,
      kind: 'double_refund',
      amountMinor: open[0]!.amountMinor,
      currency: 'UAH',
      note: note.note,
    });
    const again = await server.request('POST', resolve, {
      body: { note: 'again' },
      auth: server.managerAuth(),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_resolved');
    // A refused second resolution changes nothing, so it records nothing either.
    expect(
      await server.db.query(`SELECT 1 FROM audit_events WHERE kind = 'exception_resolved'`),
    ).toHaveLength(1);
    expect(again.body.error.message).toMatch(
      /^This exception was resolved by Li Wei at \S+: Customer paid back the second refund/,
    );
    const q = (status: string) =>
      server.request('GET', `${path}?status=${status}`, { auth: server.managerAuth() });
    expect((await q('open')).body.exceptions).toEqual([]);
    expect((await q('resolved')).body.exceptions).toHaveLength(1);
    expect((await q('all')).body.exceptions[0]).toMatchObject({
      resolution: note.note,
      resolvedBy: liWei!.manager_id,
      resolvedByName: 'Li Wei',
    });
    expect((await q('bogus')).status).toBe(400);
  });
});

describe('a hold given back in part', () => {
  it('drops one seat of three; only its holder may; giving back the rest ends it', async () => {
    const a = await openWindow();
    const b = await openWindow();
    const held = await server.request('POST', '/api/inventory/holds', {
      body: { performanceId: SHOW, seatIds: ['C1', 'C2', 'C3'], ga: { 'hamlet-standing': 2 } },
      auth: as(a),
    });
    expect(held.status).toBe(201);
    const release = (w: Window, body: object) =>
      server.request('POST', `/api/inventory/holds/${held.body.hold.holdId}/release`, {
        body,
        auth: as(w),
      });
    const part = await release(a, { seatIds: ['C2'], ga: { 'hamlet-standing': 1 } });
    expect(part.status).toBe(200);
    expect(part.body.hold).toMatchObject({
      seatIds: ['C1', 'C3'],
      ga: { 'hamlet-standing': 1 },
      expiresAt: held.body.hold.expiresAt,
    });
    const seen = await availability(a);
    expect(seen.seats?.heldHere).toEqual(['C1', 'C3']);
    expect(seen.seatsAvailable).toContain('C2');
    expect((await availability(b)).seats?.heldElsewhere).toEqual(['C1', 'C3']);
    expect((await release(b, { seatIds: ['C1'] })).body.error.code).toBe('not_your_hold');
    const outside = await release(a, { seatIds: ['C2'] });
    expect([outside.status, outside.body.error.code]).toEqual([422, 'not_in_hold']);
    const rest = await release(a, { seatIds: ['C1', 'C3'], ga: { 'hamlet-standing': 1 } });
    expect(rest.status).toBe(200);
    expect(rest.body.hold).toMatchObject({ seatIds: [], ga: {} });
    const rows = await server.db.query<{ status: string }>(
      `SELECT status FROM inventory_holds WHERE hold_id = $1`,
      [held.body.hold.holdId],
    );
    expect(rows).toEqual([{ status: 'released' }]);
  });
});
