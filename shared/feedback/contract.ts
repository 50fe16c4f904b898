import { z } from 'zod';
import { customerLocaleSchema } from '../requests/contract';

/**
 * Customer feedback's HTTP contract (issue 14 item 8): the e-mail's signed link opens the
 * form, the customer rates 1–5 with an optional comment about one of the order's performances
 * and one topic of a fixed list; the back office reads the venue's ratings and comments.
 * Both the server and the pages import these schemas.
 */

/** What a comment is about, besides the performance: a fixed list the back office groups by. */
export const FEEDBACK_TOPICS = ['seating', 'staff', 'refund', 'venue', 'other'] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];
export const feedbackTopicSchema = z.enum(FEEDBACK_TOPICS);

export const RATINGS = [1, 2, 3, 4, 5] as const;
export const ratingSchema = z.number().int().min(1).max(5);

/** The link's token as the page sends it back (in the body: never in a URL a log keeps). */
export const feedbackTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,800}\.[A-Za-z0-9_-]{43}$/, 'not a feedback link');

export const feedbackOpenRequestSchema = z.strictObject({ token: feedbackTokenSchema });

export const feedbackPerformanceSchema = z.strictObject({
  performanceId: z.string(),
  eventName: z.string(),
  startsAt: z.string(),
});
export type FeedbackPerformance = z.infer<typeof feedbackPerformanceSchema>;

/** What the customer said, as the form shows it again for an edit. */
export const feedbackGivenSchema = z.strictObject({
  rating: ratingSchema,
  topic: feedbackTopicSchema,
  performanceId: z.string().nullable(),
  comment: z.string().nullable(),
  updatedAt: z.string(),
});
export type FeedbackGiven = z.infer<typeof feedbackGivenSchema>;

/** The link opened: what it is about, until when it can be edited, and any earlier answer. */
export const feedbackOpenAnswerSchema = z.strictObject({
  about: z.enum(['order', 'request']),
  performances: z.array(feedbackPerformanceSchema),
  editableUntil: z.string(),
  given: feedbackGivenSchema.nullable(),
});
export type FeedbackOpenAnswer = z.infer<typeof feedbackOpenAnswerSchema>;

export const FEEDBACK_COMMENT_MAX = 2000;

export const feedbackSubmitSchema = z.strictObject({
  token: feedbackTokenSchema,
  rating: ratingSchema,
  topic: feedbackTopicSchema,
  performanceId: z.string().min(1).max(80).nullable().default(null),
  comment: z.string().trim().max(FEEDBACK_COMMENT_MAX).nullable().default(null),
  locale: customerLocaleSchema.default('en'),
});
export type FeedbackSubmit = z.infer<typeof feedbackSubmitSchema>;

export const feedbackSubmitAnswerSchema = z.strictObject({
  given: feedbackGivenSchema,
  /** false: the first answer; true: an earlier one was replaced */
  edited: z.boolean(),
});

// ── back office ──

export const feedbackCommentSchema = z.strictObject({
  rating: ratingSchema,
  topic: feedbackTopicSchema,
  performanceId: z.string().nullable(),
  comment: z.string(),
  locale: customerLocaleSchema,
  at: z.string(),
});
export type FeedbackComment = z.infer<typeof feedbackCommentSchema>;

/** Count and mean rating of a group; `average` null when the group is empty. */
const figures = {
  count: z.number().int().nonnegative(),
  average: z.number().nullable(),
};

export const feedbackSummarySchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  ...figures,
  /** ratings 1…5: how many gave each */
  byStar: z.array(z.number().int().nonnegative()).length(5),
  /** ISO weeks (Monday, UTC) from the one holding `from` to the one holding `to` */
  weeks: z.array(z.strictObject({ weekStart: z.string(), ...figures })),
  byTopic: z.array(
    z.strictObject({
      topic: feedbackTopicSchema,
      ...figures,
      comments: z.array(feedbackCommentSchema),
    }),
  ),
  byPerformance: z.array(
    z.strictObject({
      performanceId: z.string().nullable(),
      eventName: z.string().nullable(),
      startsAt: z.string().nullable(),
      ...figures,
      comments: z.array(feedbackCommentSchema),
    }),
  ),
});
export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;
