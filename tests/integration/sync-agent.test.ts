import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/ipc/sync';
import { sealEntries, type JournalEntry } from '../../shared/journal/chain';
import type { CatalogResponse, PullResponse, PushResponse } from '../../shared/sync/contract';
import { createServices, type Services } from '../../src-main/services/create-services';
import { identityFileName, terminalKeyFileName } from '../../src-main/services/terminal-identity';
import type { Logger } from '../../src-main/services/logger';
import { enrolmentFileName } from '../../src-main/sync/enrolment-file';
import { headSignatureOutboxFileName } from '../../src-main/sync/head-signature-outbox';
import type { SyncLaunchOptions } from '../../src-main/sync/enrol-at-start';
import { openLiveChannel } from '../../src-main/sync/live-channel';
import { startSyncTestServer, type SyncTestServer } from '../support/sync-server';

// Main's side of sync against the real server (PGlite, loopback port 0): enrolment at start,
// the token kept by main, pushes of anchored entries only, and errors a page can act on.

const ctx = { transport: 'bridge', caller: 'test' } as const;
const AT = '2026-11-22T17:30:00.000Z';
const olena = { staffId: 'olena', role: 'cashier' } as const;

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let dir: string;
let server: SyncTestServer;
let services: Services | null = null;

async function start(sync?: SyncLaunchOptions): Promise<Services> {
  const s = await createServices({
    dataDir: dir,
    app: { name: 'x', version: '1', platform: 'linux', kiosk: false, transport: 'bridge' },
    logger: quiet,
    ...(sync ? { sync } : {}),
  });
  // Olena's PIN checked by main for the login each journal below starts with (a venue till's
  // staff come with its first pull, so main is told directly).
  await s.signIns.issue(olena);
  return s;
}

/** A login and two no-sales of `terminalId`, sealed, as the page's store would write them. */
function journal(terminalId: string): Promise<JournalEntry[]> {
  const noSale = { shiftId: 's-1', staff: olena, reason: 'change', training: false };
  return sealEntries(terminalId, null, [
    { type: 'login', at: AT, v: 1, payload: { staff: olena } },
    { type: 'no_sale', at: AT, v: 1, payload: noSale },
    { type: 'no_sale', at: AT, v: 1, payload: noSale },
  ]);
}

const asRecords = (entries: readonly JournalEntry[]) => entries.map((e) => ({ ...e }));

/** The status as the page reads it. */
async function statusOf(s: Services): Promise<SyncStatus> {
  const r = await s.dispatch('sync.status', {}, ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as SyncStatus;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sync-agent-'));
});

afterEach(async () => {
  await services?.close();
  services = null;
  await rm(dir, { recursive: true, force: true });
});

/** A real server for each test of the block. */
function withServer(): void {
  beforeEach(async () => {
    server = await startSyncTestServer();
  });
  afterEach(async () => {
    await services?.close();
    services = null;
    await server.close();
  });
}

describe('enrolment at start', () => {
  withServer();

  it('takes the id the server assigns, keeps the token in a file only main can read, and stays enrolled on restart', async () => {
    services = await start({ server: server.url, enrol: await server.enrolment() });
    const status = await statusOf(services);
    expect(status).toMatchObject({
      enrolled: true,
      terminalId: 'podil-stage-T01',
      venueId: 'podil-stage',
      server: server.url,
    });
    expect(services.config.get().terminalId).toBe('podil-stage-T01');
    // The next start reads the adopted id from main's identity file.
    expect(JSON.parse(await readFile(join(dir, identityFileName), 'utf8')).terminalId).toBe(
      'podil-stage-T01',
    );
    const file = join(dir, enrolmentFileName);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // …and so is the private key it registered the public half of.
    expect((await stat(join(dir, terminalKeyFileName))).mode & 0o777).toBe(0o600);
    const token = JSON.parse(await readFile(file, 'utf8')).token as string;
    // The page never sees the token: no answer of any sync method carries it.
    expect(JSON.stringify(status)).not.toContain(token.split('.')[2]);

    await services.close();
    // A restart with a code again (npm start passes one each time) does not enrol twice.
    services = await start({ server: server.url, enrol: await server.enrolment() });
    expect(services.config.get().terminalId).toBe('podil-stage-T01');
    const terminals = await server.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM terminals',
    );
    expect(terminals[0]!.n).toBe(1);
  });

  it("fetches the venue's catalog through main: the demo venue's first one, announced in every pull, then nothing newer", async () => {
    services = await start({ server: server.url, enrol: await server.enrolment() });
    const first = await services.dispatch('sync.catalog', { after: -1 }, ctx);
    if (!first.ok) throw new Error(first.error.message);
    const catalog = (first.value as CatalogResponse).catalog;
    expect(catalog?.venue.id).toBe('podil-stage');
    expect(catalog?.performances.length).toBeGreaterThan(0);
    const pull = await services.dispatch('sync.pull', { after: 0, limit: 10 }, ctx);
    if (!pull.ok) throw new Error(pull.error.message);
    expect((pull.value as PullResponse).catalogVersion).toBe(catalog?.version);
    const again = await services.dispatch('sync.catalog', { after: catalog!.version }, ctx);
    expect(again.ok && again.value).toEqual({ catalog: null });
  });

  it('takes the venue’s staff list as pulls announce it: PIN hashes go to main’s file only, the page hears a name list changed', async () => {
    services = await start({ server: server.url, enrol: await server.enrolment() });
    const heard: unknown[] = [];
    services.events.subscribe((event, payload) => {
      if (event === 'staff.changed') heard.push(payload);
    });
    const names = async () => {
      const r = await services!.dispatch('staff.list', {}, ctx);
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { staff: { id: string }[] }).staff.map((s) => s.id).sort();
    };
    // A venue till starts with nobody who can sign in; its first pull brings the venue's staff.
    expect(await names()).toEqual([]);
    const pull = () => services!.dispatch('sync.pull', { after: 0, limit: 10 }, ctx);
    const first = await pull();
    if (!first.ok) throw new Error(first.error.message);
    expect((first.value as PullResponse).staffVersion).toBe(0);
    expect(await names()).toEqual(['li-wei', 'olena', 'taras']);
    expect(heard).toEqual([{ version: 0 }]);
    const signIn = (staffId: string, pin: string) =>
      services!.dispatch('staff.signIn', { staffId, pin }, ctx);
    expect((await signIn('olena', '1111')).ok).toBe(true);

    // A manager hires Iryna and lets Olena go.
    const put = await fetch(`${server.url}/api/venues/podil-stage/staff`, {
      method: 'PUT',
      headers: { authorization: server.managerAuth, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: 1,
        staff: [
          { id: 'taras', name: 'Taras', role: 'supervisor' },
          { id: 'li-wei', name: 'Li Wei', role: 'manager' },
          { id: 'iryna', name: 'Iryna', role: 'cashier', pin: '7391' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    await pull();
    expect(heard).toEqual([{ version: 0 }, { version: 1 }]);
    expect(await names()).toEqual(['iryna', 'li-wei', 'taras']);
    expect((await signIn('iryna', '7391')).ok).toBe(true);
    const gone = await signIn('olena', '1111');
    expect(!gone.ok && gone.error.code).toBe('unknown_staff');
    // Kept PINs still work; nothing went to the page but names and roles.
    expect((await signIn('taras', '2222')).ok).toBe(true);
    const listed = await services.dispatch('staff.list', {}, ctx);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|salt|hash/);
    // Main's file holds the list (and its version) for the next start, hashed.
    const file = await readFile(join(dir, 'staff.json'), 'utf8');
    expect(JSON.parse(file).listVersion).toBe(1);
    expect(file).not.toContain('7391');

    // A pull announcing the version held fetches nothing and says nothing.
    await pull();
    expect(heard).toHaveLength(2);
    // The next start reads the server's list from the file, before any pull.
    await services.close();
    services = await start({ server: server.url, enrol: await server.enrolment() });
    expect(await names()).toEqual(['iryna', 'li-wei', 'taras']);
  });

  it('a used code leaves the till unenrolled, selling offline, with the reason in its status', async () => {
    const enrolment = await server.enrolment();
    services = await start({ server: server.url, enrol: enrolment });
    await services.close();
    await rm(join(dir, enrolmentFileName));
    services = await start({ server: server.url, enrol: enrolment });
    const status = await statusOf(services);
    expect(status.enrolled).toBe(false);
    expect(status.lastError).toMatch(
      /^Enrolment failed: This enrolment code is unknown at this venue, expired or already used/,
    );
    expect(await services.dispatch('sync.push', { entries: [{ seq: 1 }] }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    });
  });

  it('a till that already has journal entries keeps its id and is not enrolled', async () => {
    services = await start();
    const own = services.config.get().terminalId;
    const entries = await journal(own);
    expect(
      await services.dispatch('journal.report', { entries: asRecords(entries) }, ctx),
    ).toMatchObject({ ok: true, value: { status: 'accepted' } });
    await services.close();
    services = await start({ server: server.url, enrol: await server.enrolment() });
    expect(services.config.get().terminalId).toBe(own);
    const status = await statusOf(services);
    expect(status.lastError).toMatch(/already has journal entries/);
    expect(status.enrolled).toBe(false);
  });
});

describe('push through main', () => {
  withServer();
  beforeEach(async () => {
    services = await start({ server: server.url, enrol: await server.enrolment() });
  });

  it('sends anchored entries of this terminal and nothing else', async () => {
    const s = services!;
    const entries = await journal('podil-stage-T01');
    // Not yet anchored: main refuses to speak for entries it has not recorded.
    expect(await s.dispatch('sync.push', { entries: asRecords(entries) }, ctx)).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Entry 1 has not been recorded by this till yet; it is sent once it is.',
        details: { code: 'not_anchored' },
      },
    });
    await s.dispatch('journal.report', { entries: asRecords(entries) }, ctx);
    const pushed = await s.dispatch('sync.push', { entries: asRecords(entries) }, ctx);
    expect(pushed).toMatchObject({ ok: true, value: { head: { seq: 3, hash: entries[2]!.hash } } });
    expect(pushed.ok && (pushed.value as PushResponse).acks.map((a) => a.seq)).toEqual([1, 2, 3]);
    // Again (a lost answer): the same answer, nothing stored twice.
    expect(await s.dispatch('sync.push', { entries: asRecords(entries) }, ctx)).toEqual(pushed);
    const stored = await server.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM journal_entries',
    );
    expect(stored[0]!.n).toBe(3);
    // Another terminal's entries are refused before any request.
    const foreign = await journal('podil-stage-T09');
    expect(await s.dispatch('sync.push', { entries: asRecords(foreign) }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await statusOf(s)).lastPushAt).not.toBeNull();
  });

  it("sends the Z's signed head once the server holds the chain to it, kept across a restart until then", async () => {
    const entries = await journal('podil-stage-T01');
    await services!.dispatch('journal.report', { entries: asRecords(entries) }, ctx);
    // The Z closed offline: signed by main, nothing pushed yet, so nothing can be checked.
    const signed = await services!.dispatch('journal.signHead', {}, ctx);
    expect(signed).toMatchObject({ ok: true, value: { head: { seq: 3 } } });
    const pendingFile = join(dir, headSignatureOutboxFileName);
    expect(JSON.parse(await readFile(pendingFile, 'utf8')).pending).toHaveLength(1);
    const kept = () =>
      server.server.db.query<{ seq: number; status: string }>(
        'SELECT seq, status FROM head_signatures',
      );
    expect(await kept()).toEqual([]);

    // Main restarts before the till is back online: the signature is still waiting.
    await services!.close();
    services = await start({ server: server.url, enrol: await server.enrolment() });
    expect(
      await services.dispatch('sync.push', { entries: asRecords(entries) }, ctx),
    ).toMatchObject({ ok: true, value: { head: { seq: 3 } } });
    expect(await kept()).toEqual([{ seq: 3, status: 'verified' }]);
    expect(JSON.parse(await readFile(pendingFile, 'utf8')).pending).toEqual([]);

    // Online, a Z signed after its push goes at once (the agent knows the server's head).
    await services.dispatch('journal.signHead', {}, ctx);
    await expect.poll(kept).toHaveLength(1); // the same head, the same signature: kept once
    const raised = await server.server.db.query(
      `SELECT * FROM reconciliation_exceptions WHERE kind = 'z_signature_mismatch'`,
    );
    expect(raised).toEqual([]);
  });

  it('a server refusal comes back with its code; a server that is down is "unavailable" and recorded in the status', async () => {
    const s = services!;
    const entries = await journal('podil-stage-T01');
    await s.dispatch('journal.report', { entries: asRecords(entries) }, ctx);
    // Entry 3 without 1 and 2: the server says where to push from.
    const gap = await s.dispatch('sync.push', { entries: asRecords(entries.slice(2)) }, ctx);
    expect(gap).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!gap.ok && gap.error.details).toMatchObject({ status: 409, code: 'chain_gap' });

    await server.close();
    const down = await s.dispatch('sync.push', { entries: asRecords(entries) }, ctx);
    expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!down.ok && down.error.message).toMatch(
      /^The server at http:\/\/127\.0\.0\.1:\d+ cannot be reached: ECONNREFUSED\.$/,
    );
    expect((await statusOf(s)).lastError).toBe(!down.ok && down.error.message);
    server = await startSyncTestServer(); // afterEach closes it
  });
});

describe('the live channel', () => {
  let sse: Server;
  let url: string;
  const connections: number[] = [];

  beforeEach(async () => {
    connections.length = 0;
    sse = createServer((req, res) => {
      connections.push(Date.now());
      if (req.headers.authorization !== 'Bearer tok') {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // A heartbeat, an event split across two writes, an unknown event, then a close.
      res.write(': heartbeat\n\n');
      res.write('event: feed\ndata: {"cur');
      setTimeout(() => {
        res.write(
          'sor": 7}\n\nevent: other\ndata: {}\n\nevent: feed\r\ndata: {"cursor": 9}\r\n\r\n',
        );
        setTimeout(() => res.end(), 20);
      }, 20);
    });
    await new Promise<void>((resolve) => sse.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(sse.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    sse.closeAllConnections();
    await new Promise((resolve) => sse.close(resolve));
  });

  it('turns feed events into cursors, ignores the rest, and reconnects after the stream ends', async () => {
    const cursors: number[] = [];
    const live: boolean[] = [];
    const channel = openLiveChannel({
      server: url,
      token: 'tok',
      logger: quiet,
      onFeed: (c) => cursors.push(c),
      onLive: (up) => live.push(up),
      minDelayMs: 10,
      maxDelayMs: 20,
    });
    try {
      await expect.poll(() => connections.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      expect(cursors.slice(0, 2)).toEqual([7, 9]);
      expect(live.slice(0, 2)).toEqual([true, false]);
    } finally {
      channel.close();
    }
  });

  it('a refused token never reports the channel as live', async () => {
    const live: boolean[] = [];
    const channel = openLiveChannel({
      server: url,
      token: 'wrong',
      logger: quiet,
      onFeed: () => undefined,
      onLive: (up) => live.push(up),
      minDelayMs: 10,
      maxDelayMs: 20,
    });
    try {
      await expect.poll(() => connections.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      expect(live.every((up) => !up)).toBe(true);
    } finally {
      channel.close();
    }
  });
});

describe('customer look-up through main (crm)', () => {
  withServer();

  it("asks the server as the terminal for its venue's customers; unenrolled, it says so", async () => {
    services = await start({ server: server.url, enrol: await server.enrolment() });
    await server.server.db.query(
      `INSERT INTO order_contacts (venue_id, order_id, email, locale, attached_by)
       VALUES ('podil-stage', 'o-crm-1', 'oksana@example.org', 'uk', 'test')`,
    );
    const found = await services.dispatch('customers.search', { q: 'Oksana@Example.org' }, ctx);
    if (!found.ok) throw new Error(found.error.message);
    const hits = (found.value as { customers: { customerKey: string; contact: string }[] })
      .customers;
    expect(hits).toMatchObject([{ contact: 'oksana@example.org', orders: 1 }]);
    const record = await services.dispatch(
      'customers.record',
      { customerKey: hits[0]!.customerKey },
      ctx,
    );
    expect(record).toMatchObject({
      ok: true,
      value: { contact: 'oksana@example.org', locale: 'uk' },
    });
    // The customer at the window agrees to marketing: recorded as given there, by this till.
    const consent = await services.dispatch(
      'customers.consent',
      { contact: 'oksana@example.org', given: true },
      ctx,
    );
    expect(consent).toMatchObject({
      ok: true,
      value: {
        marketingConsent: true,
        consentChanges: [{ given: true, source: 'window', recordedBy: 'terminal:podil-stage-T01' }],
      },
    });
    const refused = await services.dispatch('customers.search', { q: 'o' }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });

    // A till that was never enrolled (its own data folder) has no server to ask.
    await services.close();
    await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'sync-agent-'));
    services = await start();
    expect(await services.dispatch('customers.search', { q: 'oksana' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    });
  });
});
