import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per launch (and each launch code and session): 32 random bytes as hex. */
export function createBridgeSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison length does not
 * depend on what the caller sent (timingSafeEqual needs equal lengths).
 */
export function secretMatches(expected: string, presented: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
