/**
 * The back office's audit trail (issue 13 item 9): `GET /api/venues/:venueId/audit` merges
 * the back office's own rows with what two tills pushed in their journals (sign-ins, a no-sale,
 * a paid-out over the limit and its approval) by time, newest first; filters by person, till,
 * kind and period; pages without gaps or repeats; and refuses bad filters with a sentence.
 * Real HTTP on PGlite, real sealed journal entries pushed through /api/sync/push.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, openShift } from '../../shared/commands';
import { noSale, paidOut } from '../../shared/commands/cash';
import { STAFF, Till, uah } from '../fixtures/domain';
import { approvedAs } from '../support/approvals';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

interface AuditEvent {
  id: string;
  source: 'back_office' | 'till';
  at: string;
  actor: string;
  kind: string;
  terminalId: string | null;
  detail: Record<string, unknown>;
}

let server: TestServer;
let a: EnrolledTill;
let b: EnrolledTill;
let managerActor: string;

/** Till A (olena, 07:00Z): sign-in, shift, a no-sale at 07:01, a 600.00 paid-out Taras approved at 07:02. */
function tillA(): Till {
  const till = new Till('2026-04-01T10:00:00+03:00', 21);
  till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
  till.take(openShift(till.base(), { float: uah(1000) }, STAFF.olena, till.ports));
  const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
  till.clock.advance(60_000);
  till.take(noSale(s(), { reason: 'Change for a 500 note' }, STAFF.olena, till.ports));
  till.clock.advance(60_000);
  const ask = { amount: uah(600), reason: 'Sound engineer invoice' };
  const refused = paidOut(s(), ask, STAFF.olena, till.ports);
  expect(refused.ok).toBe(false);
  till.take(
    paidOut(s(), { ...ask, approver: approvedAs(refused, STAFF.taras) }, STAFF.olena, till.ports),
  );
  return till;
}

/** Till B (petro, 09:00Z): sign-in, shift, a no-sale at 09:01. */
function tillB(): Till {
  const till = new Till('2026-04-01T12:00:00+03:00', 22);
  till.take(login(till.terminal, { staff: STAFF.petro }, till.ports));
  till.take(openShift(till.base(), { float: uah(1000) }, STAFF.petro, till.ports));
  till.clock.advance(60_000);
  const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
  till.take(noSale(s(), { reason: 'Customer asked for change' }, STAFF.petro, till.ports));
  return till;
}

beforeEach(async () => {
  server = await startServer();
  a = await server.enrol();
  b = await server.enrol();
  for (const [enrolled, till] of [
    [a, tillA()],
    [b, tillB()],
  ] as const) {
    const res = await server.push(enrolled, await sealAs(enrolled.terminalId, till.entries));
    expect(res.status).toBe(200);
  }
  const kiosk = await server.request(
    'PUT',
    `/api/venues/podil-stage/terminals/${a.terminalId}/kiosk`,
    {
      auth: server.managerAuth(),
      body: { kiosk: true },
    },
  );
  expect(kiosk.status).toBe(200);
  const rows = await server.db.query<{ manager_id: string }>(
    `SELECT manager_id FROM managers WHERE venue_id = 'podil-stage'`,
  );
  managerActor = `manager:${rows[0]!.manager_id}`;
});
afterEach(async () => {
  await server.close();
});

async function audit(query = ''): Promise<{ events: AuditEvent[]; nextOffset: number | null }> {
  const res = await server.request('GET', `/api/venues/podil-stage/audit${query}`, {
    auth: server.managerAuth(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { events: AuditEvent[]; nextOffset: number | null };
}
const kinds = (events: AuditEvent[]) => events.map((e) => `${e.kind} ${e.actor}`);

describe('back-office audit', () => {
  it('merges back-office rows and the tills’ events by time, newest first', async () => {
    const { events, nextOffset } = await audit();
    expect(nextOffset).toBeNull();
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(kinds(events)).toEqual([
      `kiosk_mode_set ${managerActor}`,
      `enrolment_code_created ${managerActor}`,
      `enrolment_code_created ${managerActor}`,
      'till_no_sale staff:petro',
      'till_login staff:petro',
      'till_paid_out staff:olena',
      'till_approval staff:taras',
      'till_no_sale staff:olena',
      'till_login staff:olena',
    ]);
    const approval = events.find((e) => e.kind === 'till_approval')!;
    expect(approval).toMatchObject({
      source: 'till',
      terminalId: a.terminalId,
      at: '2026-04-01T07:02:00.000Z',
      detail: {
        action: 'paid_out',
        requestedBy: { staffId: 'olena', role: 'cashier' },
        approvedBy: { staffId: 'taras', role: 'supervisor' },
        amount: { amount: 60000, currency: 'UAH' },
        reason: 'Sound engineer invoice',
      },
    });
    // The one-time approval token's id is not shown.
    expect(approval.detail).not.toHaveProperty('tokenId');
    expect(events[0]).toMatchObject({ source: 'back_office', terminalId: a.terminalId });
  });

  it('filters by kind, by till, by person and by period', async () => {
    const noSales = (await audit('?kind=till_no_sale')).events;
    expect(noSales.map((e) => [e.actor, e.terminalId, e.detail.reason])).toEqual([
      ['staff:petro', b.terminalId, 'Customer asked for change'],
      ['staff:olena', a.terminalId, 'Change for a 500 note'],
    ]);

    const onA = (await audit(`?terminal=${a.terminalId}`)).events;
    expect(kinds(onA)).toEqual([
      `kiosk_mode_set ${managerActor}`,
      'till_paid_out staff:olena',
      'till_approval staff:taras',
      'till_no_sale staff:olena',
      'till_login staff:olena',
    ]);

    // A person by their full actor or just their id.
    expect(kinds((await audit('?actor=taras')).events)).toEqual(['till_approval staff:taras']);
    expect(kinds((await audit('?actor=staff:olena')).events)).toHaveLength(3);
    expect(
      (await audit(`?actor=${encodeURIComponent(managerActor)}`)).events.every(
        (e) => e.source === 'back_office',
      ),
    ).toBe(true);

    const morning = await audit('?from=2026-04-01T08:00:00Z&to=2026-04-01T23:00:00Z');
    expect(kinds(morning.events)).toEqual(['till_no_sale staff:petro', 'till_login staff:petro']);
    const combined = await audit(
      `?kind=till_no_sale&terminal=${a.terminalId}&to=2026-04-01T07:01:00Z`,
    );
    expect(combined.events.map((e) => e.at)).toEqual(['2026-04-01T07:01:00.000Z']);
  });

  it('pages without gaps or repeats', async () => {
    const all = (await audit()).events.map((e) => e.id);
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: { events: AuditEvent[]; nextOffset: number | null } = await audit(
        `?limit=4&offset=${offset}`,
      );
      expect(page.events.length).toBeLessThanOrEqual(4);
      seen.push(...page.events.map((e) => e.id));
      offset = page.nextOffset;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(9);
  });

  it('refuses bad filters with a sentence', async () => {
    const get = (q: string) =>
      server.request('GET', `/api/venues/podil-stage/audit${q}`, { auth: server.managerAuth() });
    const notDate = await get('?from=yesterday');
    expect([notDate.status, notDate.body.error.code]).toEqual([400, 'invalid_request']);
    expect(notDate.body.error.message).toMatch(/a date and time such as/);
    const swapped = await get('?from=2026-04-02T00:00:00Z&to=2026-04-01T00:00:00Z');
    expect([swapped.status, swapped.body.error.code]).toEqual([400, 'invalid_period']);
    expect(swapped.body.error.message).toMatch(/start of the period is after its end/);
    expect((await get('?limit=0')).status).toBe(400);
    expect((await get('?limit=501')).status).toBe(400);
  });
});
