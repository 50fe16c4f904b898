import { describe, expect, it } from 'vitest';
import { customerKeyFrom } from '../../src-server/customers/customer-keys';

const SECRET = Buffer.alloc(32, 1).toString('base64url');

describe('customerKeyFrom', () => {
  it('gives one contact one key at a venue, and nothing that reads as the contact', () => {
    const key = customerKeyFrom(SECRET, 'email', 'oksana@example.org');
    expect(key).toMatch(/^cu-[0-9a-f]{32}$/);
    expect(customerKeyFrom(SECRET, 'email', 'oksana@example.org')).toBe(key);
    expect(key).not.toContain('oksana');
  });

  it('differs by kind, by contact and by venue secret (a guess cannot be tested without it)', () => {
    const keys = new Set([
      customerKeyFrom(SECRET, 'email', 'oksana@example.org'),
      customerKeyFrom(SECRET, 'email', 'taras@example.org'),
      customerKeyFrom(SECRET, 'phone', '380501234567'),
      customerKeyFrom(SECRET, 'email', '380501234567'),
      customerKeyFrom(Buffer.alloc(32, 2).toString('base64url'), 'email', 'oksana@example.org'),
    ]);
    expect(keys.size).toBe(5);
  });
});
