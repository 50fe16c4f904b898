/**
 * The notification outbox (issue 14 item 4) against a real SMTP server on loopback
 * (smtp-server; mailparser reads what arrived) — on PGlite and, with SERVER_TEST_DATABASE_URL,
 * on PostgreSQL. Workers are real: their own nodemailer pools over TCP, killed by cutting
 * their sockets and refusing every later database write (what a crashed process leaves).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import { smtpEmailSender } from '../../src-server/notify/email-sender';
import type { NotificationRequest } from '../../src-server/notify/notification';
import { InvalidNotificationError } from '../../src-server/notify/notification-schema';
import {
  enqueuePerformanceCancelled,
  ticketHolderContacts,
} from '../../src-server/notify/cancellation-notices';
import { enqueueNotification } from '../../src-server/notify/outbox-store';
import { OutboxWorker, type WorkerLog } from '../../src-server/notify/outbox-worker';
import { loggingSmsSender } from '../../src-server/notify/sms-sender';
import { serve } from '../../src-server/serve';
import { DEMO_VENUE, ensureVenue } from '../../src-server/venues';
import { startSmtpSink, type DataDecision, type SmtpSink } from '../support/smtp-sink';
import { DATABASE_KIND, freshDatabase } from './harness';

const FROM = '"Podil Stage" <tickets@podil-stage.example>';
const quiet: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Registered only on PostgreSQL (PGlite is one process's database: worker processes cannot
 * share it). Not `it.runIf`: a PGlite run must have no skipped test (scripts/test.mjs fails
 * one); CI runs this on PostgreSQL (scripts/with-postgres.mjs).
 */
function onPostgresOnly(name: string, fn: () => Promise<void>, timeout?: number): void {
  if (DATABASE_KIND === 'postgres') it(name, fn, timeout);
}

let db: Db;
let databaseUrl: string | null;
let drop: () => Promise<void>;
let sink: SmtpSink | null = null;
const workers: OutboxWorker[] = [];

beforeEach(async () => {
  ({ db, drop, url: databaseUrl } = await freshDatabase());
  await migrate(db);
  await ensureVenue(db, DEMO_VENUE);
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await sink?.close();
  sink = null;
  await db.close();
  await drop();
});

function worker(options: { concurrency?: number; leaseMs?: number } = {}): OutboxWorker {
  const w = new OutboxWorker({
    db,
    email: smtpEmailSender({ url: sink!.url, from: FROM, timeoutMs: 5_000 }),
    log: quiet,
    leaseMs: options.leaseMs ?? 1_000,
    idleMs: 20,
    concurrency: options.concurrency ?? 4,
    retry: { baseMs: 20, maxMs: 200, maxAttempts: 30 },
  });
  workers.push(w);
  w.start();
  return w;
}

function approved(n: number, extra: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    venueId: DEMO_VENUE.venueId,
    kind: 'request_approved',
    channel: 'email',
    to: `customer-${n}@example.org`,
    locale: 'en',
    dedupeKey: `request:R-${n}:approved`,
    data: { requestNumber: `R-${n}`, amount: '450.00 UAH', statusUrl: `https://t.example/r/${n}` },
    ...extra,
  };
}

const enqueue = (n: NotificationRequest) => db.transaction((tx) => enqueueNotification(tx, n));

async function statusCounts(): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number | string }>(
    `SELECT status, count(*) AS n FROM outbox GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function waitUntilAllSent(total: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await statusCounts()).sent !== total) {
    if (Date.now() > until)
      throw new Error(`not all sent in ${timeoutMs} ms: ${JSON.stringify(await statusCounts())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

/**
 * Issue 14's outbox run: 200 notifications, every 7th DATA refused with a 451, and `restart`
 * called twice while a message is arriving (at the 50th and 130th DATA) to kill the sending
 * worker and start another. Each message must arrive exactly once, by Message-ID and by body.
 */
async function twoHundredWithKills(
  restart: () => void,
  startFirst: () => Promise<void> | void,
): Promise<void> {
  const TOTAL = 200;
  let killed = 0;
  sink = await startSmtpSink((n): DataDecision => {
    if (n === 50 || n === 130)
      return {
        kind: 'before',
        run: () => {
          killed++;
          restart();
        },
      };
    return n % 7 === 0 ? { kind: 'refuse', code: 451 } : { kind: 'accept' };
  });
  for (let i = 0; i < TOTAL; i++)
    await enqueue(approved(1000 + i, { locale: (['en', 'uk', 'zh-Hans'] as const)[i % 3] }));
  await startFirst();
  await waitUntilAllSent(TOTAL, 120_000);
  await new Promise((r) => setTimeout(r, 1_500)); // > a lease: any late copy would show
  expect(killed).toBe(2);
  expect(sink.dataCount()).toBeGreaterThan(TOTAL + TOTAL / 7 - 1); // refusals were retried
  const byId = countBy(sink.received, (m) => m.messageId);
  const byBody = countBy(sink.received, (m) => m.text);
  expect(byId.size).toBe(TOTAL);
  expect([...byId.values()].every((c) => c === 1)).toBe(true);
  expect(byBody.size).toBe(TOTAL);
  expect([...byBody.values()].every((c) => c === 1)).toBe(true);
  expect(sink.received).toHaveLength(TOTAL);
  const retried = await db.query(`SELECT 1 FROM outbox WHERE attempts > 1`);
  expect(retried.length).toBeGreaterThanOrEqual(Math.floor(TOTAL / 7));
}

describe('notification outbox', () => {
  it('sends each message in the customer language, with a stable Message-ID', async () => {
    sink = await startSmtpSink();
    await enqueue(
      approved(1, { locale: 'uk', data: { requestNumber: 'R-1', amount: '450,00 грн' } }),
    );
    await enqueue(
      approved(2, { locale: 'zh-Hans', data: { requestNumber: 'R-2', amount: '¥45.00' } }),
    );
    await enqueue(
      approved(3, {
        kind: 'request_declined',
        dedupeKey: 'request:R-3:declined',
        data: { requestNumber: 'R-3', reason: 'The performance has already taken place.' },
      }),
    );
    worker();
    await sink.waitForCount(3, 15_000);
    await waitUntilAllSent(3, 5_000);
    const byTo = new Map(sink.received.map((m) => [m.to, m]));
    const uk = byTo.get('customer-1@example.org')!;
    expect(uk.subject).toBe('Вашу заявку на повернення № R-1 схвалено');
    expect(uk.text).toContain('Сума до повернення: 450,00 грн.');
    expect(uk.language).toBe('uk');
    expect(uk.html).toContain('<html lang="uk">');
    const zh = byTo.get('customer-2@example.org')!;
    expect(zh.subject).toBe('您的退款申请（编号 R-2）已获批准');
    expect(zh.text).toContain('退款金额：¥45.00。');
    expect(zh.language).toBe('zh-Hans');
    const en = byTo.get('customer-3@example.org')!;
    expect(en.subject).toBe('Your refund request R-3 is declined');
    expect(en.text).toContain('Reason: The performance has already taken place.');
    for (const m of sink.received)
      expect(m.messageId).toMatch(/^<[0-9a-f]{32}\.podil-stage@podil-stage\.example>$/);
    expect(sink.received).toHaveLength(3);
  });

  it('the same dedupe key enqueued twice is sent once', async () => {
    sink = await startSmtpSink();
    await enqueue(approved(7));
    await enqueue(approved(7, { data: { requestNumber: 'R-7', amount: '999.00 UAH' } }));
    worker();
    await waitUntilAllSent(1, 15_000);
    await new Promise((r) => setTimeout(r, 300)); // a second copy would have arrived by now
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.text).toContain('450.00 UAH'); // the first one enqueued
    expect((await db.query(`SELECT 1 FROM outbox`)).length).toBe(1);
  });

  it('refuses a message it cannot send, in the caller transaction', async () => {
    await expect(
      enqueue(approved(8, { kind: 'request_declined', dedupeKey: 'request:R-8:declined' })),
    ).rejects.toThrow(/request_declined message needs data\.reason/);
    await expect(enqueue(approved(9, { to: 'not an address' }))).rejects.toThrow(
      InvalidNotificationError,
    );
    await expect(enqueue(approved(10, { channel: 'sms', to: '0671234567' }))).rejects.toThrow(
      /international form/,
    );
    expect((await db.query(`SELECT 1 FROM outbox`)).length).toBe(0);
  });

  it('a permanent refusal (5xx) fails the message for good, with the reason, without retries', async () => {
    sink = await startSmtpSink((): DataDecision => ({ kind: 'refuse', code: 550 }));
    await enqueue(approved(13));
    worker();
    const until = Date.now() + 15_000;
    while ((await statusCounts()).failed !== 1) {
      if (Date.now() > until) throw new Error(JSON.stringify(await statusCounts()));
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.dataCount()).toBe(1);
    const [row] = await db.query<{ attempts: number; last_error: string }>(
      `SELECT attempts, last_error FROM outbox`,
    );
    expect(row).toEqual({ attempts: 1, last_error: expect.stringContaining('550') });
  });

  it('texts go through the SMS port (the log adapter) and are marked sent', async () => {
    const logged: Record<string, unknown>[] = [];
    const w = new OutboxWorker({
      db,
      sms: loggingSmsSender({ info: (o) => logged.push(o) }),
      log: quiet,
      idleMs: 20,
    });
    workers.push(w);
    await enqueue(approved(11, { channel: 'sms', to: '+380671234567', locale: 'uk' }));
    await enqueue(approved(12)); // e-mail: this worker has no sender for it, so it waits
    w.start();
    const until = Date.now() + 10_000;
    while (logged.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    expect(logged).toEqual([
      {
        sms: expect.objectContaining({
          to: '+380671234567',
          text: 'Вашу заявку на повернення № R-11 схвалено: https://t.example/r/11',
        }),
      },
    ]);
    expect(await statusCounts()).toEqual({ sent: 1, queued: 1 });
  });

  it('200 messages, the SMTP server failing every 7th, the worker killed twice: each arrives exactly once', async () => {
    // One send in flight per worker: the kill lands while that message is mid-DATA, never
    // between another message's 250 and its `sent` row (the window the worker cannot close).
    let current: OutboxWorker | null = null;
    await twoHundredWithKills(
      () => {
        current!.kill();
        current = worker({ concurrency: 1 });
      },
      () => {
        current = worker({ concurrency: 1 });
      },
    );
    expect(workers).toHaveLength(3);
  });

  onPostgresOnly(
    'the same with worker processes SIGKILLed mid-run (PostgreSQL)',
    async () => {
      const children: ChildProcess[] = [];
      const spawnWorker = async () => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'tests/support/outbox-worker-process.ts'],
          {
            env: { ...process.env, OUTBOX_DATABASE_URL: databaseUrl!, OUTBOX_SMTP_URL: sink!.url },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        children.push(child);
        await new Promise<void>((resolve, reject) => {
          child.stdout.once('data', () => resolve());
          child.once('exit', (code) => reject(new Error(`worker process exited (${code})`)));
        });
      };
      try {
        await twoHundredWithKills(() => {
          children.at(-1)!.kill('SIGKILL');
          void spawnWorker();
        }, spawnWorker);
        expect(children).toHaveLength(3);
        expect(children.slice(0, 2).every((c) => c.signalCode === 'SIGKILL')).toBe(true);
      } finally {
        for (const c of children) c.kill('SIGKILL');
      }
    },
    120_000,
  );

  it('a crash after the 250 and before the row is marked sends it again with the same Message-ID', async () => {
    let second: OutboxWorker | null = null;
    sink = await startSmtpSink((n): DataDecision =>
      n === 1
        ? {
            kind: 'after',
            run: () => {
              first.kill();
              second = worker();
            },
          }
        : { kind: 'accept' },
    );
    await enqueue(approved(20));
    const first = worker();
    await sink.waitForCount(2, 15_000);
    expect(second).not.toBeNull();
    await waitUntilAllSent(1, 5_000);
    // The remaining window: at least once, never lost, and recognisably the same message.
    expect(sink.received[0]!.messageId).toBe(sink.received[1]!.messageId);
    expect(sink.received[0]!.text).toBe(sink.received[1]!.text);
  });

  it('a cancelled performance with 300 holders: 300 e-mails, once each, even when cancelled twice', async () => {
    sink = await startSmtpSink((n): DataDecision =>
      n % 7 === 0 ? { kind: 'refuse', code: 451 } : { kind: 'accept' },
    );
    const holders = Array.from({ length: 300 }, (_, i) => ({
      orderId: `order-${i}`,
      email: `holder-${i}@example.org`,
      phone: null,
      locale: (['en', 'uk', 'zh-Hans'] as const)[i % 3]!,
    }));
    const performance = {
      venueId: DEMO_VENUE.venueId,
      performanceId: 'forest-song-1',
      performanceName: 'Лісова пісня',
      performanceDate: '12.12.2026 19:00',
    };
    const cancel = () =>
      db.transaction((tx) =>
        enqueuePerformanceCancelled(
          tx,
          performance,
          holders,
          (order) => `https://podil.example/refund/${order}`,
        ),
      );
    expect(await cancel()).toBe(300);
    expect(await cancel()).toBe(300); // a retried cancel queues nothing new
    worker();
    await waitUntilAllSent(300, 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.received).toHaveLength(300);
    expect(countBy(sink.received, (m) => m.to).size).toBe(300);
    const uk = sink.received.find((m) => m.to === 'holder-1@example.org')!;
    expect(uk.subject).toBe('Подію «Лісова пісня» скасовано');
    expect(uk.text).toContain('https://podil.example/refund/order-1');
    // With migration 016's order contacts the hook reads them: none attached in this test.
    const contacts = await db.transaction((tx) =>
      ticketHolderContacts(tx, DEMO_VENUE.venueId, 'forest-song-1'),
    );
    expect(contacts).toEqual([]);
  });

  it('runs in the server process when SMTP_URL is configured', async () => {
    sink = await startSmtpSink();
    const running = await serve(
      {
        db: databaseUrl
          ? { kind: 'postgres', url: databaseUrl }
          : { kind: 'pglite', dataDir: 'memory://' },
        host: '127.0.0.1',
        port: 0,
        logLevel: 'silent',
        rateLimitPerMinute: 1200,
        demo: true,
        backOfficeDir: '/nonexistent',
        outbox: { smtpUrl: sink.url, mailFrom: FROM, sms: null },
      },
      false,
    );
    try {
      await running.db.transaction((tx) => enqueueNotification(tx, approved(30)));
      await sink.waitForCount(1, 15_000);
      expect(sink.received[0]!.subject).toBe('Your refund request R-30 is approved');
    } finally {
      await running.close();
    }
  });
});
