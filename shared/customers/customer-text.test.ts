import { describe, expect, it } from 'vitest';
import { confirmsContact, maskContact, phoneDigitForms, readCustomerText } from './customer-text';

describe('readCustomerText', () => {
  it('reads an e-mail, lower-cased and trimmed', () => {
    expect(readCustomerText(' Oksana.Petrenko@Example.ORG ')).toEqual({
      kind: 'email',
      contact: 'oksana.petrenko@example.org',
    });
  });

  it('reads a phone typed the local or the international way as the same digits', () => {
    for (const typed of [
      '050 123 45 67',
      '+380 50 123 45 67',
      '(050) 123-45-67',
      '0038050123 4567',
    ]) {
      expect(readCustomerText(typed)).toEqual({ kind: 'phone', contact: '380501234567' });
    }
    expect(readCustomerText('138 0013 8000')).toEqual({ kind: 'phone', contact: '8613800138000' });
  });

  it('reads anything else as a name, spaces folded; a short number or nothing is no contact', () => {
    expect(readCustomerText('  Oksana   Petrenko ')).toEqual({
      kind: 'name',
      name: 'Oksana Petrenko',
    });
    expect(readCustomerText('12-34')).toEqual({ kind: 'name', name: '12-34' });
    expect(readCustomerText('王芳')).toEqual({ kind: 'name', name: '王芳' });
    expect(readCustomerText('   ')).toBeNull();
    expect(readCustomerText('oksana@')).toEqual({ kind: 'name', name: 'oksana@' });
  });
});

describe('phoneDigitForms', () => {
  it('lists every digit string a till may hold for a phone, each read back as that phone', () => {
    const forms = phoneDigitForms('380501234567');
    expect(forms.sort()).toEqual(['00380501234567', '0501234567', '380501234567', '80501234567']);
    for (const f of forms) {
      expect(readCustomerText(f)).toEqual({ kind: 'phone', contact: '380501234567' });
    }
    expect(phoneDigitForms('8613800138000')).toContain('13800138000');
    expect(phoneDigitForms('4915112345678').sort()).toEqual(['004915112345678', '4915112345678']);
  });
});

describe('maskContact', () => {
  it('shows enough to recognise, not to read out', () => {
    expect(maskContact('email', 'oksana.petrenko@example.org')).toBe('ok•••@example.org');
    expect(maskContact('phone', '380501234567')).toBe('••••••••4567');
  });
});

describe('confirmsContact', () => {
  it("takes the record's contact typed any usual way, nothing else, and never an erased one", () => {
    const email = { kind: 'email' as const, contact: 'oksana@example.org' };
    expect(confirmsContact(email, ' Oksana@Example.org')).toBe(true);
    expect(confirmsContact(email, 'oksana@example.com')).toBe(false);
    expect(confirmsContact(email, 'Oksana')).toBe(false);
    const phone = { kind: 'phone' as const, contact: '380501234567' };
    expect(confirmsContact(phone, '050 123 45 67')).toBe(true);
    expect(confirmsContact(phone, '050 123 45 68')).toBe(false);
    expect(confirmsContact({ kind: 'email', contact: null }, '')).toBe(false);
  });
});
