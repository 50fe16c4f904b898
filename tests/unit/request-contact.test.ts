import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../../shared/requests/contact';
import { answerDue, answerDueAt } from '../../src-server/requests/answer-time';
import { createTranslator } from '../../src-renderer/i18n/translator';

describe('normalisePhone: one number however it is typed', () => {
  it('reads Ukrainian numbers local, international and with punctuation as one', () => {
    for (const typed of [
      '050 123 45 67',
      '+380 50 123 45 67',
      '(050) 123-45-67',
      '+380501234567',
      '380501234567',
      '00380 50 123 45 67',
      '8 050 123 45 67',
      ' 050.123.45.67 ',
    ]) {
      expect(normalisePhone(typed), typed).toBe('380501234567');
    }
  });

  it('reads Chinese mobiles with +86 and the local 11 digits as one', () => {
    for (const typed of [
      '+86 138 0013 8000',
      '138 0013 8000',
      '13800138000',
      '0086-138-0013-8000',
    ]) {
      expect(normalisePhone(typed), typed).toBe('8613800138000');
    }
  });

  it('keeps other numbers as their digits, and never mixes two different numbers', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('442079460958');
    expect(normalisePhone('010 1234 5678')).toBe('01012345678');
    expect(normalisePhone('050 123 45 68')).not.toBe(normalisePhone('050 123 45 67'));
    expect(normalisePhone('+1 380 501 2345')).not.toBe(normalisePhone('050 123 45 67'));
  });

  it('e-mail: trimmed and lower-cased', () => {
    expect(normaliseEmail('  Oksana@Example.ORG ')).toBe('oksana@example.org');
  });
});

const KYIV = 'Europe/Kyiv';

describe('answerDue: the venue’s target, never after the show', () => {
  const thursday = Date.parse('2026-04-30T12:00:00+03:00');
  it('counts business days when the show is later', () => {
    const due = answerDue(thursday, 5, [Date.parse('2026-06-01T19:00:00+03:00')], KYIV);
    expect(due).toEqual({ at: new Date('2026-05-07T09:00:00.000Z'), beforeShow: false });
  });
  it('brings the answer forward to the start of a show that comes first, and says so', () => {
    const show = Date.parse('2026-05-01T19:00:00+03:00');
    expect(answerDue(thursday, 5, [show], KYIV)).toEqual({ at: new Date(show), beforeShow: true });
  });
  it('ignores a show already past (a request after it is answered in the usual time)', () => {
    const past = Date.parse('2026-04-01T19:00:00+03:00');
    expect(answerDue(thursday, 1, [past], KYIV).beforeShow).toBe(false);
    expect(answerDue(thursday, 1, [], KYIV).beforeShow).toBe(false);
  });
});

describe('a date that ends with its own full stop', () => {
  const venue = { currency: 'UAH' as const, timeZone: 'Europe/Kyiv' };
  it('ends the sentence once in every language', () => {
    for (const locale of ['en', 'uk', 'zh-Hans'] as const) {
      const tr = createTranslator(locale, venue);
      const at = '2026-05-07T09:00:00.000Z';
      for (const text of [
        tr.t('request.status.due', { date: tr.date(at, 'date') }),
        tr.t('request.status.dueBeforeShow', { date: tr.date(at) }),
        tr.t('request.status.cashCodeHint', { date: tr.date(at, 'date') }),
      ]) {
        expect(text, `${locale}: ${text}`).not.toMatch(/\.\./);
        expect(text, `${locale}: ${text}`).not.toMatch(/\.\s*\.$/);
      }
    }
    // The Ukrainian date itself ends "р.": kept, and the sentence's stop not added to it.
    const uk = createTranslator('uk', venue);
    expect(
      uk.t('request.status.due', { date: uk.date('2026-05-07T09:00:00.000Z', 'date') }),
    ).toMatch(/р\.$/);
  });
});

describe('answerDueAt: business days of the venue’s calendar', () => {
  it('a request at 00:30 on a Friday in Kyiv (Thursday in UTC) is due after the weekend', () => {
    // Friday 4 Dec 00:30 Kyiv = Thursday 3 Dec 22:30Z: one business day on is Monday in Kyiv.
    const at = answerDueAt(Date.parse('2026-12-03T22:30:00Z'), 1, KYIV);
    expect(at.toISOString()).toBe('2026-12-06T22:30:00.000Z');
    // Counted in UTC it would fall on Friday 22:30Z, a Saturday at the venue.
    expect(answerDueAt(Date.parse('2026-12-03T22:30:00Z'), 1, 'UTC').toISOString()).toBe(
      '2026-12-04T22:30:00.000Z',
    );
  });
  it('a request on Saturday 00:30 in Kyiv (Friday in UTC) counts from Monday', () => {
    const at = answerDueAt(Date.parse('2026-12-04T22:30:00Z'), 1, KYIV);
    expect(at.toISOString()).toBe('2026-12-06T22:30:00.000Z');
  });
  it('keeps the venue’s time of day across the autumn DST change (a 25-hour Sunday)', () => {
    // Friday 23 Oct 2026 12:00 Kyiv (EEST, 09:00Z); Monday 26 Oct 12:00 Kyiv is EET, 10:00Z.
    const at = answerDueAt(Date.parse('2026-10-23T09:00:00Z'), 1, KYIV);
    expect(at.toISOString()).toBe('2026-10-26T10:00:00.000Z');
  });
});
