import { describe, expect, it } from 'vitest';
import { csvField, csvTable } from '../../src-server/reports/csv';

describe('CSV escaping', () => {
  it('leaves plain fields alone and writes null as empty', () => {
    expect(csvField('Каса 1')).toBe('Каса 1');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
  });

  it('quotes commas, quotes (doubled), CR and LF', () => {
    expect(csvField('Hamlet, matinée')).toBe('"Hamlet, matinée"');
    expect(csvField('The "big" hall')).toBe('"The ""big"" hall"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('joins fields with commas and rows with CRLF, ending with one', () => {
    expect(
      csvTable([
        ['a', 'b,c', null],
        [1, '"', '门票'],
      ]),
    ).toBe('a,"b,c",\r\n1,"""",门票\r\n');
  });
});
