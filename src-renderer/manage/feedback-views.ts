import type { FeedbackSummary } from '../../shared/feedback/contract';
import type { RefundChartConfig } from './pages/refund-chart';

/**
 * The back office's feedback page, its pure parts (issue 14 item 8): the range check and the
 * weekly chart's config from the server's summary. Tested without a browser.
 */

const DAY = 86_400_000;
/** The server answers at most this many days at once (routes/feedback.ts). */
export const MAX_FEEDBACK_DAYS = 366;

const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The query for a range of dates, or null when the range cannot be asked for. */
export function feedbackQuery(from: string, to: string): string | null {
  if (Number.isNaN(msOf(from)) || Number.isNaN(msOf(to))) return null;
  const days = (msOf(to) - msOf(from)) / DAY + 1;
  return days < 1 || days > MAX_FEEDBACK_DAYS ? null : `feedback?from=${from}&to=${to}`;
}

/**
 * The mean rating per week as a line on a 1–5 axis, with the number of ratings as bars on
 * an axis of their own; a week without ratings is a gap in the line (NaN), not a zero.
 */
export function weeklyChart(
  summary: Pick<FeedbackSummary, 'weeks'>,
  labels: {
    readonly average: string;
    readonly count: string;
    readonly week: (d: string) => string;
  },
  colours: { readonly line: string; readonly bars: string },
): RefundChartConfig {
  return {
    type: 'line',
    data: {
      labels: summary.weeks.map((w) => labels.week(w.weekStart)),
      datasets: [
        {
          type: 'line',
          label: labels.average,
          data: summary.weeks.map((w) => w.average ?? Number.NaN),
          borderColor: colours.line,
          backgroundColor: colours.line,
          spanGaps: false,
          yAxisID: 'rating',
        },
        {
          type: 'bar',
          label: labels.count,
          data: summary.weeks.map((w) => w.count),
          backgroundColor: colours.bars,
          yAxisID: 'count',
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {
        rating: { type: 'linear', position: 'left', min: 1, max: 5, ticks: { stepSize: 1 } },
        count: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          ticks: { precision: 0 },
          grid: { drawOnChartArea: false },
        },
      },
    },
  };
}
