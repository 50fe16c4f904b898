import { describe, expect, it } from 'vitest';
import {
  bridgeServerMessageSchema,
  formatBridgeFragment,
  parseBridgeFragment,
} from './bridge-protocol';

describe('bridge launch fragment', () => {
  it('round-trips the bridge URL and secret', () => {
    const params = { url: 'ws://127.0.0.1:41234', secret: 'ab'.repeat(32) };
    const hash = formatBridgeFragment(params);
    expect(hash.startsWith('#bridge=')).toBe(true);
    expect(parseBridgeFragment(hash)).toEqual(params);
  });

  it.each([
    '',
    '#',
    '#bridge=ws://x',
    '#secret=abc',
    '#bridge=http://127.0.0.1:1&secret=a',
    '#bridge=&secret=a',
  ])('rejects %j', (hash) => {
    expect(parseBridgeFragment(hash)).toBeNull();
  });

  it('accepts the three server message shapes and nothing else', () => {
    expect(bridgeServerMessageSchema.safeParse({ ready: true }).success).toBe(true);
    expect(
      bridgeServerMessageSchema.safeParse({ id: 1, result: { ok: true, value: 1 } }).success,
    ).toBe(true);
    expect(
      bridgeServerMessageSchema.safeParse({ event: 'scanner.scan', payload: {} }).success,
    ).toBe(true);
    expect(bridgeServerMessageSchema.safeParse({ id: -1, result: 1 }).success).toBe(false);
    expect(bridgeServerMessageSchema.safeParse({ ready: false }).success).toBe(false);
  });
});
