/**
 * A central server for the refund-request tests and bench: the real buildServer over a fresh
 * database (PGlite, or PostgreSQL under scripts/with-postgres.mjs), listening on 127.0.0.1
 * port 0, with the test's clock, the payment-provider simulator on loopback behind the real
 * HTTP adapter, a tiny table-backed notification outbox (so a rolled-back change leaves no
 * notification) and a recording cash-code hook. One till enrolled; its card and cash sales
 * are pushed through the real sync route, and a contact is attached through the real route.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { parseCashCode } from '../../shared/cash-codes';
import { refund, sell } from '../../shared/commands';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { catalogSchema, indexCatalog, type CatalogIndex } from '../../shared/catalog/catalog';
import type { DomainEntry, RefundPayload, SalePayload } from '../../shared/journal/entry-types';
import { buildServer } from '../../src-server/app';
import { seedFirstCatalog } from '../../src-server/catalog/catalogs';
import { migrate } from '../../src-server/db/migrate';
import type { Db, Queryable } from '../../src-server/db/port';
import type { NotificationRequest } from '../../src-server/notify/notification';
import { httpPaymentProvider } from '../../src-server/payments/http-payment-provider';
import type { CashCollection } from '../../src-server/requests/deps';
import {
  DEMO_MANAGER,
  DEMO_SUPERVISOR,
  DEMO_VENUE,
  ensureManager,
  ensureVenue,
} from '../../src-server/venues';
import { CATALOG_INPUT, openTill, STAFF, type Till } from '../fixtures/domain';
import {
  startPaymentProviderSimulator,
  type PaymentProviderSimulator,
} from '../support/payment-provider-simulator';
import { card, cash } from '../unit/journal-day';
import { freshDatabase, sealAs } from './harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read member by member
type Json = any;

export interface RequestsServer {
  readonly url: string;
  readonly db: Db;
  readonly provider: PaymentProviderSimulator;
  readonly cashCodes: CashCollection[];
  /** The server's clock (epoch ms): set it to put the customer days or hours before the show. */
  clock: { ms: number };
  /** Throws from the outbox for this address: the state change must roll back with it. */
  failNotificationsTo: string | null;
  request(
    method: string,
    path: string,
    body?: unknown,
    auth?: string,
  ): Promise<{ status: number; body: Json }>;
  readonly manager: string;
  readonly supervisor: string;
  readonly tillAuth: string;
  /** Sells on the till and pushes the sale; `contact` attached through the till route. */
  sale(options: {
    tickets?: number;
    paidBy?: 'card' | 'cash';
    contact?: { email?: string; phone?: string; locale: 'en' | 'uk' | 'zh-Hans' };
    /** What the cashier typed in the sale's customer field (a name, phone or e-mail). */
    customer?: string;
  }): Promise<SalePayload>;
  /** The till's own journal as sealed (what it would push), for its chain check. */
  tillJournal(): Promise<DomainEntry[]>;
  /**
   * `count` one-ticket card sales pushed in batches of 25 (a sale carries its policy: 256 KB a push) through the sync route, each with
   * an e-mail contact `customer-<i>@example.org` (stored directly: the bench's set-up).
   */
  manySales(count: number): Promise<SalePayload[]>;
  notifications(): Promise<NotificationRequest[]>;
  /** The selling till refunds tickets at its window (a credit voucher) and pushes it. */
  refundAtTill(orderId: string, ticketIds: readonly string[]): Promise<RefundPayload>;
  /**
   * The selling till pays a cash-collection code out (the refund command, under the reason
   * the code carries, as the till's cash-code service does) and pushes it.
   */
  payOutCashCode(code: string): Promise<RefundPayload>;
  /** The till fetches the venue's newest catalog (after a cancellation) and sells/refunds by it. */
  pullCatalog(): Promise<void>;
  /**
   * A request under review for a cash purchase: a manager approves it, the customer reads its
   * cash code from the status page and the selling till pays it out (payOutCashCode).
   */
  approveAndCollect(request: {
    readonly requestId: string;
    readonly statusToken: string;
  }): Promise<RefundPayload>;
  close(): Promise<void>;
}

const basic = (m: { email: string; password: string }) =>
  `Basic ${Buffer.from(`${m.email}:${m.password}`).toString('base64')}`;

/**
 * The test catalog with room for thousands of standing places on 1 May (the bench's orders)
 * and without price rules: a standing ticket is always 150.00 + 5.00, whatever has sold.
 */
const CATALOG = catalogSchema.parse({
  ...CATALOG_INPUT,
  // The server's venue, so the back office can publish changes to it (a cancellation).
  venue: { ...CATALOG_INPUT.venue, id: DEMO_VENUE.venueId },
  events: CATALOG_INPUT.events.map((e) => ({ ...e, venueId: DEMO_VENUE.venueId })),
  priceRules: [],
  performances: CATALOG_INPUT.performances.map((p) =>
    p.id === 'hamlet-0501' ? { ...p, gaCapacity: 100_000 } : p,
  ),
});

/** CATALOG with the venue's smallest coin 0.10 and a standing place at 92.81 (+ 5.00). */
function roundedCashCatalog(): typeof CATALOG {
  return catalogSchema.parse({
    ...CATALOG,
    venue: { ...CATALOG.venue, cashRoundingIncrement: 10 },
    tiers: CATALOG.tiers.map((t) =>
      t.id === 'hamlet-standing' ? { ...t, price: { amount: 9281, currency: 'UAH' } } : t,
    ),
  });
}

export async function startRequestsServer(
  options: {
    providerTimeoutMs?: number;
    publicPerMinute?: number;
    /** Another database than the test's fresh one (the bench's on-disk PGlite). */
    database?: { db: Db; drop: () => Promise<void> };
    /** The built back office and customer pages to serve (the e2e builds them). */
    backOfficeDir?: string;
    refundRequestDir?: string;
    /**
     * `record` (default): a cash approval's code is recorded in `cashCodes`, not issued;
     * `issue`: the server's own issuing (customer-service/cash-code.ts) runs.
     */
    cashCodes?: 'record' | 'issue';
    /**
     * `test` (default): notifications go to the test's own table (`notifications()`);
     * `real`: the server's transactional outbox (migration 017), for a worker to send.
     */
    outbox?: 'test' | 'real';
    /**
     * The venue's smallest coin is 0.10 and a standing place costs 92.81 + 5.00: a cash sale
     * of two (195.62) is paid 195.60, and cash refunds are rounded down to the coin.
     */
    roundedCash?: boolean;
  } = {},
): Promise<RequestsServer> {
  const { db, drop } = options.database ?? (await freshDatabase());
  await migrate(db);
  await ensureVenue(db, DEMO_VENUE);
  await ensureManager(db, DEMO_MANAGER);
  await ensureManager(db, DEMO_SUPERVISOR);
  const catalog = options.roundedCash === true ? roundedCashCatalog() : CATALOG;
  await seedFirstCatalog(db, DEMO_VENUE.venueId, catalog, 'test');
  await db.exec(`CREATE TABLE test_outbox (
    dedupe_key text PRIMARY KEY, n integer GENERATED ALWAYS AS IDENTITY, body jsonb NOT NULL)`);
  const provider = await startPaymentProviderSimulator({ timeoutDelayMs: 1_500 });
  const cashCodes: CashCollection[] = [];
  const clock = { ms: Date.parse('2026-04-02T10:00:00+03:00') };
  const server: { failNotificationsTo: string | null } = { failNotificationsTo: null };
  const app: FastifyInstance = await buildServer({
    db,
    rateLimitPerMinute: 100_000,
    publicRateLimitPerMinute: options.publicPerMinute ?? 100_000,
    now: () => clock.ms,
    ...(options.backOfficeDir ? { backOfficeDir: options.backOfficeDir } : {}),
    ...(options.refundRequestDir ? { refundRequestDir: options.refundRequestDir } : {}),
    publicBaseUrl: 'https://tickets.podil-stage.example',
    paymentProvider: httpPaymentProvider({
      baseUrl: provider.url,
      apiKey: provider.apiKey,
      timeoutMs: options.providerTimeoutMs ?? 500,
    }),
    ...(options.outbox === 'real'
      ? {}
      : {
          enqueueNotification: async (tx: Queryable, n: NotificationRequest) => {
            if (n.to === server.failNotificationsTo) throw new Error('outbox unavailable');
            await tx.query(
              `INSERT INTO test_outbox (dedupe_key, body) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING`,
              [n.dedupeKey, JSON.stringify(n)],
            );
          },
        }),
    ...(options.cashCodes === 'issue'
      ? {}
      : {
          issueCashCode: async (tx: Queryable, collection: CashCollection) => {
            await tx.query('SELECT 1');
            cashCodes.push(collection);
            return {
              expiresAt: new Date(Date.parse(collection.decidedAt) + 86_400_000).toISOString(),
            };
          },
        }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const request: RequestsServer['request'] = async (method, path, body, auth) => {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const manager = basic(DEMO_MANAGER);
  const code = await request(
    'POST',
    `/api/venues/${DEMO_VENUE.venueId}/enrolment-codes`,
    {},
    manager,
  );
  const enrolled = await request('POST', '/api/enrol', {
    venueId: DEMO_VENUE.venueId,
    code: code.body.code,
    publicKey: Buffer.from(publicKeyFromSeed(new Uint8Array(32).fill(7))).toString('base64'),
  });
  if (enrolled.status !== 201) throw new Error(`enrol: ${JSON.stringify(enrolled.body)}`);
  const terminalId = enrolled.body.terminalId as string;
  const tillAuth = `Bearer ${enrolled.body.token as string}`;
  const till: Till = openTill(STAFF.olena, '2026-04-01T10:00:00+03:00');
  // The till sells from the server's catalog (no price rules), as after a pull.
  (till as { catalog: CatalogIndex }).catalog = indexCatalog(catalog);
  // Its settings take the venue's cash rounding, as till.ts opens them.
  const increment = catalog.venue.cashRoundingIncrement;
  if (increment !== undefined)
    till.settings = { ...till.settings, cashRoundingIncrement: increment };
  const standing = catalog.tiers.find((t) => t.id === 'hamlet-standing')!;
  const standingMajor = (standing.price.amount + (standing.bookingFee?.amount ?? 0)) / 100;
  (till.inventory['hamlet-0501']!.gaAvailable as Record<string, number>)['hamlet-standing'] =
    100_000;
  let pushed = 0;
  const sellOne = async (tickets: number, paidBy: 'card' | 'cash', customer?: string) => {
    till.clock.advance(10_000);
    const total = standingMajor * tickets;
    return till.take(
      await sell(
        till.base(),
        {
          items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: tickets }],
          tenders: [paidBy === 'card' ? card(total) : cash(Math.ceil(total))],
          ...(customer !== undefined ? { customerId: customer } : {}),
        },
        STAFF.olena,
        till.ports,
      ),
    ).sale;
  };
  const pushRest = async () => {
    const sealed = await sealAs(terminalId, till.entries);
    for (let i = pushed; i < sealed.length; i += 25) {
      const res = await request(
        'POST',
        '/api/sync/push',
        { entries: sealed.slice(i, i + 25) },
        tillAuth,
      );
      if (res.status !== 200) throw new Error(`push: ${JSON.stringify(res.body)}`);
    }
    pushed = sealed.length;
  };

  return Object.assign(server, {
    url,
    db,
    provider,
    cashCodes,
    clock,
    request,
    manager,
    supervisor: basic(DEMO_SUPERVISOR),
    tillAuth,
    async sale({
      tickets = 2,
      paidBy = 'card',
      contact,
      customer,
    }: Parameters<RequestsServer['sale']>[0]) {
      const sold = await sellOne(tickets, paidBy, customer);
      await pushRest();
      if (contact) {
        const attached = await request(
          'PUT',
          '/api/terminal/order-contacts',
          { orderId: sold.orderId, ...contact },
          tillAuth,
        );
        if (attached.status !== 204) throw new Error(`contact: ${JSON.stringify(attached.body)}`);
      }
      return sold;
    },
    async manySales(count: number) {
      const sold: SalePayload[] = [];
      for (let i = 0; i < count; i++) sold.push(await sellOne(1, 'card'));
      await pushRest();
      await db.query(
        `INSERT INTO order_contacts (venue_id, order_id, email, locale, attached_by)
         SELECT $1, o, 'customer-' || n || '@example.org', 'en', 'bench'
         FROM unnest($2::text[]) WITH ORDINALITY AS x (o, n)`,
        [DEMO_VENUE.venueId, sold.map((s) => s.orderId)],
      );
      return sold;
    },
    async refundAtTill(orderId: string, ticketIds: readonly string[]) {
      till.clock.advance(60_000);
      const done = till.take(
        refund(
          { ...till.base(), order: till.order(orderId) },
          { orderId, ticketIds: [...ticketIds], method: 'voucher', reasonCode: 'customer_request' },
          STAFF.olena,
          till.ports,
        ),
      ).refund;
      await pushRest();
      return done;
    },
    async approveAndCollect({
      requestId,
      statusToken,
    }: {
      requestId: string;
      statusToken: string;
    }) {
      const approved = await this.request(
        'POST',
        `/api/venues/${DEMO_VENUE.venueId}/refund-requests/${requestId}/approve`,
        { note: '' },
        this.manager,
      );
      if (approved.status !== 200) throw new Error(`approve: ${approved.status}`);
      const status = await this.request('POST', '/api/public/refund-requests/status', {
        token: statusToken,
      });
      return this.payOutCashCode(status.body.cashCode as string);
    },
    async payOutCashCode(code: string) {
      const parsed = parseCashCode(code);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const { payload } = parsed.value;
      // The customer comes to the window after the approval: the till's clock past the server's.
      till.clock.advance(Math.max(0, clock.ms - till.ports.clock()) + 60_000);
      const paid = till.take(
        refund(
          {
            ...till.base(),
            order: till.order(payload.orderId),
            cashCode: { payload, orderRefunds: [] },
          },
          {
            orderId: payload.orderId,
            ticketIds: [...payload.ticketIds],
            method: 'cash',
            reasonCode: payload.reasonCode,
            cashCode: { requestId: payload.requestId },
          },
          STAFF.olena,
          till.ports,
        ),
      ).refund;
      await pushRest();
      return paid;
    },
    async pullCatalog() {
      const got = await request('GET', '/api/sync/catalog?after=-1', undefined, tillAuth);
      if (got.status !== 200 || got.body.catalog === null)
        throw new Error(`catalog: ${JSON.stringify(got.body)}`);
      (till as { catalog: CatalogIndex }).catalog = indexCatalog(
        catalogSchema.parse(got.body.catalog),
      );
    },
    tillJournal: () => sealAs(terminalId, till.entries),
    async notifications() {
      const rows = await db.query<{ body: unknown }>(`SELECT body FROM test_outbox ORDER BY n`);
      return rows.map(
        (r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as NotificationRequest,
      );
    },
    async close() {
      await app.close();
      await provider.close();
      await db.close();
      await drop();
    },
  });
}
