import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/catalogs/en';
import { uk } from '../../src-renderer/i18n/catalogs/uk';
import { zhHans } from '../../src-renderer/i18n/catalogs/zh-hans';
import { REFUSAL_KEY } from '../../src-renderer/manage/refusal-keys';
import {
  DELIVERY_STATUS_KEY,
  linkKeyState,
  webhookDraftOf,
} from '../../src-renderer/manage/webhook-views';

const NOW = Date.parse('2026-12-04T20:00:00Z');
const key = (retiredAt: string | null, opensLinksUntil: string | null) => ({
  keyId: 'abc',
  createdAt: '2026-09-01T10:00:00Z',
  retiredAt,
  opensLinksUntil,
});

describe('the webhook and refund-link-key panels', () => {
  it('words a key as live, retired with its links still open until a date, or closed', () => {
    expect(linkKeyState(key(null, null), NOW)).toEqual({ key: 'manage.linkKeys.live' });
    expect(linkKeyState(key('2026-12-01T10:00:00Z', '2027-03-01T10:00:00Z'), NOW)).toEqual({
      key: 'manage.linkKeys.opensUntil',
      until: '2027-03-01T10:00:00Z',
    });
    // Retired as leaked (open until the moment it was retired), or its 90 days are over.
    expect(linkKeyState(key('2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z'), NOW)).toEqual({
      key: 'manage.linkKeys.closed',
    });
  });

  it('sends the address trimmed and the secret as typed', () => {
    expect(webhookDraftOf('  https://crm.example.org/in \n', ' s3cret with spaces ')).toEqual({
      url: 'https://crm.example.org/in',
      secret: ' s3cret with spaces ',
    });
  });

  it('has every status and webhook refusal in English, Ukrainian and Chinese', () => {
    const keys = [
      ...Object.values(DELIVERY_STATUS_KEY),
      ...[
        'webhook_url_invalid',
        'webhook_url_scheme',
        'webhook_url_credentials',
        'webhook_secret_length',
      ].map((code) => REFUSAL_KEY[code]!),
      // The customer's page: a link whose key was retired.
      'request.error.refund_link_retired' as const,
    ];
    for (const k of keys) {
      expect(en[k], k).toBeTruthy();
      expect(uk[k], k).toBeTruthy();
      expect(uk[k], k).not.toBe(en[k]);
      expect(zhHans[k], k).not.toBe(en[k]);
    }
  });
});
