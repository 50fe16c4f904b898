/**
 * Outgoing webhooks and the HTTP SMS adapter through the real outbox (issue 14 items 4 and 7,
 * branch webhooks), on PGlite and, with SERVER_TEST_DATABASE_URL, on PostgreSQL: real workers
 * POST to a receiver on 127.0.0.1 port 0 (tests/support/webhook-receiver.ts) and to the SMS
 * gateway simulator (tests/support/sms-gateway-simulator.ts). Signatures are checked here
 * with node:crypto as a receiver would, from the scheme in src-server/README.md.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import { httpSmsSender } from '../../src-server/notify/http-sms-sender';
import type { NotificationRequest } from '../../src-server/notify/notification';
import { enqueueNotification } from '../../src-server/notify/outbox-store';
import { OutboxWorker, type WorkerLog } from '../../src-server/notify/outbox-worker';
import { publishWebhookEvent } from '../../src-server/notify/webhook-events';
import { httpWebhookSender } from '../../src-server/notify/webhook-sender';
import { removeWebhook, saveWebhook } from '../../src-server/notify/webhook-settings';
import { DEMO_VENUE, ensureVenue } from '../../src-server/venues';
import {
  startSmsGatewaySimulator,
  type SmsGatewaySimulator,
} from '../support/sms-gateway-simulator';
import {
  startWebhookReceiver,
  type ReceiverDecision,
  type WebhookReceiver,
} from '../support/webhook-receiver';
import { freshDatabase } from './harness';

const VENUE = DEMO_VENUE.venueId;
const SECRET = 'whsec-podil-stage-0123456789';
const quiet: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

let db: Db;
let drop: () => Promise<void>;
let receiver: WebhookReceiver | null = null;
let gateway: SmsGatewaySimulator | null = null;
const workers: OutboxWorker[] = [];

beforeEach(async () => {
  ({ db, drop } = await freshDatabase());
  await migrate(db);
  await ensureVenue(db, DEMO_VENUE);
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await receiver?.close();
  await gateway?.close();
  receiver = null;
  gateway = null;
  await db.close();
  await drop();
});

function webhookWorker(options: { concurrency?: number } = {}): OutboxWorker {
  const w = new OutboxWorker({
    db,
    webhook: httpWebhookSender({ db, timeoutMs: 2_000 }),
    log: quiet,
    leaseMs: 1_000,
    idleMs: 20,
    concurrency: options.concurrency ?? 4,
    retry: { baseMs: 20, maxMs: 200, maxAttempts: 30 },
  });
  workers.push(w);
  w.start();
  return w;
}

async function listen(decide?: (n: number, body: string) => ReceiverDecision): Promise<string> {
  receiver = await startWebhookReceiver(decide);
  await db.transaction((tx) => saveWebhook(tx, VENUE, receiver!.url, SECRET));
  return receiver.url;
}

const publish = (subject: string, data: Record<string, string | number> = {}) =>
  db.transaction((tx) =>
    publishWebhookEvent(tx, VENUE, 'refund_request.approved', subject, {
      requestId: subject,
      amountMinor: 15_500,
      currency: 'UAH',
      ...data,
    }),
  );

async function rows(): Promise<{ status: string; attempts: number; last_error: string | null }[]> {
  const r = await db.query<{ status: string; attempts: unknown; last_error: string | null }>(
    `SELECT status, attempts, last_error FROM outbox WHERE channel = 'webhook' ORDER BY dedupe_key`,
  );
  return r.map((x) => ({ ...x, attempts: Number(x.attempts) }));
}

async function waitForRows(pred: (r: Awaited<ReturnType<typeof rows>>) => boolean, ms: number) {
  const until = Date.now() + ms;
  while (!pred(await rows())) {
    if (Date.now() > until) throw new Error(`outbox rows: ${JSON.stringify(await rows())}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** What a receiver does with the header: recompute, compare in constant time, check the age. */
function verify(header: string, body: string, secret: string, nowS: number): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('outgoing webhooks through the outbox', () => {
  it('delivers a signed event the receiver verifies (and a replayed or altered one fails)', async () => {
    await listen();
    await publish('R-1');
    webhookWorker();
    await receiver!.waitForCount(1, 10_000);
    await waitForRows((r) => r[0]?.status === 'sent', 5_000);
    const [got] = receiver!.received;
    const header = String(got!.headers['x-boxoffice-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const nowS = Math.floor(Date.now() / 1000);
    expect(verify(header, got!.body, SECRET, nowS)).toBe(true);
    // The same delivery replayed an hour later, or with its body changed, or another secret.
    expect(verify(header, got!.body, SECRET, nowS + 3_600)).toBe(false);
    expect(verify(header, got!.body.replace('15500', '99999'), SECRET, nowS)).toBe(false);
    expect(verify(header, got!.body, 'another-secret-0123456789', nowS)).toBe(false);

    const event = JSON.parse(got!.body);
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}\.podil-stage$/),
      type: 'refund_request.approved',
      venueId: VENUE,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { requestId: 'R-1', amountMinor: 15_500, currency: 'UAH' },
    });
    expect(got!.headers['x-boxoffice-event-id']).toBe(event.id);
    expect(got!.headers['x-boxoffice-event']).toBe('refund_request.approved');
    expect(got!.headers['content-type']).toBe('application/json');
  });

  it('the receiver fails twice then accepts: delivered once more, with the same id and body', async () => {
    await listen((n) => (n <= 2 ? { status: n === 1 ? 500 : 503 } : { status: 200 }));
    await publish('R-2');
    webhookWorker();
    await waitForRows((r) => r[0]?.status === 'sent', 10_000);
    await new Promise((r) => setTimeout(r, 300)); // any extra delivery would show
    const got = receiver!.received;
    expect(got.map((d) => d.answered)).toEqual([500, 503, 200]);
    expect(new Set(got.map((d) => d.headers['x-boxoffice-event-id'])).size).toBe(1);
    expect(new Set(got.map((d) => d.body)).size).toBe(1);
    expect(got.map((d) => d.headers['x-boxoffice-delivery-attempt'])).toEqual(['1', '2', '3']);
    for (const d of got) {
      const t = Number(/t=(\d+)/.exec(String(d.headers['x-boxoffice-signature']))![1]);
      expect(verify(String(d.headers['x-boxoffice-signature']), d.body, SECRET, t)).toBe(true);
    }
    expect(await rows()).toEqual([{ status: 'sent', attempts: 3, last_error: null }]);
  });

  it('the worker killed mid-delivery and a new one started: every event delivered, none lost', async () => {
    const TOTAL = 30;
    let current: OutboxWorker | null = null;
    await listen((n) => {
      if (n === 10 || n === 21) {
        // The delivering worker dies while this request is in flight; another one starts.
        current!.kill();
        current = webhookWorker({ concurrency: 1 });
        return { kind: 'cut' };
      }
      return { status: n % 7 === 0 ? 502 : 200 };
    });
    for (let i = 0; i < TOTAL; i++) await publish(`R-${100 + i}`);
    current = webhookWorker({ concurrency: 1 });
    await waitForRows((r) => r.length === TOTAL && r.every((x) => x.status === 'sent'), 30_000);
    await new Promise((r) => setTimeout(r, 1_200)); // > a lease: a late copy would show
    expect(workers).toHaveLength(3);
    const accepted = receiver!.received.filter((d) => d.answered === 200);
    const byId = new Map<string, number>();
    for (const d of accepted) {
      const id = String(d.headers['x-boxoffice-event-id']);
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    // Each event accepted exactly once (the cut ones were never accepted, then sent again).
    expect(byId.size).toBe(TOTAL);
    expect([...byId.values()].every((n) => n === 1)).toBe(true);
    expect(receiver!.received.filter((d) => d.answered === 'cut')).toHaveLength(2);
  });

  it('queues nothing for a venue without a webhook, and fails waiting events when it is removed', async () => {
    await publish('R-none');
    expect(await rows()).toEqual([]);
    await listen();
    await publish('R-3');
    await publish('R-3'); // the same event again: queued once
    expect(await rows()).toHaveLength(1);
    await db.transaction((tx) => removeWebhook(tx, VENUE));
    webhookWorker();
    await waitForRows((r) => r[0]?.status === 'failed', 5_000);
    expect((await rows())[0]!.last_error).toContain('no webhook any more');
    expect(receiver!.received).toHaveLength(0);
  });

  it('refuses an address that is not http(s) in words', async () => {
    for (const [url, words] of [
      ['ftp://crm.example.org/hooks', 'must start with https:// or http://'],
      ['javascript:alert(1)', 'must start with https:// or http://'],
      ['crm.example.org/hooks', 'is not a web address'],
      ['https://user:pw@crm.example.org/hooks', 'must not contain a user name or password'],
    ] as const) {
      await expect(
        db.transaction((tx) => saveWebhook(tx, VENUE, url, SECRET)),
        url,
      ).rejects.toThrow(words);
    }
    await expect(
      db.transaction((tx) => saveWebhook(tx, VENUE, 'https://crm.example.org/h', 'short')),
    ).rejects.toThrow('16 to 200 characters');
    expect(await db.query(`SELECT * FROM venue_webhooks`)).toEqual([]);
  });
});

describe('the HTTP SMS gateway adapter', () => {
  function smsWorker(): OutboxWorker {
    const w = new OutboxWorker({
      db,
      sms: httpSmsSender({ url: gateway!.url, apiKey: gateway!.apiKey, timeoutMs: 300 }),
      log: quiet,
      leaseMs: 5_000,
      idleMs: 20,
      retry: { baseMs: 20, maxMs: 200, maxAttempts: 10 },
    });
    workers.push(w);
    w.start();
    return w;
  }
  const text = (n: number, to = '+380671234567'): NotificationRequest => ({
    venueId: VENUE,
    kind: 'request_approved',
    channel: 'sms',
    to,
    locale: 'uk',
    dedupeKey: `request:R-${n}:approved`,
    data: { requestNumber: `R-${n}` },
  });
  const smsRows = () =>
    db.query<{
      dedupe_key: string;
      status: string;
      sent_response: string | null;
      last_error: string | null;
    }>(
      `SELECT dedupe_key, status, sent_response, last_error FROM outbox WHERE channel = 'sms'
        ORDER BY dedupe_key`,
    );
  async function waitSettled(count: number) {
    const until = Date.now() + 15_000;
    while (
      (await smsRows()).filter((r) => r.status === 'sent' || r.status === 'failed').length < count
    ) {
      if (Date.now() > until) throw new Error(JSON.stringify(await smsRows()));
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  it('sends once through 503s, a 429 and a lost answer, keeps the gateway id, and fails a rejected number for good', async () => {
    gateway = await startSmsGatewaySimulator({ timeoutDelayMs: 800 });
    gateway.next('unavailable', 2); // two 503s and a 429 ("later"), then sent
    gateway.next('throttled');
    await db.transaction((tx) => enqueueNotification(tx, text(1)));
    smsWorker();
    await waitSettled(1);
    gateway.next('timeout'); // sent, but the answer comes after the adapter gave up
    await db.transaction((tx) => enqueueNotification(tx, text(2)));
    await waitSettled(2);
    gateway.next('reject'); // an invalid number, refused for good
    await db.transaction((tx) => enqueueNotification(tx, text(3, '+380000000000')));
    await waitSettled(3);

    const r = await smsRows();
    expect(r.map((x) => x.status)).toEqual(['sent', 'sent', 'failed']);
    expect(r[0]!.sent_response).toMatch(/^gateway id SM\d+$/);
    expect(r[2]!.last_error).toBe(
      'The SMS gateway answered 400: +380000000000 is not a mobile number',
    );
    // One text a message on the phones, each under its outbox message key.
    expect(gateway.sent.map((s) => s.to)).toEqual(['+380671234567', '+380671234567']);
    expect(new Set(gateway.sent.map((s) => s.idempotencyKey)).size).toBe(2);
    expect(gateway.sent[0]!.text).toContain('R-1');
    expect(gateway.calls).toBeGreaterThanOrEqual(3 + 1 + 2 + 1);
  });
});
