/**
 * The status bar's lease item (issue 12 item 6): `leaseSummary` counts the lease of the
 * performance on screen, per kind, leaving out a kind no lease is of; `leaseWords` says it
 * with the language's plurals, the time alone for today and the date otherwise.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src-renderer/i18n/translator';
import { leaseSummary, type LeaseSummary } from '../../src-renderer/inventory/lease-keeper';
import { keepLease } from '../../src-renderer/store';
import { leaseWords } from '../../src-renderer/ui/lease-words';
import { openTestDb } from './store-fixtures';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const LATER_TODAY = '2026-12-03T16:30:00Z'; // 18:30 in Kyiv
const TOMORROW = '2026-12-04T16:30:00Z';
const kyiv = { currency: 'UAH', timeZone: 'Europe/Kyiv' } as const;
const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ') ?? null;

async function tillWithLeases() {
  const db = openTestDb();
  const at = new Date(NOW).toISOString();
  await keepLease(
    db,
    {
      leaseId: 'seated',
      performanceId: 'play',
      seatIds: ['s1', 's2', 's3'],
      ga: {},
      expiresAt: TOMORROW,
    },
    at,
  );
  await keepLease(
    db,
    {
      leaseId: 'gig',
      performanceId: 'gig',
      seatIds: [],
      ga: { stand: 16 },
      expiresAt: LATER_TODAY,
    },
    at,
  );
  await keepLease(
    db,
    {
      leaseId: 'old',
      performanceId: 'play',
      seatIds: ['s9'],
      ga: {},
      expiresAt: '2026-12-03T11:00:00Z',
    },
    at,
  );
  await db.seatStates.put({ performanceId: 'play', seatId: 's1', state: 'sold' });
  return db;
}

describe('leaseSummary', () => {
  it('counts the lease of the performance on screen: a seated show has no standing places', async () => {
    const db = await tillWithLeases();
    expect(await leaseSummary(db, 'T1', NOW, 'play')).toEqual({
      seats: 2,
      ga: null,
      expiresAt: TOMORROW,
    });
    expect(await leaseSummary(db, 'T1', NOW, 'gig')).toEqual({
      seats: null,
      ga: 16,
      expiresAt: LATER_TODAY,
    });
    expect(await leaseSummary(db, 'T1', NOW, 'unleased')).toEqual({
      seats: null,
      ga: null,
      expiresAt: null,
    });
  });

  it('with no performance on screen, every live lease per kind and the first to end', async () => {
    const db = await tillWithLeases();
    expect(await leaseSummary(db, 'T1', NOW)).toEqual({
      seats: 2,
      ga: 16,
      expiresAt: LATER_TODAY,
    });
  });
});

describe('leaseWords', () => {
  const say = (locale: 'en' | 'uk' | 'zh-Hans', s: LeaseSummary) =>
    plain(leaseWords(createTranslator(locale, kyiv), s, NOW));

  it('leaves out the kind no lease is of, and the time alone for today', () => {
    expect(say('en', { seats: 4, ga: null, expiresAt: LATER_TODAY })).toBe(
      'Here: 4 seats until 6:30 PM',
    );
    expect(say('en', { seats: null, ga: 1, expiresAt: LATER_TODAY })).toBe(
      'Here: 1 standing place until 6:30 PM',
    );
    expect(say('en', { seats: 1, ga: 16, expiresAt: TOMORROW })).toBe(
      'Here: 1 seat, 16 standing places until Dec 4, 2026, 6:30 PM',
    );
    expect(say('en', { seats: null, ga: null, expiresAt: null })).toBeNull();
  });

  it('Ukrainian one/few/many, Chinese none', () => {
    const uk = (seats: number) => say('uk', { seats, ga: null, expiresAt: LATER_TODAY });
    expect([1, 4, 5, 21].map(uk)).toEqual([
      'Тут: 1 місце до 18:30',
      'Тут: 4 місця до 18:30',
      'Тут: 5 місць до 18:30',
      'Тут: 21 місце до 18:30',
    ]);
    expect(say('uk', { seats: 2, ga: 3, expiresAt: LATER_TODAY })).toBe(
      'Тут: 2 місця, 3 вхідні до 18:30',
    );
    expect(say('zh-Hans', { seats: 1, ga: 16, expiresAt: LATER_TODAY })).toBe(
      '本窗口：1 个座位，16 张站票，至 18:30',
    );
  });
});
