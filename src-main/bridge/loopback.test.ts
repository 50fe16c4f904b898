import { describe, expect, it } from 'vitest';
import { BridgeBindError, isLoopbackHost, loopbackBindHost } from './loopback';
import { createBridgeSecret, secretMatches } from './secret';

describe('loopback bind check', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    'localhost',
    'LOCALHOST',
  ])('accepts %s', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each([
    '0.0.0.0',
    '::',
    '192.168.0.10',
    '10.1.1.1',
    '::ffff:10.0.0.1',
    '128.0.0.1',
    'example.com',
    'localhost.evil',
    '',
  ])('refuses %j with a reason', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
    expect(() => loopbackBindHost(host)).toThrow(BridgeBindError);
    expect(() => loopbackBindHost(host)).toThrow(/only listens on loopback/);
  });

  it('binds localhost as the IPv4 literal', () => {
    expect(loopbackBindHost('localhost')).toBe('127.0.0.1');
    expect(loopbackBindHost('[::1]')).toBe('::1');
  });
});

describe('bridge secret', () => {
  it('is 32 random bytes per launch', () => {
    const a = createBridgeSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(createBridgeSecret()).not.toBe(a);
  });

  it('matches only the exact secret, whatever the length presented', () => {
    const s = createBridgeSecret();
    expect(secretMatches(s, s)).toBe(true);
    expect(secretMatches(s, s.slice(0, -1))).toBe(false);
    expect(secretMatches(s, `${s}0`)).toBe(false);
    expect(secretMatches(s, '')).toBe(false);
    expect(secretMatches('', '')).toBe(false);
  });
});
