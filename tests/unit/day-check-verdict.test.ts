/**
 * The day report's check box (dayCheckVerdict): a day whose shifts ran but none has closed
 * says there is nothing to compare yet ('pending'), never "the closed shifts match" — the
 * fresh-eyes review read that on the evening view, above "No shift was closed this day".
 */
import { describe, expect, it } from 'vitest';
import { dayCheckVerdict } from '../../src-renderer/manage/reports-views';
import type { DayReportView } from '../../src-renderer/manage/views';

type Input = Pick<DayReportView, 'check' | 'terminals'>;
type Terminal = DayReportView['terminals'][number];

const terminal = (terminalId: string, zs: number): Terminal =>
  ({
    terminalId,
    totals: {},
    zReports: Array.from({ length: zs }, (_, i) => ({ shiftId: `${terminalId}-s${i}` })),
  }) as unknown as Terminal;

function day(opts: {
  terminals: Terminal[];
  partial?: number;
  matches?: boolean;
  sumOfZ?: boolean;
}): Input {
  return {
    terminals: opts.terminals,
    check: {
      matches: opts.matches ?? true,
      totalsAreSumOfZ: opts.sumOfZ ?? false,
      partialShifts: Array.from({ length: opts.partial ?? 0 }, (_, i) => ({
        terminalId: `T${i + 1}`,
        shiftId: `open-${i}`,
        state: 'open_at_day_end' as const,
      })),
    },
  };
}

describe('the day check verdict', () => {
  it('no shift touched the day: none', () => {
    expect(dayCheckVerdict(day({ terminals: [] }))).toBe('none');
  });

  it('every shift of the day closed and summed: equal', () => {
    expect(dayCheckVerdict(day({ terminals: [terminal('T1', 1)], sumOfZ: true }))).toBe('equal');
  });

  it('closed shifts whose figures differ from their Zs: mismatch', () => {
    expect(
      dayCheckVerdict(day({ terminals: [terminal('T1', 1)], partial: 1, matches: false })),
    ).toBe('mismatch');
  });

  it('one shift closed, another still open: partial', () => {
    expect(
      dayCheckVerdict(day({ terminals: [terminal('T1', 1), terminal('T2', 0)], partial: 1 })),
    ).toBe('partial');
  });

  it('shifts ran but none has closed yet: pending, not "the closed shifts match"', () => {
    expect(
      dayCheckVerdict(day({ terminals: [terminal('T1', 0), terminal('T2', 0)], partial: 2 })),
    ).toBe('pending');
  });
});
