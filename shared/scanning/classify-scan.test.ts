import { describe, expect, it } from 'vitest';
import { classifyScan } from './classify-scan';

describe('classifyScan', () => {
  it.each([
    ['R-T01-000123', 'receipt'],
    ['CV-7KQ2-M9XD', 'voucher'],
    ['6BFOXN*TS0BI:S4/A1.O$2YV3+H-3Y8T 7JY:Q5W0P$MVC8G3ZAQ2D1', 'ticket'],
    ['EARLY10', 'promo'],
    ['early10', 'promo'],
    ['R-T01-', 'unknown'],
    ['hello world!', 'unknown'],
    ['X'.repeat(161), 'unknown'],
    ['AB', 'unknown'],
  ])('%s is a %s', (data, kind) => {
    expect(classifyScan(data)).toEqual({ kind, data });
  });

  it('uses the deployment’s own patterns when given', () => {
    expect(classifyScan('T:42', [{ kind: 'ticket', pattern: /^T:\d+$/ }])).toEqual({
      kind: 'ticket',
      data: 'T:42',
    });
    expect(classifyScan('EARLY10', [{ kind: 'ticket', pattern: /^T:\d+$/ }]).kind).toBe('unknown');
  });
});
