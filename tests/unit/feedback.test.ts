/** Customer feedback's pure parts (issue 14 item 8): the summary by week, and the words. */
import { describe, expect, it } from 'vitest';
import { summariseFeedback, weekStartOf, type FeedbackRow } from '../../shared/feedback/summary';
import { createTranslator } from '../../src-renderer/i18n/translator';
import { feedbackQuery, weeklyChart } from '../../src-renderer/manage/feedback-views';
import {
  averageWords,
  starLabel,
  starsDrawn,
  TOPIC_NAME,
} from '../../src-renderer/i18n/feedback-words';

const venue = { currency: 'UAH' as const, timeZone: 'Europe/Kyiv' };
const en = createTranslator('en', venue);
const uk = createTranslator('uk', venue);
const zh = createTranslator('zh-Hans', venue);

const row = (at: string, rating: number, extra: Partial<FeedbackRow> = {}): FeedbackRow => ({
  rating,
  topic: 'venue',
  performanceId: 'hamlet-0501',
  comment: null,
  locale: 'en',
  at,
  ...extra,
});

describe('feedback summary by week', () => {
  it('puts a day in the ISO week that starts on its Monday (UTC)', () => {
    expect(weekStartOf(Date.parse('2026-04-06T00:00:00Z'))).toBe('2026-04-06'); // a Monday
    expect(weekStartOf(Date.parse('2026-04-12T23:59:59Z'))).toBe('2026-04-06'); // its Sunday
    expect(weekStartOf(Date.parse('2026-04-13T00:00:00Z'))).toBe('2026-04-13');
    expect(weekStartOf(Date.parse('2027-01-01T12:00:00Z'))).toBe('2026-12-28'); // across a year
  });

  it('lists every week of the range, empty ones with no mean, and rounds means to 2 places', () => {
    const s = summariseFeedback(
      [
        row('2026-04-07T10:00:00Z', 5),
        row('2026-04-08T10:00:00Z', 4),
        row('2026-04-09T10:00:00Z', 4),
        row('2026-04-22T10:00:00Z', 1),
      ],
      { from: '2026-04-01', to: '2026-04-26' },
      new Map(),
    );
    expect(s.weeks).toEqual([
      { weekStart: '2026-03-30', count: 0, average: null },
      { weekStart: '2026-04-06', count: 3, average: 4.33 },
      { weekStart: '2026-04-13', count: 0, average: null },
      { weekStart: '2026-04-20', count: 1, average: 1 },
    ]);
    expect(s).toMatchObject({ count: 4, average: 3.5, byStar: [1, 0, 0, 2, 1] });
  });

  it('groups comments by topic (fixed order) and performance (most first), newest first', () => {
    const s = summariseFeedback(
      [
        row('2026-04-07T10:00:00Z', 2, { topic: 'seating', comment: 'older' }),
        row('2026-04-09T10:00:00Z', 3, { topic: 'seating', comment: 'newer' }),
        row('2026-04-08T10:00:00Z', 5, { topic: 'staff', comment: '   ', performanceId: null }),
        row('2026-04-08T11:00:00Z', 4, { topic: 'staff', performanceId: 'gone-0101' }),
      ],
      { from: '2026-04-06', to: '2026-04-12' },
      new Map([['hamlet-0501', { eventName: 'Hamlet', startsAt: '2026-05-01T16:00:00Z' }]]),
    );
    expect(s.byTopic.map((t) => [t.topic, t.count])).toEqual([
      ['seating', 2],
      ['staff', 2],
      ['refund', 0],
      ['venue', 0],
      ['other', 0],
    ]);
    expect(s.byTopic[0]!.comments.map((c) => c.comment)).toEqual(['newer', 'older']);
    // A blank comment counts in the figures, not in the list.
    expect(s.byTopic[1]!.comments).toEqual([]);
    expect(s.byPerformance[0]).toMatchObject({
      performanceId: 'hamlet-0501',
      eventName: 'Hamlet',
      count: 2,
      average: 2.5,
    });
    // One answer each: the newer first; a performance the catalog no longer has keeps its id.
    expect(s.byPerformance.slice(1).map((p) => [p.performanceId, p.eventName])).toEqual([
      ['gone-0101', null],
      [null, null],
    ]);
  });
});

describe('feedback in words', () => {
  it('names each star by number and word, with each language’s plurals', () => {
    expect(starLabel(en, 1)).toBe('1 star: Very poor');
    expect(starLabel(en, 4)).toBe('4 stars: Good');
    expect(starLabel(uk, 1)).toBe('1 зірка: Дуже погано');
    expect(starLabel(uk, 4)).toBe('4 зірки: Добре');
    expect(starLabel(uk, 5)).toBe('5 зірок: Чудово');
    expect(starLabel(zh, 3)).toBe('3 星：一般');
    expect(starsDrawn(4)).toBe('★★★★☆');
  });

  it('reads a mean to one decimal in the locale, or says there is none', () => {
    expect(averageWords(en, 3.25)).toBe('3.3 of 5');
    expect(averageWords(uk, 3.25)).toBe('3,3 з 5');
    expect(averageWords(zh, null)).toBe('暂无评分');
  });

  it('has a name for every topic in every language, none an English copy', () => {
    for (const key of Object.values(TOPIC_NAME)) {
      expect(uk.t(key)).not.toBe(en.t(key));
      expect(zh.t(key)).not.toBe(en.t(key));
    }
  });

  it('asks only for ranges the server answers; the chart leaves empty weeks as gaps', () => {
    expect(feedbackQuery('2026-04-01', '2026-04-30')).toBe(
      'feedback?from=2026-04-01&to=2026-04-30',
    );
    expect(feedbackQuery('2026-04-30', '2026-04-01')).toBeNull();
    expect(feedbackQuery('2025-01-01', '2026-04-30')).toBeNull();
    expect(feedbackQuery('', '2026-04-30')).toBeNull();
    const chart = weeklyChart(
      {
        weeks: [
          { weekStart: '2026-04-06', count: 2, average: 4.5 },
          { weekStart: '2026-04-13', count: 0, average: null },
        ],
      },
      { average: 'Average', count: 'Ratings', week: (d) => `w${d}` },
      { line: 'red', bars: 'blue' },
    );
    expect(chart.data.labels).toEqual(['w2026-04-06', 'w2026-04-13']);
    expect(chart.data.datasets[0]!.data).toEqual([4.5, Number.NaN]);
    expect(chart.data.datasets[1]!.data).toEqual([2, 0]);
  });
});
