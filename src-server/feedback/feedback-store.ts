import type {
  FeedbackGiven,
  FeedbackOpenAnswer,
  FeedbackPerformance,
  FeedbackSubmit,
  FeedbackSummary,
  FeedbackTopic,
} from '../../shared/feedback/contract';
import { summariseFeedback, type FeedbackRow } from '../../shared/feedback/summary';
import { venueDaysRange } from '../../shared/time/venue-day';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { catalogIndexOf } from '../inventory/capacity';
import { openFeedbackLink, type FeedbackLink } from './feedback-link';

/**
 * Customer feedback (issue 14 item 8, migration 024): one row per link subject — an order's
 * purchase or a paid refund request — given and edited through the e-mail's signed link while
 * it is valid, read by the back office as a summary. Nothing here is logged: a comment is the
 * customer's own words.
 */

interface StoredRow {
  rating: number;
  topic: FeedbackTopic;
  performance_id: string | null;
  comment: string | null;
  locale: FeedbackRow['locale'];
  created_at: string | Date;
  updated_at: string | Date;
}

const iso = (v: string | Date): string => new Date(v).toISOString();

const givenOf = (r: StoredRow): FeedbackGiven => ({
  rating: Number(r.rating),
  topic: r.topic,
  performanceId: r.performance_id,
  comment: r.comment,
  updatedAt: iso(r.updated_at),
});

async function storedOf(
  db: Queryable,
  link: FeedbackLink,
  lock = false,
): Promise<StoredRow | null> {
  const rows = await db.query<StoredRow>(
    `SELECT rating, topic, performance_id, comment, locale, created_at, updated_at FROM feedback
     WHERE venue_id = $1 AND subject_kind = $2 AND subject_id = $3${lock ? ' FOR UPDATE' : ''}`,
    [link.venueId, link.about, link.subjectId],
  );
  return rows[0] ?? null;
}

/** The performances of the link's order, named from the venue's newest catalog. */
async function performancesOf(db: Queryable, link: FeedbackLink): Promise<FeedbackPerformance[]> {
  const rows = await db.query<{ performance_id: string }>(
    `SELECT DISTINCT performance_id FROM tickets WHERE venue_id = $1 AND order_id = $2
     ORDER BY performance_id`,
    [link.venueId, link.orderId],
  );
  if (rows.length === 0) return [];
  const catalog = await catalogIndexOf(db, link.venueId);
  return rows.map(({ performance_id: id }) => {
    const performance = catalog.performance(id);
    const event = performance && catalog.event(performance.eventId);
    return {
      performanceId: id,
      eventName: event?.name ?? id,
      startsAt: performance?.rescheduledTo ?? performance?.startsAt ?? '',
    };
  });
}

/** The form's start: what the link is about, its order's performances, any earlier answer. */
export async function openFeedback(
  db: Queryable,
  token: string,
  nowMs: number,
): Promise<FeedbackOpenAnswer> {
  const link = await openFeedbackLink(db, token, nowMs);
  const [performances, stored] = await Promise.all([performancesOf(db, link), storedOf(db, link)]);
  return {
    about: link.about,
    performances,
    editableUntil: new Date(link.expiresAtMs).toISOString(),
    given: stored === null ? null : givenOf(stored),
  };
}

/**
 * Gives or edits the link's one feedback (the row of its subject, locked while replaced): the
 * performance must be one of the order's (422 `feedback_unknown_performance`). The time is the
 * server's clock; a blank comment is kept as none.
 */
export async function saveFeedback(
  db: Db,
  body: FeedbackSubmit,
  nowMs: number,
): Promise<{ given: FeedbackGiven; edited: boolean }> {
  const link = await openFeedbackLink(db, body.token, nowMs);
  if (body.performanceId !== null) {
    const known = await performancesOf(db, link);
    if (!known.some((p) => p.performanceId === body.performanceId)) {
      throw new HttpError(
        422,
        'feedback_unknown_performance',
        'That performance is not one of the tickets of this order: please choose one from the list.',
      );
    }
  }
  const comment = body.comment === null || body.comment === '' ? null : body.comment;
  const at = new Date(nowMs).toISOString();
  return db.transaction(async (tx) => {
    const before = await storedOf(tx, link, true);
    const rows = await tx.query<StoredRow>(
      before === null
        ? `INSERT INTO feedback (venue_id, subject_kind, subject_id, order_id, performance_id,
             rating, topic, comment, locale, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
           RETURNING rating, topic, performance_id, comment, locale, created_at, updated_at`
        : `UPDATE feedback SET performance_id = $5, rating = $6, topic = $7, comment = $8,
             locale = $9, updated_at = $10
           WHERE venue_id = $1 AND subject_kind = $2 AND subject_id = $3 AND order_id = $4
           RETURNING rating, topic, performance_id, comment, locale, created_at, updated_at`,
      [
        link.venueId,
        link.about,
        link.subjectId,
        link.orderId,
        body.performanceId,
        body.rating,
        body.topic,
        comment,
        body.locale,
        at,
      ],
    );
    return { given: givenOf(rows[0]!), edited: before !== null };
  });
}

/**
 * The back office's summary of the feedback first given on the venue's days `from`..`to`
 * (calendar days of its `timeZone`).
 */
export async function feedbackSummary(
  db: Queryable,
  venueId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<FeedbackSummary> {
  // Instants, not dates: a date alone would be read in the session's time zone.
  const range = venueDaysRange(from, to, timeZone);
  const rows = await db.query<StoredRow>(
    `SELECT rating, topic, performance_id, comment, locale, created_at, updated_at FROM feedback
     WHERE venue_id = $1 AND created_at >= $2::timestamptz AND created_at < $3::timestamptz
     ORDER BY created_at DESC`,
    [venueId, range.from, range.until],
  );
  const names = new Map<string, { eventName: string; startsAt: string }>();
  const ids = new Set(rows.map((r) => r.performance_id).filter((id) => id !== null));
  if (ids.size > 0) {
    const catalog = await catalogIndexOf(db, venueId);
    for (const id of ids) {
      const performance = catalog.performance(id);
      if (performance === undefined) continue;
      names.set(id, {
        eventName: catalog.event(performance.eventId)?.name ?? performance.eventId,
        startsAt: performance.rescheduledTo ?? performance.startsAt,
      });
    }
  }
  return summariseFeedback(
    rows.map((r) => ({
      rating: Number(r.rating),
      topic: r.topic,
      performanceId: r.performance_id,
      comment: r.comment,
      locale: r.locale,
      at: iso(r.created_at),
    })),
    { from, to },
    names,
  );
}
