import { describe, expect, it } from 'vitest';
import { err, ok } from './result';
import { missingCaseError, strictAssert } from './assert';

describe('result envelope', () => {
  it('carries a value or a coded error', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('invalid_argument', 'Bad amount')).toEqual({
      ok: false,
      error: { code: 'invalid_argument', message: 'Bad amount' },
    });
    expect(err('x', 'y', { field: 'a' }).error.details).toEqual({ field: 'a' });
  });
  it('strictAssert throws on a broken invariant only', () => {
    expect(() => strictAssert(false, 'boom')).toThrow('boom');
    expect(() => strictAssert(1, 'fine')).not.toThrow();
    expect(missingCaseError('x' as never).message).toContain('x');
  });
});
