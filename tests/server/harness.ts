/**
 * The server under test: built by src-server's own buildServer over a fresh database —
 * PGlite in memory by default, or, when SERVER_TEST_DATABASE_URL names a PostgreSQL server
 * (scripts/with-postgres.mjs sets it), a database created for this one test and dropped
 * after. Listens on 127.0.0.1 port 0 and is reached over real HTTP.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { catalogSchema, type Catalog } from '../../shared/catalog/catalog';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { sealEntries, type JournalDraft } from '../../shared/journal/chain';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { buildServer } from '../../src-server/app';
import { migrate } from '../../src-server/db/migrate';
import { openDb } from '../../src-server/db/open';
import { openPgliteDb } from '../../src-server/db/pglite-db';
import type { Db } from '../../src-server/db/port';
import { FeedNotifier } from '../../src-server/sync/feed-notifier';
import { DEMO_MANAGER, DEMO_VENUE, ensureManager, ensureVenue } from '../../src-server/venues';
import { CATALOG_INPUT } from '../fixtures/domain';

export const OTHER_VENUE = { venueId: 'lviv-hall', name: 'Lviv Hall', currency: 'UAH' } as const;
export const OTHER_MANAGER = {
  venueId: 'lviv-hall',
  email: 'oksana@lviv-hall.example',
  name: 'Oksana',
  password: 'other-manager-pass',
} as const;

const POSTGRES_URL = process.env.SERVER_TEST_DATABASE_URL;
export const DATABASE_KIND = POSTGRES_URL ? 'postgres' : 'pglite';

// Tests read JSON answers member by member and assert on them; typing each answer would
// restate the API in the tests (the typed client comes with the sync client).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Response<T = Json> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface EnrolledTill {
  readonly terminalId: string;
  readonly token: string;
  readonly publicKey: string;
  readonly venueId: string;
  /** The Ed25519 seed of its terminal key (what main holds): signs its Z heads in tests. */
  readonly seed: Uint8Array;
}

export interface TestServer {
  readonly url: string;
  readonly db: Db;
  /** The PostgreSQL database's URL (a second server node can open it), null on PGlite. */
  readonly databaseUrl: string | null;
  /** The notifier of the server's live streams. */
  readonly feed: FeedNotifier;
  request<T = Json>(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string; auth?: string },
  ): Promise<Response<T>>;
  managerAuth(manager?: { email: string; password: string }): string;
  createCode(venueId?: string, manager?: { email: string; password: string }): Promise<string>;
  enrol(venueId?: string, name?: string): Promise<EnrolledTill>;
  push(till: Pick<EnrolledTill, 'token'>, entries: readonly unknown[]): Promise<Response>;
  /** Every table's rows, ordered: compared before and after a refused request. */
  snapshot(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

let pgliteTemplate: Promise<Blob> | undefined;

/** One migrated PGlite per test process, dumped; every test opens its own copy of it. */
function template(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const db = await openPgliteDb('memory://');
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    return dump;
  })();
  return pgliteTemplate;
}

/** A database of its own for one test: migrated PGlite in memory, or a new PostgreSQL database. */
export async function freshDatabase(): Promise<{
  db: Db;
  url: string | null;
  drop: () => Promise<void>;
}> {
  if (!POSTGRES_URL) {
    return {
      db: await openPgliteDb('memory://', await template()),
      url: null,
      drop: async () => {},
    };
  }
  const name = `bo_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ kind: 'postgres', url: url.toString() });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: POSTGRES_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

const TABLES = [
  'venues',
  'managers',
  'enrolment_codes',
  'terminals',
  'journal_entries',
  'reconciliation_exceptions',
  'shifts',
  'orders',
  'tickets',
  'catalogs',
  'staff_lists',
  'inventory_performances',
  'inventory_holds',
  'inventory_leases',
  'inventory_sales',
  'channels',
  'head_signatures',
];

export async function startServer(
  options: {
    rateLimitPerMinute?: number;
    liveHeartbeatMs?: number;
    /** The built back office to serve at /manage (e2e tests build it into a temp folder). */
    backOfficeDir?: string;
    /** Where customers reach the server (links in their messages). */
    publicBaseUrl?: string;
  } = {},
): Promise<TestServer> {
  const { db, url: databaseUrl, drop } = await freshDatabase();
  await migrate(db);
  await ensureVenue(db, DEMO_VENUE);
  await ensureManager(db, DEMO_MANAGER);
  await ensureVenue(db, OTHER_VENUE);
  await ensureManager(db, OTHER_MANAGER);
  const feed = new FeedNotifier();
  const app = await buildServer({
    db,
    feed,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
    ...(options.liveHeartbeatMs ? { liveHeartbeatMs: options.liveHeartbeatMs } : {}),
    ...(options.backOfficeDir ? { backOfficeDir: options.backOfficeDir, demo: true } : {}),
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const managerAuth = (m: { email: string; password: string } = DEMO_MANAGER) =>
    `Basic ${Buffer.from(`${m.email}:${m.password}`).toString('base64')}`;

  const request: TestServer['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.auth) headers.authorization = options.auth;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };

  let seed = 1;
  const server: TestServer = {
    url,
    db,
    databaseUrl,
    feed,
    request,
    managerAuth,
    async createCode(
      venueId = DEMO_VENUE.venueId,
      manager = venueId === DEMO_VENUE.venueId ? DEMO_MANAGER : OTHER_MANAGER,
    ) {
      const res = await request('POST', `/api/venues/${venueId}/enrolment-codes`, {
        body: {},
        auth: managerAuth(manager),
      });
      if (res.status !== 201) throw new Error(`code: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.code as string;
    },
    async enrol(venueId = DEMO_VENUE.venueId, name) {
      const code = await server.createCode(venueId);
      const keySeed = new Uint8Array(32).fill(seed++);
      const publicKey = Buffer.from(publicKeyFromSeed(keySeed)).toString('base64');
      const res = await request('POST', '/api/enrol', {
        body: { venueId, code, publicKey, ...(name ? { name } : {}) },
      });
      if (res.status !== 201) throw new Error(`enrol: ${res.status} ${JSON.stringify(res.body)}`);
      return {
        terminalId: res.body.terminalId,
        token: res.body.token,
        publicKey,
        venueId,
        seed: keySeed,
      };
    },
    push: (till, entries) =>
      request('POST', '/api/sync/push', { body: { entries }, auth: `Bearer ${till.token}` }),
    async snapshot() {
      const out: Record<string, unknown[]> = {};
      for (const table of TABLES) {
        out[table] = await db.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`);
      }
      return out;
    },
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
  };
  return server;
}

/** A till's drafts sealed as the terminal the server enrolled (its id is in every entry). */
export async function sealAs(
  terminalId: string,
  drafts: readonly JournalDraft[],
): Promise<DomainEntry[]> {
  return (await sealEntries(terminalId, null, drafts)) as DomainEntry[];
}

/**
 * The unit fixtures' catalog as `venueId`'s (so a till's fixture day names its performances),
 * at `version`, with `venue` fields changed (lease limits, …).
 */
export function fixtureCatalog(
  venueId: string,
  version = 1,
  venue: Partial<typeof CATALOG_INPUT.venue> = {},
): Catalog {
  return catalogSchema.parse({
    ...CATALOG_INPUT,
    version,
    venue: { ...CATALOG_INPUT.venue, ...venue, id: venueId },
    events: CATALOG_INPUT.events.map((e) => ({ ...e, venueId })),
  });
}

/**
 * The domain fixtures' catalog published as `venueId`'s version 1 by its manager, as a back
 * office would: the starting point of the catalog-editing tests.
 */
export async function publishFixtureCatalog(server: TestServer, venueId: string): Promise<void> {
  const catalog = fixtureCatalog(venueId);
  const put = await server.request('PUT', `/api/venues/${venueId}/catalog`, {
    body: catalog,
    auth: server.managerAuth(),
  });
  if (put.status !== 200) throw new Error(`publishing the fixture catalog: ${put.status}`);
}

/** The newest catalog as `till` pulls it. */
export async function pulledCatalog(server: TestServer, till: EnrolledTill): Promise<Catalog> {
  const got = await server.request('GET', '/api/sync/catalog?after=-1', {
    auth: `Bearer ${till.token}`,
  });
  if (got.status !== 200) throw new Error(`pulling the catalog: ${got.status}`);
  return catalogSchema.parse((got.body as { catalog: unknown }).catalog);
}
