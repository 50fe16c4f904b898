import { join } from 'node:path';
/**
 * A real central server for till-side tests: src-server's own start-up path (migrations, demo
 * venue and manager) on PGlite in memory, listening on 127.0.0.1 port 0. Enrolment codes are
 * made over HTTP as a manager would, so a till enrols exactly as in the field.
 */
import type { ServerConfig } from '../../src-server/config';
import { serve, type RunningServer } from '../../src-server/serve';
import { DEMO_MANAGER, DEMO_VENUE } from '../../src-server/venues';

export interface SyncTestServer {
  readonly url: string;
  readonly server: RunningServer;
  readonly venueId: string;
  /** A fresh one-time enrolment code of the demo venue, made by its manager. */
  createCode(): Promise<string>;
  /** The demo venue manager's HTTP Basic `authorization` header. */
  readonly managerAuth: string;
  /** `{venueId, code}` for a till's `sync.enrol` launch option. */
  enrolment(): Promise<{ venueId: string; code: string }>;
  close(): Promise<void>;
}

export async function startSyncTestServer(
  options: { readonly dataDir?: string } = {},
): Promise<SyncTestServer> {
  const config: ServerConfig = {
    db: { kind: 'pglite', dataDir: options.dataDir ?? 'memory://' },
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    rateLimitPerMinute: 100_000,
    demo: true,
    backOfficeDir: join(process.cwd(), 'dist', 'manage'),
  };
  const server = await serve(config, false);
  const codes = demoEnrolment(server.url);
  return {
    url: server.url,
    server,
    venueId: DEMO_VENUE.venueId,
    managerAuth: codes.managerAuth,
    createCode: codes.createCode,
    enrolment: codes.enrolment,
    close: () => server.close(),
  };
}

/**
 * Enrolment at a server seeded with the demo venue, made over HTTP by its manager as in the
 * field (tests/bench/partition builds its server on a bench database and enrols through this).
 */
export function demoEnrolment(
  url: string,
): Pick<SyncTestServer, 'createCode' | 'managerAuth' | 'enrolment'> {
  const auth = `Basic ${Buffer.from(`${DEMO_MANAGER.email}:${DEMO_MANAGER.password}`).toString('base64')}`;
  const createCode = async (): Promise<string> => {
    const res = await fetch(`${url}/api/venues/${DEMO_VENUE.venueId}/enrolment-codes`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: '{}',
    });
    if (res.status !== 201)
      throw new Error(`enrolment code refused: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { code: string }).code;
  };
  return {
    managerAuth: auth,
    createCode,
    enrolment: async () => ({ venueId: DEMO_VENUE.venueId, code: await createCode() }),
  };
}

/** The venue's day report as a manager reads it (`GET …/reports/day`): its check and refunds. */
export async function dayReport(
  s: SyncTestServer,
  date: string,
): Promise<{
  status: number;
  check: { matches: boolean; totalsAreSumOfZ: boolean };
  totals: { refunds: { count: number } };
}> {
  const res = await fetch(`${s.url}/api/venues/${s.venueId}/reports/day?date=${date}`, {
    headers: { authorization: s.managerAuth },
  });
  const body = (await res.json()) as {
    check: { matches: boolean; totalsAreSumOfZ: boolean };
    totals: { refunds: { count: number } };
  };
  return { status: res.status, ...body };
}

/** A web-shop channel a manager makes; `order` posts one order and answers what it got. */
export async function webShop(s: SyncTestServer, name: string) {
  const made = await fetch(`${s.url}/api/venues/${s.venueId}/channels`, {
    method: 'POST',
    headers: { authorization: s.managerAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (made.status !== 201) throw new Error(`channel: ${made.status} ${await made.text()}`);
  const auth = `Bearer ${((await made.json()) as { token: string }).token}`;
  return {
    async order(body: object): Promise<{ seatIds: string[]; ga: Record<string, number> }> {
      const r = await fetch(`${s.url}/api/channels/web/orders`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status !== 201) throw new Error(`web order: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { order: { seatIds: string[]; ga: Record<string, number> } })
        .order;
    },
  };
}
