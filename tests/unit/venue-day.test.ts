import { describe, expect, it } from 'vitest';
import { venueDayOf, venueDayRange, venueDaysRange } from '../../shared/time/venue-day';

const KYIV = 'Europe/Kyiv';
const hours = (r: { from: string; until: string }) =>
  (Date.parse(r.until) - Date.parse(r.from)) / 3_600_000;

describe('the venue’s calendar days', () => {
  it('a Kyiv day runs from its midnight to the next, in UTC instants', () => {
    expect(venueDayRange('2026-12-06', KYIV)).toEqual({
      from: '2026-12-05T22:00:00.000Z',
      until: '2026-12-06T22:00:00.000Z',
    });
    expect(venueDayRange('2026-07-01', KYIV).from).toBe('2026-06-30T21:00:00.000Z');
    expect(venueDayRange('2026-12-06', 'UTC').from).toBe('2026-12-06T00:00:00.000Z');
  });
  it('DST days are 23 and 25 hours long', () => {
    expect(hours(venueDayRange('2026-03-29', KYIV))).toBe(23);
    expect(hours(venueDayRange('2026-10-25', KYIV))).toBe(25);
    expect(hours(venueDayRange('2026-10-25', 'America/New_York'))).toBe(24);
    expect(hours(venueDayRange('2026-11-01', 'America/New_York'))).toBe(25);
  });
  it('an instant is on the venue’s day, not the UTC one', () => {
    expect(venueDayOf('2026-12-05T22:30:00Z', KYIV)).toBe('2026-12-06');
    expect(venueDayOf('2026-12-05T21:30:00Z', KYIV)).toBe('2026-12-05');
    // The repeated hour of 25 October (03:00–04:00 twice) is the 25th both times.
    expect(venueDayOf('2026-10-25T00:30:00Z', KYIV)).toBe('2026-10-25');
    expect(venueDayOf('2026-10-25T01:30:00Z', KYIV)).toBe('2026-10-25');
    expect(venueDayOf('2026-10-25T21:59:59Z', KYIV)).toBe('2026-10-25');
    expect(venueDayOf('2026-10-25T22:00:00Z', KYIV)).toBe('2026-10-26');
  });
  it('a range of days is the first day’s midnight to the day after the last', () => {
    expect(venueDaysRange('2026-12-01', '2026-12-31', KYIV)).toEqual({
      from: '2026-11-30T22:00:00.000Z',
      until: '2026-12-31T22:00:00.000Z',
    });
  });
});
