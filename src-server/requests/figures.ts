import { venueDaysRange } from '../../shared/time/venue-day';
import { venueTimeZone } from '../catalog/venue-zone';
import { HttpError } from '../http-error';
import type { Queryable } from '../db/port';
import type { RequestFigures } from '../../shared/requests/contract';

const DAY_MS = 86_400_000;

/**
 * The refund requests that arrived from `from` to `to` (the venue's days, calendar days of its
 * time zone, both included, at most 366)
 * counted by channel, by how they were decided (at once by the policy, by a manager, declined,
 * or still waiting), by reason, and the hours each decided one took: what the back office's
 * refund analytics read about requests (issue 14 item 9).
 */
export async function requestFigures(
  db: Queryable,
  venueId: string,
  from: string,
  to: string,
): Promise<RequestFigures> {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (!(days >= 1 && days <= 366)) {
    throw new HttpError(400, 'invalid_range', 'Ask for 1 to 366 days, the first day first.');
  }
  const range = venueDaysRange(from, to, await venueTimeZone(db, venueId));
  const [start, end] = [Date.parse(range.from), Date.parse(range.until)];
  const rows = await db.query<{
    dim: string;
    key: string;
    n: number;
    median: number | null;
    p90: number | null;
  }>(
    `WITH r AS (
       SELECT channel, reason_code, created_at, decided_at,
         CASE WHEN state = 'declined' THEN 'declined'
              WHEN decided_by = 'system' THEN 'auto_approved'
              WHEN state IN ('approved', 'paid') THEN 'manager_approved'
              ELSE 'pending' END AS outcome
       FROM refund_requests
       WHERE venue_id = $1 AND created_at >= $2 AND created_at < $3)
     SELECT 'channel' AS dim, channel AS key, count(*)::int AS n, NULL::float8 AS median, NULL::float8 AS p90 FROM r GROUP BY channel
     UNION ALL SELECT 'outcome', outcome, count(*)::int, NULL, NULL FROM r GROUP BY outcome
     UNION ALL SELECT 'reason', reason_code, count(*)::int, NULL, NULL FROM r GROUP BY reason_code
     UNION ALL SELECT 'decided', '', count(*)::int,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at) / 3600),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at) / 3600)
       FROM r WHERE decided_at IS NOT NULL`,
    [venueId, new Date(start), new Date(end)],
  );
  const of = (dim: string) => rows.filter((r) => r.dim === dim);
  const decided = of('decided')[0];
  const round = (h: number | null | undefined) =>
    h === null || h === undefined ? null : Math.round(Number(h) * 10) / 10;
  return {
    from,
    to,
    total: of('channel').reduce((n, r) => n + Number(r.n), 0),
    byChannel: of('channel').map((r) => ({
      channel: r.key as 'web' | 'phone',
      count: Number(r.n),
    })),
    byOutcome: of('outcome').map((r) => ({
      outcome: r.key as RequestFigures['byOutcome'][number]['outcome'],
      count: Number(r.n),
    })),
    byReason: of('reason')
      .map((r) => ({ reason: r.key, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    decisionHours: {
      decided: Number(decided?.n ?? 0),
      median: round(decided?.median),
      p90: round(decided?.p90),
    },
  };
}
