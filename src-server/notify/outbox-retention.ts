/**
 * Personal data in the outbox does not outlive its use. A row keeps its key (venue, channel,
 * dedupe key) for good — that key is what makes a second enqueue of the same notice a no-op,
 * so forgetting it would let a cancellation announced twice, months apart, e-mail everyone
 * again — but `keepDays` after a message was sent (or failed for good) its recipient, its
 * template data (names, amounts, links) and, for e-mail and texts, the last error (a mail
 * server's refusal names the address) are blanked. Queued and sending rows are never touched:
 * they still have to go out. docs/PRIVACY.md lists this.
 */
import type { Queryable } from '../db/port';
import type { WorkerLog } from './outbox-worker';

/** OUTBOX_KEEP_DAYS: how long a sent message's recipient and data stay (1–3,650, default 30). */
export const DEFAULT_OUTBOX_KEEP_DAYS = 30;

/** Blanks the personal fields of messages finished more than `keepDays` ago; how many rows. */
export async function forgetFinishedMessages(db: Queryable, keepDays: number): Promise<number> {
  if (!Number.isInteger(keepDays) || keepDays < 1) throw new Error(`keepDays ${keepDays} < 1`);
  const rows = await db.query<{ n: number | string }>(
    `WITH forgotten AS (
       UPDATE outbox
          SET recipient = '', data = '{}'::jsonb,
              last_error = CASE WHEN channel = 'webhook' THEN last_error END
        WHERE status IN ('sent', 'failed')
          AND coalesce(sent_at, next_attempt_at, created_at) < now() - make_interval(days => $1)
          AND (recipient <> '' OR data <> '{}'::jsonb)
       RETURNING 1)
     SELECT count(*) AS n FROM forgotten`,
    [keepDays],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Runs forgetFinishedMessages at start and every `everyMs` (default 6 h) until stopped. */
export function startOutboxRetention(
  db: Queryable,
  keepDays: number,
  log: WorkerLog,
  everyMs = 6 * 60 * 60_000,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const runOnce = () => {
    running = forgetFinishedMessages(db, keepDays).then(
      (n) => {
        if (n > 0)
          log.info({ forgotten: n, keepDays }, 'outbox: personal fields of old messages blanked');
      },
      (error: unknown) => log.error({ err: error }, 'outbox: blanking old messages failed'),
    );
  };
  runOnce();
  const timer = setInterval(runOnce, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
