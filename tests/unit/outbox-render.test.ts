/** The outbox's templates and backoff: pure functions, no database or SMTP. */
import { describe, expect, it } from 'vitest';
import {
  NOTIFICATION_KINDS,
  type CustomerLocale,
  type NotificationKind,
} from '../../src-server/notify/notification';
import { checkNotification } from '../../src-server/notify/notification-schema';
import { configFromEnv } from '../../src-server/config';
import { DEFAULT_RETRY, retryDelayMs } from '../../src-server/notify/outbox-worker';
import { renderMessage, renderSms } from '../../src-server/notify/templates/render';

const DATA = {
  requestNumber: 'R-42',
  amount: '450,00 грн',
  refundMethod: 'card',
  reason: 'after the performance',
  question: 'Which seats?',
  performanceName: 'Forest Song',
  performanceDate: '12.12.2026 19:00',
  refundUrl: 'https://podil.example/refund/abc',
  statusUrl: 'https://podil.example/r/42',
  customerName: 'Olena <b>',
  venueName: 'Podil Stage',
  orderNumber: '0193a1b2-order',
  feedbackUrl: 'https://podil.example/refund-request/#feedback=abc.def',
};

describe('outbox templates', () => {
  const cases = NOTIFICATION_KINDS.flatMap((k) =>
    (['en', 'uk', 'zh-Hans'] as const).map((l): [NotificationKind, CustomerLocale] => [k, l]),
  );
  it.each(cases)('%s in %s renders every field it needs, HTML escaped', (kind, locale) => {
    // The data each kind needs is what NOTIFICATION_DATA accepts.
    expect(() =>
      checkNotification({
        venueId: 'podil-stage',
        kind,
        channel: 'email',
        to: 'a@example.org',
        locale,
        dedupeKey: 'k',
        data: DATA,
      }),
    ).not.toThrow();
    const m = renderMessage(kind, locale, DATA);
    for (const part of [m.subject, m.text, m.html]) {
      expect(part).not.toMatch(/undefined|null|\$\{/);
    }
    expect(m.subject.length).toBeGreaterThan(5);
    expect(m.html).toContain('Olena &lt;b&gt;');
    expect(m.html).not.toContain('<b>');
    expect(m.html).toContain(`lang="${locale}"`);
    expect(renderSms(kind, locale, DATA)).toContain(m.subject);
  });

  it('a Ukrainian and a Chinese cancellation read as written', () => {
    expect(renderMessage('performance_cancelled', 'uk', DATA).subject).toBe(
      'Подію «Forest Song» скасовано',
    );
    expect(renderMessage('performance_cancelled', 'zh-Hans', DATA).text).toContain(
      '很抱歉，原定于 12.12.2026 19:00 举行的演出《Forest Song》已取消。',
    );
  });
});

describe('outbox retry backoff', () => {
  it('doubles from the base, is capped, and jitters by at most 20 %', () => {
    const p = { baseMs: 1_000, maxMs: 10_000, maxAttempts: 5 };
    expect(retryDelayMs(p, 1, 0.5)).toBe(1_000);
    expect(retryDelayMs(p, 2, 0.5)).toBe(2_000);
    expect(retryDelayMs(p, 3, 0.5)).toBe(4_000);
    expect(retryDelayMs(p, 9, 0.5)).toBe(10_000);
    expect(retryDelayMs(p, 1, 0)).toBe(800);
    expect(retryDelayMs(p, 1, 0.999999)).toBe(1_200);
    expect(retryDelayMs(DEFAULT_RETRY, 12, 0.5)).toBe(DEFAULT_RETRY.maxMs);
  });
});

describe('outbox settings from the environment', () => {
  it('reads SMTP_URL, MAIL_FROM and SMS_SENDER, and refuses half or unknown settings', () => {
    expect(configFromEnv({}, '/x').outbox).toEqual({
      smtpUrl: null,
      mailFrom: null,
      sms: null,
    });
    expect(
      configFromEnv(
        { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'a@b.example', SMS_SENDER: 'log' },
        '/x',
      ).outbox,
    ).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'a@b.example', sms: { kind: 'log' } });
    expect(
      configFromEnv(
        {
          SMS_SENDER: 'http',
          SMS_GATEWAY_URL: 'https://sms.example/v1/messages',
          SMS_API_KEY: 'k',
        },
        '/x',
      ).outbox?.sms,
    ).toEqual({ kind: 'http', url: 'https://sms.example/v1/messages', apiKey: 'k' });
    expect(() => configFromEnv({ SMS_SENDER: 'http' }, '/x')).toThrow(/SMS_GATEWAY_URL/);
    expect(() =>
      configFromEnv({ SMS_SENDER: 'http', SMS_GATEWAY_URL: 'ftp://x', SMS_API_KEY: 'k' }, '/x'),
    ).toThrow(/not an http/);
    expect(() => configFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }, '/x')).toThrow(/MAIL_FROM/);
    expect(() => configFromEnv({ SMS_SENDER: 'twilio' }, '/x')).toThrow(/SMS_SENDER twilio/);
  });
});
