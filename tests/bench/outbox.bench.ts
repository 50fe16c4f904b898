import { loadavg } from 'node:os';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import { smtpEmailSender } from '../../src-server/notify/email-sender';
import { enqueueNotification } from '../../src-server/notify/outbox-store';
import { OutboxWorker } from '../../src-server/notify/outbox-worker';
import { DEMO_VENUE, ensureVenue } from '../../src-server/venues';
import { startSmtpSink } from '../support/smtp-sink';
import { atLeast, row, type BenchRow } from './harness';
import { onEachDb, openBenchDb } from './server-db';

/**
 * The notification outbox's throughput (issue 14): `outbox_messages_per_s_<db>` (≥ 100) —
 * BENCH_OUTBOX_MESSAGES (default 1,000) queued e-mails, in three languages, sent by one
 * worker (its defaults: 4 SMTP connections, 20 claimed at a time) to a real SMTP server on
 * loopback (smtp-server, every message parsed by mailparser), from the worker's start until
 * the last row is marked sent. PGlite in a temp folder and, when SERVER_TEST_DATABASE_URL or
 * DATABASE_URL names one, PostgreSQL; BENCH_OUTBOX_DB=pglite|postgres runs one. Worker, SMTP
 * server and database client share this process on a 2-core machine.
 */
const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 1_000);
const LOCALES = ['en', 'uk', 'zh-Hans'] as const;

async function sentCount(db: Db): Promise<number> {
  const rows = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM outbox WHERE status = 'sent'`,
  );
  return Number(rows[0]!.n);
}

async function benchKind(kind: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const { db, drop } = await openBenchDb(kind, 'outbox');
  const sink = await startSmtpSink();
  try {
    await migrate(db);
    await ensureVenue(db, DEMO_VENUE);
    for (let i = 0; i < MESSAGES; i += 100) {
      await db.transaction(async (tx) => {
        for (let j = i; j < Math.min(MESSAGES, i + 100); j++)
          await enqueueNotification(tx, {
            venueId: DEMO_VENUE.venueId,
            kind: 'request_paid',
            channel: 'email',
            to: `customer-${j}@example.org`,
            locale: LOCALES[j % 3]!,
            dedupeKey: `request:B-${j}:paid`,
            data: { requestNumber: `B-${j}`, amount: '450.00 UAH', statusUrl: 'https://t.example' },
          });
      });
    }
    const worker = new OutboxWorker({
      db,
      email: smtpEmailSender({ url: sink.url, from: 'tickets@podil-stage.example' }),
      log: { info: () => {}, warn: () => {}, error: console.error },
      idleMs: 10,
    });
    const load = loadavg()[0]!.toFixed(2);
    const started = performance.now();
    worker.start();
    while ((await sentCount(db)) < MESSAGES) await new Promise((r) => setTimeout(r, 25));
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    if (sink.received.length !== MESSAGES)
      throw new Error(`${sink.received.length} e-mails arrived for ${MESSAGES} sent rows`);
    return [
      row(
        `outbox_messages_per_s_${kind}`,
        MESSAGES / seconds,
        'messages/s',
        atLeast(100),
        `${MESSAGES} e-mails to loopback SMTP in ${seconds.toFixed(2)} s; load ${load}`,
      ),
    ];
  } finally {
    await sink.close();
    await db.close();
    await drop();
  }
}

export default function outboxBench(): Promise<BenchRow[]> {
  return onEachDb('BENCH_OUTBOX_DB', benchKind);
}
