/**
 * Outbox retention: a finished message's personal fields are blanked after the venue's
 * keep period, its key stays (a repeated notice is still sent once), and nothing still to
 * be sent is touched. PGlite, and PostgreSQL with SERVER_TEST_DATABASE_URL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src-server/config';
import { migrate } from '../../src-server/db/migrate';
import type { Db } from '../../src-server/db/port';
import type { NotificationRequest } from '../../src-server/notify/notification';
import { forgetFinishedMessages } from '../../src-server/notify/outbox-retention';
import { enqueueNotification } from '../../src-server/notify/outbox-store';
import { DEMO_VENUE, ensureVenue } from '../../src-server/venues';
import { freshDatabase } from './harness';

let db: Db;
let drop: () => Promise<void>;

beforeEach(async () => {
  ({ db, drop } = await freshDatabase());
  await migrate(db);
  await ensureVenue(db, DEMO_VENUE);
});
afterEach(async () => {
  await db.close();
  await drop();
});

function notice(n: number, channel: 'email' | 'sms' = 'email'): NotificationRequest {
  return {
    venueId: DEMO_VENUE.venueId,
    kind: 'request_approved',
    channel,
    to: channel === 'email' ? `customer-${n}@example.org` : `+38067000000${n}`,
    locale: 'uk',
    dedupeKey: `request:R-${n}:approved`,
    data: { requestNumber: `R-${n}`, amount: '450.00 UAH', statusUrl: `https://t.example/r/${n}` },
  };
}

const enqueue = (n: NotificationRequest) => db.transaction((tx) => enqueueNotification(tx, n));

/** Sets a row's state and its finishing time `daysAgo` days back on the database's clock. */
async function finish(n: number, status: 'sent' | 'failed' | 'queued', daysAgo: number) {
  await db.query(
    `UPDATE outbox SET status = $2,
            sent_at = CASE WHEN $2 = 'sent' THEN now() - make_interval(days => $3) END,
            next_attempt_at = now() - make_interval(days => $3),
            created_at = now() - make_interval(days => $3 + 1),
            last_error = CASE WHEN $2 = 'failed' THEN '550 no such user customer-' || $4 || '@example.org' END
      WHERE dedupe_key = $1`,
    [`request:R-${n}:approved`, status, daysAgo, String(n)],
  );
}

interface Row {
  dedupe_key: string;
  status: string;
  recipient: string;
  data: unknown;
  last_error: string | null;
}

async function rows(): Promise<Map<string, Row>> {
  const all = await db.query<Row>(
    `SELECT dedupe_key, status, recipient, data, last_error FROM outbox ORDER BY dedupe_key`,
  );
  return new Map(all.map((r) => [r.dedupe_key.split(':')[1]!, r]));
}

const parsed = (data: unknown) => (typeof data === 'string' ? JSON.parse(data) : data) as object;

describe('outbox retention', () => {
  it('blanks who and what of messages finished before the keep period, and nothing else', async () => {
    for (const n of [1, 2, 3, 4, 5]) await enqueue(notice(n, n === 2 ? 'sms' : 'email'));
    await finish(1, 'sent', 31); // old e-mail: forgotten
    await finish(2, 'sent', 45); // old text: forgotten
    await finish(3, 'failed', 40); // failed for good long ago: forgotten, error too
    await finish(4, 'sent', 29); // inside the 30 days: kept
    await finish(5, 'queued', 60); // still to be sent (a sender was never set up): kept

    expect(await forgetFinishedMessages(db, 30)).toBe(3);
    const after = await rows();
    for (const r of ['R-1', 'R-2', 'R-3']) {
      expect(after.get(r)!.recipient, r).toBe('');
      expect(parsed(after.get(r)!.data), r).toEqual({});
      expect(after.get(r)!.last_error, r).toBeNull();
    }
    expect(after.get('R-3')!.status).toBe('failed');
    expect(after.get('R-4')!.recipient).toBe('customer-4@example.org');
    expect(parsed(after.get('R-4')!.data)).toMatchObject({ requestNumber: 'R-4' });
    expect(after.get('R-5')!.recipient).toBe('customer-5@example.org');
    expect(after.get('R-5')!.status).toBe('queued');

    // Idempotent: a second pass finds nothing more to blank.
    expect(await forgetFinishedMessages(db, 30)).toBe(0);
    // The key stays: the same notice enqueued again is still not sent a second time.
    await enqueue(notice(1));
    const again = await rows();
    expect(again.get('R-1')!.status).toBe('sent');
    expect(again.get('R-1')!.recipient).toBe('');
    expect(again.size).toBe(5);
  });

  it('a shorter keep period reaches newer messages; nonsense is refused', async () => {
    await enqueue(notice(7));
    await finish(7, 'sent', 3);
    expect(await forgetFinishedMessages(db, 30)).toBe(0);
    expect(await forgetFinishedMessages(db, 2)).toBe(1);
    await expect(forgetFinishedMessages(db, 0)).rejects.toThrow(/keepDays/);
  });

  it('OUTBOX_KEEP_DAYS: 30 by default, 1–3650, anything else stops the start in words', () => {
    expect(configFromEnv({}, '/tmp').outboxKeepDays).toBe(30);
    expect(configFromEnv({ OUTBOX_KEEP_DAYS: '90' }, '/tmp').outboxKeepDays).toBe(90);
    for (const bad of ['0', '3651', 'abc', '1.5'])
      expect(() => configFromEnv({ OUTBOX_KEEP_DAYS: bad }, '/tmp')).toThrow(
        /OUTBOX_KEEP_DAYS .* is not a number of days/,
      );
  });
});
