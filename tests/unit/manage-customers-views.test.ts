import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/catalogs/en';
import { uk } from '../../src-renderer/i18n/catalogs/uk';
import { zhHans } from '../../src-renderer/i18n/catalogs/zh-hans';
import {
  consentChangeKey,
  consentNowKey,
  customerSearchPath,
  exportFileName,
} from '../../src-renderer/manage/customers-views';
import { CONSENT_SOURCES } from '../../shared/customers/contract';

describe('the Customers page', () => {
  it('searches from 2 characters, the query encoded', () => {
    expect(customerSearchPath('podil-stage', ' o ')).toBeNull();
    expect(customerSearchPath('podil-stage', ' +380 50 ')).toBe(
      '/api/venues/podil-stage/customers?q=%2B380%2050',
    );
  });

  it('words every consent change and the consent as it stands, differently in each language', () => {
    const keys = CONSENT_SOURCES.flatMap((source) =>
      [true, false].map((given) => consentChangeKey({ source, given })),
    );
    keys.push(consentNowKey(true), consentNowKey(false), consentNowKey(null));
    expect(new Set(keys).size).toBe(9);
    for (const k of keys) {
      expect(new Set([en[k], uk[k], zhHans[k]]).size, k).toBe(3);
    }
  });

  it('saves the export under the customer key, never the contact', () => {
    expect(exportFileName('cu-0123456789abcdef0123456789abcdef')).toBe(
      'customer-cu-0123456789abcdef0123456789abcdef.json',
    );
  });
});
