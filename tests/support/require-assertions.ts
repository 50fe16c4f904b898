import { beforeEach, expect } from 'vitest';

/**
 * Loaded by every vitest project (vitest.config.ts `setupFiles`): a test that reaches its end
 * without a single `expect` fails. A test that asserts nothing cannot fail for the right
 * reason, so it must not count as passed.
 */
beforeEach(() => {
  expect.hasAssertions();
});
