/**
 * The back office's permission table (issue 13): every `/api/venues/:venueId/…` route the
 * server registers × each role — nobody signed in, a supervisor, a manager, a manager of
 * another venue — gets the answer the table says. Reads let supervisors in; every write
 * refuses them with 403 `read_only` whatever they send. A route the table does not name fails
 * the test: a new route ships with its row. Real HTTP on PGlite (PostgreSQL in CI).
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, routeInventory } from '../../src-server/app';
import type { Db } from '../../src-server/db/port';
import {
  DEMO_MANAGER,
  DEMO_SUPERVISOR,
  DEMO_VENUE,
  ensureManager,
  ensureVenue,
} from '../../src-server/venues';
import { freshDatabase, OTHER_MANAGER, OTHER_VENUE } from './harness';

type Need = 'read' | 'write';

/** Each venue route and what it needs. `path` fills in :venueId and any other parameter. */
const TABLE: readonly { method: string; url: string; need: Need; path: string }[] = [
  { method: 'PUT', url: '/api/venues/:venueId/catalog', need: 'write', path: 'catalog' },
  { method: 'PUT', url: '/api/venues/:venueId/staff', need: 'write', path: 'staff' },
  {
    method: 'GET',
    url: '/api/venues/:venueId/reconciliation',
    need: 'read',
    path: 'reconciliation',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/reconciliation/:terminalId/:seq/resolve',
    need: 'write',
    path: 'reconciliation/T9/1/resolve',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/enrolment-codes',
    need: 'write',
    path: 'enrolment-codes',
  },
  { method: 'GET', url: '/api/venues/:venueId/terminals', need: 'read', path: 'terminals' },
  {
    method: 'POST',
    url: '/api/venues/:venueId/terminals/:terminalId/revoke',
    need: 'write',
    path: 'terminals/T9/revoke',
  },
  {
    method: 'GET',
    url: '/api/venues/:venueId/reports/day',
    need: 'read',
    path: 'reports/day?date=2026-12-01',
  },
  { method: 'POST', url: '/api/venues/:venueId/channels', need: 'write', path: 'channels' },
  // ── refunds analytics ──
  {
    method: 'GET',
    url: '/api/venues/:venueId/analytics/refunds',
    need: 'read',
    path: 'analytics/refunds?from=2026-11-01&to=2026-11-30',
  },
  // Without a range: the route's own 400 (JSON), after the door let the reader in.
  {
    method: 'GET',
    url: '/api/venues/:venueId/analytics/refunds.csv',
    need: 'read',
    path: 'analytics/refunds.csv',
  },

  // ── reports & exceptions ──
  {
    method: 'GET',
    url: '/api/venues/:venueId/terminals/:terminalId/shifts/:shiftId/z',
    need: 'read',
    path: 'terminals/T9/shifts/S1/z',
  },
  {
    method: 'GET',
    url: '/api/venues/:venueId/terminals/:terminalId/shifts/:shiftId/z/print-jobs',
    need: 'read',
    path: 'terminals/T9/shifts/S1/z/print-jobs',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/terminals/:terminalId/shifts/:shiftId/z/print-jobs',
    need: 'write',
    path: 'terminals/T9/shifts/S1/z/print-jobs',
  },
  {
    method: 'GET',
    url: '/api/venues/:venueId/reports/performances',
    need: 'read',
    path: 'reports/performances',
  },

  // ── catalog & policies ──
  { method: 'GET', url: '/api/venues/:venueId/catalog', need: 'read', path: 'catalog' },
  {
    method: 'POST',
    url: '/api/venues/:venueId/performances/:performanceId/cancel',
    need: 'write',
    path: 'performances/p1/cancel',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/performances/:performanceId/postpone',
    need: 'write',
    path: 'performances/p1/postpone',
  },
  {
    method: 'PUT',
    url: '/api/venues/:venueId/refund-policies/:policyId',
    need: 'write',
    path: 'refund-policies/std',
  },
  {
    method: 'PATCH',
    url: '/api/venues/:venueId/tiers/:tierId',
    need: 'write',
    path: 'tiers/t1',
  },
  {
    method: 'PATCH',
    url: '/api/venues/:venueId/performances/:performanceId/limits',
    need: 'write',
    path: 'performances/p1/limits',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/seating-plans',
    need: 'write',
    path: 'seating-plans',
  },
  { method: 'POST', url: '/api/venues/:venueId/performances', need: 'write', path: 'performances' },
  { method: 'POST', url: '/api/venues/:venueId/events', need: 'write', path: 'events' },
  { method: 'POST', url: '/api/venues/:venueId/tiers', need: 'write', path: 'tiers' },
  { method: 'POST', url: '/api/venues/:venueId/price-rules', need: 'write', path: 'price-rules' },
  {
    method: 'DELETE',
    url: '/api/venues/:venueId/price-rules/:ruleId',
    need: 'write',
    path: 'price-rules/r1',
  },

  // ── staff, terminals, audit ──
  { method: 'GET', url: '/api/venues/:venueId/staff', need: 'read', path: 'staff' },
  {
    method: 'POST',
    url: '/api/venues/:venueId/staff/members',
    need: 'write',
    path: 'staff/members',
  },
  {
    method: 'PATCH',
    url: '/api/venues/:venueId/staff/members/:staffId',
    need: 'write',
    path: 'staff/members/olena',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/staff/members/:staffId/reset-pin',
    need: 'write',
    path: 'staff/members/olena/reset-pin',
  },
  {
    method: 'GET',
    url: '/api/venues/:venueId/terminals/overview',
    need: 'read',
    path: 'terminals/overview',
  },
  {
    method: 'PUT',
    url: '/api/venues/:venueId/terminals/:terminalId/kiosk',
    need: 'write',
    path: 'terminals/T9/kiosk',
  },
  { method: 'GET', url: '/api/venues/:venueId/audit', need: 'read', path: 'audit' },

  // ── customer refund requests ──
  {
    method: 'GET',
    url: '/api/venues/:venueId/analytics/refund-requests',
    need: 'read',
    path: 'analytics/refund-requests?from=2026-11-01&to=2026-11-30',
  },
  {
    method: 'GET',
    url: '/api/venues/:venueId/refund-requests',
    need: 'read',
    path: 'refund-requests',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-requests',
    need: 'write',
    path: 'refund-requests',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-requests/:requestId/approve',
    need: 'write',
    path: 'refund-requests/00000000-0000-4000-8000-000000000000/approve',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-requests/:requestId/decline',
    need: 'write',
    path: 'refund-requests/00000000-0000-4000-8000-000000000000/decline',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-requests/:requestId/messages',
    need: 'write',
    path: 'refund-requests/00000000-0000-4000-8000-000000000000/messages',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-requests/:requestId/retry-payout',
    need: 'write',
    path: 'refund-requests/00000000-0000-4000-8000-000000000000/retry-payout',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-requests/:requestId/renew-cash-code',
    need: 'write',
    path: 'refund-requests/00000000-0000-4000-8000-000000000000/renew-cash-code',
  },
  {
    method: 'GET',
    url: '/api/venues/:venueId/refund-request-settings',
    need: 'read',
    path: 'refund-request-settings',
  },
  {
    method: 'PUT',
    url: '/api/venues/:venueId/refund-request-settings',
    need: 'write',
    path: 'refund-request-settings',
  },

  // ── webhooks & refund-link keys (branch webhooks) ──
  { method: 'GET', url: '/api/venues/:venueId/webhook', need: 'read', path: 'webhook' },
  { method: 'PUT', url: '/api/venues/:venueId/webhook', need: 'write', path: 'webhook' },
  { method: 'DELETE', url: '/api/venues/:venueId/webhook', need: 'write', path: 'webhook' },
  {
    method: 'GET',
    url: '/api/venues/:venueId/refund-link-keys',
    need: 'read',
    path: 'refund-link-keys',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/refund-link-keys/rotate',
    need: 'write',
    path: 'refund-link-keys/rotate',
  },
  // ── feedback (issue 14 item 8) ──
  { method: 'GET', url: '/api/venues/:venueId/feedback', need: 'read', path: 'feedback' },
  // ── customer records (crm) ──
  { method: 'GET', url: '/api/venues/:venueId/customers', need: 'read', path: 'customers?q=ok' },
  {
    method: 'GET',
    url: '/api/venues/:venueId/customers/:customerKey',
    need: 'read',
    path: 'customers/cu-00000000000000000000000000000000',
  },
  {
    method: 'PUT',
    url: '/api/venues/:venueId/customers/:customerKey/consent',
    need: 'write',
    path: 'customers/cu-00000000000000000000000000000000/consent',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/customers/:customerKey/export',
    need: 'write',
    path: 'customers/cu-00000000000000000000000000000000/export',
  },
  {
    method: 'POST',
    url: '/api/venues/:venueId/customers/:customerKey/erase',
    need: 'write',
    path: 'customers/cu-00000000000000000000000000000000/erase',
  },

  // ── end ──
];

let app: FastifyInstance;
let db: Db;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  drop = fresh.drop;
  const { migrate } = await import('../../src-server/db/migrate');
  await migrate(db);
  await ensureVenue(db, DEMO_VENUE);
  await ensureManager(db, DEMO_MANAGER);
  await ensureManager(db, DEMO_SUPERVISOR);
  await ensureVenue(db, OTHER_VENUE);
  await ensureManager(db, OTHER_MANAGER);
  app = await buildServer({ db, rateLimitPerMinute: 100_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await db.close();
  await drop();
});

async function signIn(who: { venueId: string; email: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/back-office/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ venueId: who.venueId, email: who.email, password: who.password }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

async function call(
  row: (typeof TABLE)[number],
  cookie: string | null,
): Promise<{ status: number; code: string | undefined }> {
  const write = row.method !== 'GET';
  const res = await fetch(`${url}/api/venues/${DEMO_VENUE.venueId}/${row.path}`, {
    method: row.method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(write ? { 'content-type': 'application/json' } : {}),
    },
    // A body the route may well refuse as invalid: the door is decided before validation.
    ...(write ? { body: '{}' } : {}),
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as { error?: { code: string } }) : {};
  return { status: res.status, code: body.error?.code };
}

describe('back-office permission table', () => {
  it('names every venue route the server registers', () => {
    const registered = routeInventory(app)
      .filter((r) => r.url.startsWith('/api/venues/:venueId/'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(TABLE.map((r) => `${r.method} ${r.url}`).sort());
  });

  it('refuses everyone not signed in with 401, before looking at the body', async () => {
    for (const row of TABLE) {
      expect(await call(row, null), `${row.method} ${row.url}`).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
    }
  });

  it('lets a supervisor read and refuses every write with 403 read_only', async () => {
    const cookie = await signIn(DEMO_SUPERVISOR);
    for (const row of TABLE) {
      const answer = await call(row, cookie);
      if (row.need === 'write') {
        expect(answer, `${row.method} ${row.url}`).toEqual({ status: 403, code: 'read_only' });
      } else {
        expect([401, 403], `${row.method} ${row.url}: ${JSON.stringify(answer)}`).not.toContain(
          answer.status,
        );
      }
    }
  });

  it('lets a manager through every door (answers are the routes’ own, never 401/403)', async () => {
    const cookie = await signIn(DEMO_MANAGER);
    for (const row of TABLE) {
      const answer = await call(row, cookie);
      expect([401, 403], `${row.method} ${row.url}: ${JSON.stringify(answer)}`).not.toContain(
        answer.status,
      );
    }
  });

  it("refuses another venue's manager on this venue's routes with 401", async () => {
    const cookie = await signIn(OTHER_MANAGER);
    for (const row of TABLE) {
      expect(await call(row, cookie), `${row.method} ${row.url}`).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
    }
  });
});
