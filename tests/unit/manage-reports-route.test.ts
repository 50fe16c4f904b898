import { describe, expect, it } from 'vitest';
import { dayHash, reportsRouteOf, zHash } from '../../src-renderer/manage/reports-views';

describe("the back office reports section's address", () => {
  it('is a day (today when none or not a date) or one Z, and round-trips its links', () => {
    expect(reportsRouteOf('#/reports')).toEqual({ view: 'day', date: null });
    expect(reportsRouteOf('#/reports/day/2026-04-01')).toEqual({ view: 'day', date: '2026-04-01' });
    expect(reportsRouteOf(dayHash('2026-12-31'))).toEqual({ view: 'day', date: '2026-12-31' });
    expect(reportsRouteOf('#/reports/day/yesterday')).toEqual({ view: 'day', date: null });
    expect(reportsRouteOf('#/reports/z/T1')).toEqual({ view: 'day', date: null });
    const odd = 'shift 7/α';
    expect(reportsRouteOf(zHash('T-2', odd))).toEqual({
      view: 'z',
      terminalId: 'T-2',
      shiftId: odd,
    });
  });
});
