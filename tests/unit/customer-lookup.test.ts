import { describe, expect, it } from 'vitest';
import {
  consentKeyAtWindow,
  hitLine,
  isLookupKey,
  lookupFailureKey,
} from '../../src-renderer/app/customer-lookup';
import { en } from '../../src-renderer/i18n/catalogs/en';
import { uk } from '../../src-renderer/i18n/catalogs/uk';
import { zhHans } from '../../src-renderer/i18n/catalogs/zh-hans';

const hit = {
  customerKey: 'cu-0123456789abcdef0123456789abcdef',
  kind: 'email' as const,
  contact: 'oksana.petrenko@example.org',
  name: 'Oksana Petrenko',
  orders: 2,
  erased: false,
};

describe("the till's customer look-up", () => {
  it('says offline, not enrolled or no answer in words, in each language', () => {
    expect(lookupFailureKey('unavailable')).toBe('customers.offline');
    expect(lookupFailureKey('timeout')).toBe('customers.offline');
    expect(lookupFailureKey('not_configured')).toBe('customers.notEnrolled');
    expect(lookupFailureKey('internal')).toBe('customers.failed');
    for (const k of ['customers.offline', 'customers.notEnrolled', 'customers.failed'] as const) {
      expect(new Set([en[k], uk[k], zhHans[k]]).size, k).toBe(3);
    }
  });

  it('shows a hit masked (the screen faces the queue), an erased one as erased', () => {
    expect(hitLine(hit)).toEqual({ contact: 'ok•••@example.org', erased: false });
    expect(hitLine({ ...hit, kind: 'phone', contact: '380501234567' }).contact).toBe(
      '••••••••4567',
    );
    expect(hitLine({ ...hit, contact: null, erased: true })).toEqual({
      contact: null,
      erased: true,
    });
  });

  it('words consent three ways and opens on Ctrl+F (⌘F), not on F or Ctrl+Alt+F', () => {
    expect(new Set([true, false, null].map(consentKeyAtWindow)).size).toBe(3);
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>>) => ({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...mods,
    });
    expect(isLookupKey(key('f', { ctrlKey: true }))).toBe(true);
    expect(isLookupKey(key('F', { metaKey: true }))).toBe(true);
    expect(isLookupKey(key('f', {}))).toBe(false);
    expect(isLookupKey(key('f', { ctrlKey: true, altKey: true }))).toBe(false);
  });
});
