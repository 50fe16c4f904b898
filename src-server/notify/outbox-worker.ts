/**
 * The outbox worker, one per server process: claims due messages, renders them in the
 * customer's language, sends them, and records the outcome.
 *
 * What "exactly once" rests on. A message counts as sent when the next hop (the SMTP server
 * in SMTP_URL) has answered 250 to its DATA: from then on delivery is that server's job.
 *  - Before sending, the claim is committed: status `sending`, a lease (next_attempt_at =
 *    now + leaseMs on the database's clock) and this attempt's id. Nothing is sent for a row
 *    that is not claimed, and SKIP LOCKED keeps two workers off the same row.
 *  - After the 250, the row is marked `sent` at once (the reply's text and the attempt id
 *    kept), before anything else happens to it. A refusal (4xx, a cut connection, a timeout)
 *    queues it again with backoff; a 5xx or too many attempts fail it for good, kept with
 *    the reason.
 *  - A worker that dies leaves its claims `sending`; each is due again when its lease runs
 *    out and another worker (or this one restarted) sends it: a message cut off mid-DATA was
 *    never accepted, so it is sent once.
 *  - A worker does not start a send on a claim older than half its lease (it leaves it to the
 *    reclaim), and SMTP timeouts are far below the lease, so a slow worker and a reclaiming
 *    one do not both send the same row.
 * What remains: a crash after the SMTP server's 250 and before the `sent` row commits (one
 * UPDATE, milliseconds). That message is sent again when the lease expires — at least once,
 * never lost — with the same Message-ID (derived from the row's key), which lets the
 * receiving side recognise the copy. SMTP offers no way to ask the server whether it already
 * holds a message, so this window cannot be closed from here; attempts are recorded (attempt
 * id, sent_attempt_id, sent_response) so such a case can be found afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/port';
import type { EmailSender, SendOutcome } from './email-sender';
import type { NotificationKind } from './notification';
import {
  claimDue,
  markFailed,
  markRetry,
  markSent,
  type ClaimedMessage,
  type OutboxChannel,
} from './outbox-store';
import type { SmsSender } from './sms-sender';
import type { WebhookSender } from './webhook-sender';
import { renderMessage, renderSms } from './templates/render';

export interface WorkerLog {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export interface RetryPolicy {
  /** Delay after the first failed attempt; doubled after each further one. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Attempts before a message fails for good. */
  readonly maxAttempts: number;
}

export interface OutboxWorkerOptions {
  readonly db: Db;
  readonly email?: EmailSender;
  readonly sms?: SmsSender;
  /** The venues' webhooks (events for their CRMs): signed POSTs, retried like messages. */
  readonly webhook?: WebhookSender;
  readonly log: WorkerLog;
  /** How long a claim holds before another worker may take the message (default 2 min). */
  readonly leaseMs?: number;
  /** Messages claimed at once (default 20). */
  readonly batchSize?: number;
  /** Sends in flight at once (default 4, the SMTP pool's connections). */
  readonly concurrency?: number;
  /** Wait between polls when nothing is due (default 1 s). */
  readonly idleMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Jitter source in [0, 1) (tests pass a fixed one). */
  readonly random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 30 * 60_000, maxAttempts: 12 };

/** Backoff before attempt n+1 after n failed ones: base·2^(n-1), capped, ±20 % jitter. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: number): number {
  const plain = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random));
}

/** Thrown into a dead worker's pending work: nothing it does after the kill may land. */
class WorkerKilled extends Error {}

export class OutboxWorker {
  readonly id = randomUUID();
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly idleMs: number;
  private readonly retry: RetryPolicy;
  private readonly channels: OutboxChannel[];
  private readonly db: Queryable;
  private stopping = false;
  private dead = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 20;
    this.concurrency = options.concurrency ?? 4;
    this.idleMs = options.idleMs ?? 1_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.channels = [
      ...(options.email ? (['email'] as const) : []),
      ...(options.sms ? (['sms'] as const) : []),
      ...(options.webhook ? (['webhook'] as const) : []),
    ];
    if (this.channels.length === 0) throw new Error('an outbox worker needs a sender');
    this.db = this.guarded(options.db);
  }

  /** Polls until stop() or kill(). */
  start(): void {
    // run() handles its own failures; anything else is a bug, logged rather than left as an
    // unhandled rejection that would take the server down.
    this.loop ??= this.run().catch((error: unknown) => {
      this.options.log.error({ err: error }, 'outbox: the worker stopped on an unexpected error');
    });
  }

  /** Polls now instead of after the idle wait (e.g. right after an enqueue). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Claims nothing more, lets the sends in flight finish and record their outcome. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.options.email?.close();
  }

  /**
   * Dies as a crashed process would: SMTP connections cut mid-message, no further database
   * write, in-flight outcomes never recorded. Its claims are picked up after their lease.
   */
  kill(): void {
    this.dead = true;
    this.stopping = true;
    this.options.email?.abort();
    this.wake();
  }

  private guarded(db: Db): Queryable {
    const alive = () => {
      if (this.dead) throw new WorkerKilled('outbox worker killed');
    };
    return {
      query: async (sql, params, options) => {
        alive();
        const rows = await db.query(sql, params, options);
        alive();
        return rows as never;
      },
      exec: async (sql) => {
        alive();
        await db.exec(sql);
      },
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed: ClaimedMessage[] = [];
      const attemptId = `${this.id}:${randomUUID()}`;
      try {
        claimed = await claimDue(this.db, attemptId, this.channels, this.batchSize, this.leaseMs);
      } catch (error) {
        if (error instanceof WorkerKilled) return;
        this.options.log.error({ err: error }, 'outbox: claiming messages failed');
      }
      if (claimed.length === 0) {
        await this.idle();
        continue;
      }
      await this.sendAll(claimed, performance.now());
    }
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.idleMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    }).finally(() => {
      this.wakeUp = null;
    });
  }

  private async sendAll(claimed: readonly ClaimedMessage[], claimedAt: number): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < claimed.length && !this.dead) {
        const message = claimed[next++]!;
        // Past half the lease another worker may soon reclaim it: leave it to that one.
        if (performance.now() - claimedAt > this.leaseMs / 2) continue;
        try {
          await this.deliver(message);
        } catch (error) {
          if (error instanceof WorkerKilled) return;
          this.options.log.error(
            { err: error, dedupeKey: message.dedupeKey },
            'outbox: recording an attempt failed; the message is retried after its lease',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, claimed.length) }, lane));
  }

  private async deliver(m: ClaimedMessage): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.send(m);
    } catch (error) {
      // A template or adapter bug: retried like a refusal, so a fix deployed in time sends it.
      outcome = { ok: false, permanent: false, error: String(error) };
    }
    if (this.dead) return;
    if (outcome.ok) {
      await markSent(this.db, m, outcome.response);
      return;
    }
    const final = outcome.permanent || m.attempt >= this.retry.maxAttempts;
    if (final) {
      await markFailed(this.db, m, outcome.error);
      this.options.log.warn(
        { venueId: m.venueId, dedupeKey: m.dedupeKey, attempt: m.attempt, error: outcome.error },
        'outbox: message failed for good',
      );
      return;
    }
    const delay = retryDelayMs(this.retry, m.attempt, (this.options.random ?? Math.random)());
    await markRetry(this.db, m, outcome.error, delay);
    this.options.log.info(
      { venueId: m.venueId, dedupeKey: m.dedupeKey, attempt: m.attempt, delayMs: delay },
      `outbox: send refused (${outcome.error}); retrying`,
    );
  }

  private send(m: ClaimedMessage): Promise<SendOutcome> {
    if (m.channel === 'webhook') return this.options.webhook!.send(m);
    // The customer channels' rows are NotificationKinds (checked when they were enqueued).
    const kind = m.kind as NotificationKind;
    if (m.channel === 'sms') {
      const sms = this.options.sms!;
      return sms.send({
        to: m.to,
        text: renderSms(kind, m.locale, m.data),
        messageKey: m.messageKey,
      });
    }
    const email = this.options.email!;
    const rendered = renderMessage(kind, m.locale, m.data);
    return email.send({
      messageId: `<${m.messageKey}@${email.domain}>`,
      to: m.to,
      locale: m.locale,
      ...rendered,
    });
  }
}
