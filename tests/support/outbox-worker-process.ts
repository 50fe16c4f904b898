/**
 * One outbox worker in a process of its own, for the test that SIGKILLs it mid-run (on
 * PostgreSQL: PGlite cannot be shared between processes). Env: OUTBOX_DATABASE_URL,
 * OUTBOX_SMTP_URL. Prints "ready" once polling; runs until killed.
 */
import { openDb } from '../../src-server/db/open';
import { smtpEmailSender } from '../../src-server/notify/email-sender';
import { OutboxWorker } from '../../src-server/notify/outbox-worker';

const db = await openDb({ kind: 'postgres', url: process.env.OUTBOX_DATABASE_URL! });
const worker = new OutboxWorker({
  db,
  email: smtpEmailSender({
    url: process.env.OUTBOX_SMTP_URL!,
    from: '"Podil Stage" <tickets@podil-stage.example>',
    timeoutMs: 5_000,
  }),
  log: { info: () => {}, warn: console.error, error: console.error },
  leaseMs: 1_000,
  idleMs: 20,
  // One send in flight: the kill lands mid-DATA, not between a 250 and its `sent` row.
  concurrency: 1,
  retry: { baseMs: 20, maxMs: 200, maxAttempts: 30 },
});
worker.start();
console.log('ready');
