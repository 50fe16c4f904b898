import { describe, expect, it } from 'vitest';
import { money } from '../../shared/money';
import { reasons } from '../../shared/refund-policy/reasons';
import { formatDate, formatTimeZone, localDay } from '../../src-renderer/i18n/format-date';
import { formatMoney } from '../../src-renderer/i18n/format-money';
import { CATALOGS, LOCALES } from '../../src-renderer/i18n/locales';
import { createTranslator } from '../../src-renderer/i18n/translator';
import { STORE_ERROR_MESSAGES } from '../../src-renderer/store/errors';

const kyiv = { currency: 'UAH', timeZone: 'Europe/Kyiv' } as const;
// Non-breaking spaces vary by ICU version; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('plurals', () => {
  it('Ukrainian: 1 квиток / 2 квитки / 5 квитків / 21 квиток', () => {
    const tr = createTranslator('uk', kyiv);
    expect([1, 2, 5, 21, 11, 22, 0].map((count) => tr.t('cart.tickets', { count }))).toEqual([
      '1 квиток',
      '2 квитки',
      '5 квитків',
      '21 квиток',
      '11 квитків',
      '22 квитки',
      '0 квитків',
    ]);
  });

  it('Chinese uses only "other"; English one/other', () => {
    const zh = createTranslator('zh-Hans', kyiv);
    expect([1, 2, 21].map((count) => zh.t('cart.tickets', { count }))).toEqual([
      '1 张票',
      '2 张票',
      '21 张票',
    ]);
    const en = createTranslator('en', kyiv);
    expect([1, 2].map((count) => en.t('cart.tickets', { count }))).toEqual([
      '1 ticket',
      '2 tickets',
    ]);
    expect(en.t('status.syncQueue', { count: 0 })).toBe('All synced');
  });
});

describe("the status bar's feed load figure", () => {
  it('groups the figures in each language', () => {
    const figure = (locale: (typeof LOCALES)[number]) =>
      plain(
        createTranslator(locale, kyiv).t('status.sync.loading', { loaded: 12_000, total: 50_000 }),
      );
    expect(figure('en')).toBe('Loading other tills’ sales: 12,000 of 50,000');
    expect(figure('uk')).toBe('Завантаження продажів інших кас: 12 000 з 50 000');
    expect(figure('zh-Hans')).toBe('正在加载其他收银台的销售：12,000 / 50,000');
  });
});

describe("the status bar's version line", () => {
  it('is worded in each language; the version, platform and transport stay as they are', () => {
    const line = (locale: (typeof LOCALES)[number], kiosk: 'yes' | 'no') =>
      createTranslator(locale, kyiv).t('ui.status.version', {
        version: '0.1.0',
        platform: 'linux',
        transport: 'bridge',
        kiosk,
      });
    expect(line('en', 'no')).toBe('Version 0.1.0 · linux · transport bridge');
    expect(line('en', 'yes')).toBe('Version 0.1.0 · linux · transport bridge · kiosk');
    expect(line('uk', 'yes')).toBe('Версія 0.1.0 · linux · звʼязок: bridge · кіоск');
    expect(line('uk', 'no')).toBe('Версія 0.1.0 · linux · звʼязок: bridge');
    expect(line('zh-Hans', 'yes')).toBe('版本 0.1.0 · linux · 传输：bridge · 自助终端');
  });

  it('names every status item in each language, each name its own', () => {
    const en = createTranslator('en', kyiv);
    const keys = (Object.keys(CATALOGS.en) as (keyof typeof CATALOGS.en)[]).filter((k) =>
      k.startsWith('ui.status.name.'),
    );
    expect(keys.length).toBeGreaterThanOrEqual(17);
    for (const locale of ['uk', 'zh-Hans'] as const) {
      const tr = createTranslator(locale, kyiv);
      const names = keys.map((k) => tr.t(k));
      // Translated, not copied: a screen reader would read an English name out.
      expect(
        keys.filter((k) => tr.t(k) === en.t(k)),
        locale,
      ).toEqual([]);
      expect(
        names.filter((n) => /[A-Za-z]/.test(n)),
        locale,
      ).toEqual([]);
      // Told apart by a screen reader (and found by one name in a test).
      expect(new Set(names).size, locale).toBe(names.length);
    }
  });

  it("keeps the names' plain apostrophes (ICU quoting would eat them)", () => {
    const en = createTranslator('en', kyiv);
    expect(en.t('ui.status.name.feedLoading')).toBe("Loading other tills' sales");
    expect(en.t('ui.status.name.feedNotLoaded')).toBe("Other tills' sales not loaded yet");
  });
});

describe("the status bar's oldest unsynced entry", () => {
  it('says "under a minute" right after a sale, never "0 minutes"', () => {
    const oldest = (locale: (typeof LOCALES)[number], minutes: number) =>
      createTranslator(locale, kyiv).t('status.sync.oldestMinutes', { minutes });
    expect(oldest('en', 0)).toBe('Oldest unsynced: under a minute');
    expect(oldest('en', 1)).toBe('Oldest unsynced: 1 minute');
    expect(oldest('uk', 0)).toBe('Найстаріший несинхронізований: менше хвилини');
    expect(oldest('uk', 5)).toBe('Найстаріший несинхронізований: 5 хвилин');
    expect(oldest('zh-Hans', 0)).toBe('最早未同步：不到 1 分钟');
    expect(oldest('zh-Hans', 3)).toBe('最早未同步：3 分钟');
  });
});

describe("a refund request's age in the queue", () => {
  it('in days once past two days, in each language', () => {
    const age = (locale: (typeof LOCALES)[number], days: number) =>
      createTranslator(locale, kyiv).t('manage.requests.ageDays', { days });
    expect([age('en', 2), age('en', 31)]).toEqual(['2 days', '31 days']);
    expect([age('uk', 2), age('uk', 5), age('uk', 31)]).toEqual(['2 дні', '5 днів', '31 день']);
    expect(age('zh-Hans', 31)).toBe('31 天');
  });
});

describe('money', () => {
  it('formats in the venue currency, per language, from exact minor units', () => {
    expect(plain(formatMoney('uk', money(123_450, 'UAH')))).toBe('1 234,50 ₴');
    expect(plain(formatMoney('en', money(123_450, 'EUR')))).toBe('€1,234.50');
    expect(plain(formatMoney('zh-Hans', money(123_450, 'CNY')))).toBe('¥1,234.50');
    expect(plain(formatMoney('en', money(1500, 'JPY')))).toBe('¥1,500');
    expect(plain(formatMoney('en', money(1250, 'KWD')))).toBe('KWD 1.250');
    expect(plain(formatMoney('en', money(-350, 'EUR')))).toBe('-€3.50');
    // Beyond float precision as a decimal (2^53 − 1 minor units): every digit survives.
    expect(plain(formatMoney('en', money(9_007_199_254_740_991, 'EUR')))).toBe(
      '€90,071,992,547,409.91',
    );
  });

  it('messages format Money values they are given', () => {
    const tr = createTranslator('uk', kyiv);
    expect(plain(tr.t('tender.changeDue', { amount: money(5_050, 'UAH') }))).toBe('Решта: 50,50 ₴');
  });
});

describe('dates', () => {
  const instant = '2026-03-01T22:30:00.000Z'; // 00:30 on 2 March in Kyiv, 22:30 on 1 March in London

  it("shows the venue's time zone, not the machine's", () => {
    expect(plain(formatDate('en', 'Europe/Kyiv', instant, 'time'))).toMatch(/^12:30\sAM$/);
    expect(plain(formatDate('uk', 'Europe/Kyiv', instant, 'dateTime'))).toBe(
      '2 бер. 2026 р., 00:30',
    );
    expect(plain(formatDate('uk', 'Europe/London', instant, 'dateTime'))).toBe(
      '1 бер. 2026 р., 22:30',
    );
    expect(formatDate('zh-Hans', 'Asia/Shanghai', instant, 'dateTime')).toBe('2026年3月2日 06:30');
    expect(localDay('Europe/Kyiv', instant)).toBe('2026-03-02');
    expect(localDay('America/New_York', instant)).toBe('2026-03-01');
  });

  it('translator dates use the venue time zone', () => {
    const tr = createTranslator('en', { currency: 'EUR', timeZone: 'Asia/Shanghai' });
    expect(tr.date(instant, 'date')).toBe('Mar 2, 2026');
  });
});

describe('domain reasons and errors', () => {
  const uah = (amount: number) => money(amount, 'UAH');
  const samples = [
    reasons.window(10_000, 400, 336),
    reasons.window(5_000, 72, 48),
    reasons.windowClosed(10, 48),
    reasons.windowClosed(10, null),
    reasons.windowClosed(0, 48),
    reasons.status('cancelled', 10_000),
    reasons.status('postponed', 5_000),
    reasons.tierNonRefundable('promo'),
    reasons.ticketStatus('used'),
    reasons.ticketStatus('refunded'),
    reasons.ticketStatus('voided'),
    reasons.ticketStatus('exchanged'),
    reasons.currencyMismatch(uah(100), 'EUR'),
    reasons.override(5_000, 'manager'),
    reasons.feePercent(uah(2_000), 1_000, uah(20_000), 'min'),
    reasons.feePercent(uah(2_000), 1_000, uah(20_000), null),
    reasons.feeFixed(uah(500)),
    reasons.feeOrderShare(uah(250), uah(500)),
    reasons.feesWaived(),
    reasons.feeExceedsRefund(uah(300)),
    reasons.bookingFee(uah(1_500), true),
    reasons.bookingFee(uah(1_500), false),
    reasons.approval('supervisor', uah(500_000), uah(200_000)),
    reasons.approval('manager', uah(500_000), null),
    reasons.cashOnlyForCash(),
    reasons.cashLimit(uah(100_000)),
    reasons.cashNotAllowed(),
    reasons.originalNotAllowed(),
    reasons.originalExhausted(uah(7_000)),
    reasons.voucherBonus(uah(1_000), 1_000, uah(11_000)),
    reasons.voucherNotAllowed(),
  ];

  it.each(LOCALES)('every reason the policy engine can give reads fully in %s', (locale) => {
    const tr = createTranslator(locale, kyiv);
    for (const r of samples) {
      const text = tr.reason(r);
      expect(text, r.code).not.toMatch(/[{}]/); // every placeholder was filled
      expect(text, r.code).not.toBe(r.code);
      if (locale !== 'en') expect(text, r.code).not.toBe(r.message);
    }
  });

  it('reads the numbers of a reason the way the customer hears them', () => {
    const r = reasons.window(5_000, 72, 48);
    expect(createTranslator('en', kyiv).reason(r)).toBe(
      '50% refund: the performance is 3 days away (this rate applies until 2 days before).',
    );
    expect(createTranslator('uk', kyiv).reason(r)).toBe(
      'Повернення 50%: до вистави ще 3 дні (ця ставка діє, поки до початку більше ніж 2 дні).',
    );
    const fee = reasons.feePercent(uah(2_000), 1_000, uah(20_000), 'min');
    expect(plain(createTranslator('uk', kyiv).reason(fee))).toBe(
      'Збір за скасування 20,00 ₴ (10% від 200,00 ₴, мінімальний збір).',
    );
    const approval = reasons.approval('supervisor', uah(500_000), uah(200_000));
    expect(plain(createTranslator('zh-Hans', kyiv).reason(approval))).toBe(
      '此退款须由主管批准：₴5,000.00 超过 ₴2,000.00 的限额。',
    );
    // The English text matches the domain's own sentence for this case.
    expect(createTranslator('en', kyiv).reason(reasons.cashLimit(uah(100_000)))).toBe(
      'Cash refunds are limited to ₴1,000.00.',
    );
  });

  it('translates command, PIN and store errors, with their details', () => {
    const en = createTranslator('en', kyiv);
    expect(
      en.error({ code: 'wrong_pin', message: 'Wrong PIN.', details: { attemptsLeft: 1 } }),
    ).toBe('Wrong PIN. 1 try left before the lockout.');
    expect(
      plain(
        en.error({
          code: 'locked',
          message: '',
          details: { lockedUntil: '2026-11-22T10:05:00.000Z' },
        }),
      ),
    ).toBe('Too many wrong PINs. Try again at Nov 22, 2026, 12:05 PM, or ask a manager.');
    expect(en.error({ code: 'storage_full', message: STORE_ERROR_MESSAGES.storage_full })).toBe(
      STORE_ERROR_MESSAGES.storage_full,
    );
    expect(createTranslator('uk', kyiv).error({ code: 'storage_full', message: '' })).toMatch(
      /^Сховище каси заповнене/,
    );
    expect(en.error({ code: 'no_such_code', message: 'Fallback sentence.' })).toBe(
      'Fallback sentence.',
    );
  });
});

describe('formatTimeZone', () => {
  it("names the venue's zone in the reader's language, never by its IANA id", () => {
    expect(formatTimeZone('en', 'Europe/Kyiv')).toBe('Ukraine Time');
    for (const locale of LOCALES) {
      const name = formatTimeZone(locale, 'Europe/Kyiv');
      expect(name).not.toMatch(/Europe|Kyiv|\//);
      expect(name.length).toBeGreaterThan(0);
    }
    expect(formatTimeZone('zh-Hans', 'Europe/Kyiv')).toBe('乌克兰时间');
  });
});
