import {
  FEEDBACK_TOPICS,
  type FeedbackComment,
  type FeedbackSummary,
  type FeedbackTopic,
} from './contract';

/** One stored feedback as the summary reads it (`at`: when it was first given, ISO). */
export interface FeedbackRow {
  readonly rating: number;
  readonly topic: FeedbackTopic;
  readonly performanceId: string | null;
  readonly comment: string | null;
  readonly locale: FeedbackComment['locale'];
  readonly at: string;
}

const DAY = 86_400_000;

/** The Monday (UTC) of the ISO week holding `ms`, as YYYY-MM-DD. */
export function weekStartOf(ms: number): string {
  const day = Math.floor(ms / DAY);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY).toISOString().slice(0, 10);
}

/** Mean rating to two decimals, null for none (a week without feedback is a gap, not 0). */
export function averageOf(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum * 100) / count) / 100;
}

interface Tally {
  count: number;
  sum: number;
}
const add = (t: Tally, rating: number) => {
  t.count += 1;
  t.sum += rating;
};
const figuresOf = (t: Tally) => ({ count: t.count, average: averageOf(t.sum, t.count) });

/**
 * The back office's feedback page from the rows of a range of UTC days (`from`..`to`,
 * YYYY-MM-DD): mean and count per star; per ISO week, every week of the range listed (empty
 * ones with a null mean); per topic (the fixed order) and per performance (most answers first),
 * each with its comments newest first. Blank comments count in the figures, not in the lists.
 */
export function summariseFeedback(
  rows: readonly FeedbackRow[],
  range: { readonly from: string; readonly to: string },
  performanceNames: ReadonlyMap<string, { eventName: string; startsAt: string }>,
): FeedbackSummary {
  const all: Tally = { count: 0, sum: 0 };
  const byStar = [0, 0, 0, 0, 0];
  const weeks = new Map<string, Tally>();
  const lastWeek = weekStartOf(Date.parse(`${range.to}T00:00:00Z`));
  for (
    let w = weekStartOf(Date.parse(`${range.from}T00:00:00Z`));
    w <= lastWeek;
    w = new Date(Date.parse(`${w}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10)
  ) {
    weeks.set(w, { count: 0, sum: 0 });
  }
  const topics = new Map<FeedbackTopic, Tally & { comments: FeedbackComment[] }>(
    FEEDBACK_TOPICS.map((t) => [t, { count: 0, sum: 0, comments: [] }]),
  );
  const performances = new Map<string | null, Tally & { comments: FeedbackComment[] }>();

  const newestFirst = [...rows].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  for (const row of newestFirst) {
    add(all, row.rating);
    byStar[row.rating - 1]! += 1;
    const week = weeks.get(weekStartOf(Date.parse(row.at)));
    if (week) add(week, row.rating);
    const topic = topics.get(row.topic)!;
    add(topic, row.rating);
    let show = performances.get(row.performanceId);
    if (show === undefined) {
      show = { count: 0, sum: 0, comments: [] };
      performances.set(row.performanceId, show);
    }
    add(show, row.rating);
    const text = row.comment?.trim() ?? '';
    if (text !== '') {
      const comment: FeedbackComment = {
        rating: row.rating,
        topic: row.topic,
        performanceId: row.performanceId,
        comment: text,
        locale: row.locale,
        at: row.at,
      };
      topic.comments.push(comment);
      show.comments.push(comment);
    }
  }

  return {
    from: range.from,
    to: range.to,
    ...figuresOf(all),
    byStar,
    weeks: [...weeks].map(([weekStart, t]) => ({ weekStart, ...figuresOf(t) })),
    byTopic: [...topics].map(([topic, t]) => ({ topic, ...figuresOf(t), comments: t.comments })),
    byPerformance: [...performances]
      .map(([performanceId, t]) => {
        const named = performanceId === null ? undefined : performanceNames.get(performanceId);
        return {
          performanceId,
          eventName: named?.eventName ?? null,
          startsAt: named?.startsAt ?? null,
          ...figuresOf(t),
          comments: t.comments,
        };
      })
      .sort((a, b) => b.count - a.count),
  };
}
