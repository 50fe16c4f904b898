import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createWedgeDetector,
  DEFAULT_WEDGE_OPTIONS,
} from '../../src-renderer/devices/keyboard-wedge';
import type { WedgeOptions, WedgeStep } from '../../src-renderer/devices/keyboard-wedge';

/** Types `text` starting at `t0` with the given gaps, then the terminator after `enterGap`. */
function typeAt(
  options: WedgeOptions,
  text: string,
  gaps: (i: number) => number,
  enterGap: number,
  t0 = 1000,
): WedgeStep[] {
  const detector = createWedgeDetector(options);
  const steps: WedgeStep[] = [];
  let t = t0;
  [...text].forEach((char, i) => {
    if (i > 0) t += gaps(i);
    steps.push(detector.feed({ kind: 'char', char, at: t }));
  });
  steps.push(detector.feed({ kind: 'terminator', at: t + enterGap }));
  return steps;
}

const last = (steps: WedgeStep[]): WedgeStep => steps[steps.length - 1]!;

describe('wedge detector (synthetic timestamps)', () => {
  it.each([1, 5, 10, 20, 30])('a burst %i ms apart ending in Enter is a scan', (gap) => {
    const steps = typeAt(DEFAULT_WEDGE_OPTIONS, 'TKT-0001', () => gap, gap);
    expect(last(steps)).toEqual({ kind: 'scan', data: 'TKT-0001', typed: 8 });
    expect(steps[0]).toEqual({ kind: 'pass', burstStart: true });
    expect(steps.slice(1, -1).every((s) => s.kind === 'pass' && !s.burstStart)).toBe(true);
  });

  it.each([31, 80, 99, 250])('typing %i ms apart is left alone', (gap) => {
    const steps = typeAt(DEFAULT_WEDGE_OPTIONS, 'hello', () => gap, gap);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('one slow gap inside the burst starts a new burst; a short tail is not a scan', () => {
    const steps = typeAt(DEFAULT_WEDGE_OPTIONS, 'ABCDEFG', (i) => (i === 5 ? 200 : 5), 5);
    expect(steps[5]).toEqual({ kind: 'pass', burstStart: true });
    expect(last(steps)).toEqual({ kind: 'pass', burstStart: false });
  });

  it('a typed word followed by a fast scan yields only the scan', () => {
    const steps = typeAt(DEFAULT_WEDGE_OPTIONS, 'hiCODE99', (i) => (i <= 2 ? 150 : 4), 4);
    expect(last(steps)).toEqual({ kind: 'scan', data: 'CODE99', typed: 6 });
  });

  it('a slow terminator after a fast burst is typing (someone pressed Enter themselves)', () => {
    expect(last(typeAt(DEFAULT_WEDGE_OPTIONS, 'ABCDEF', () => 5, 120)).kind).toBe('pass');
  });

  it('one stall (≤ maxStallMs) inside a long fast burst does not cut the scan', () => {
    const code = 'TKT-0001-ABCDEFGH';
    expect(last(typeAt(DEFAULT_WEDGE_OPTIONS, code, (i) => (i === 6 ? 90 : 4), 4))).toEqual({
      kind: 'scan',
      data: code,
      typed: code.length,
    });
  });

  it('mostly slow gaps with a few fast ones (a quick typist) is still typing', () => {
    expect(
      last(typeAt(DEFAULT_WEDGE_OPTIONS, 'Smith', (i) => (i % 2 === 0 ? 20 : 85), 90)).kind,
    ).toBe('pass');
  });

  it('fewer than minLength characters is not a scan', () => {
    expect(last(typeAt(DEFAULT_WEDGE_OPTIONS, 'abc', () => 2, 2)).kind).toBe('pass');
  });

  it('requires and strips the configured prefix and suffix', () => {
    const opts = { ...DEFAULT_WEDGE_OPTIONS, prefix: '~', suffix: '!' };
    expect(last(typeAt(opts, '~TKT-42!', () => 3, 3))).toEqual({
      kind: 'scan',
      data: 'TKT-42',
      typed: 8,
    });
    expect(last(typeAt(opts, 'TKT-42!', () => 3, 3)).kind).toBe('pass');
    expect(last(typeAt(opts, '~TKT-42', () => 3, 3)).kind).toBe('pass');
  });

  it('a fast burst of characters no code uses is rejected, not passed off as a scan', () => {
    expect(last(typeAt(DEFAULT_WEDGE_OPTIONS, 'ДЖЗИЙК', () => 3, 3))).toMatchObject({
      kind: 'rejected',
      code: 'invalid_characters',
      typed: 6,
    });
  });

  it('modifiers neither add characters nor break a burst; other keys end it', () => {
    const detector = createWedgeDetector();
    let t = 0;
    for (const char of 'AB') detector.feed({ kind: 'char', char, at: (t += 3) });
    detector.feed({ kind: 'modifier', at: (t += 3) });
    for (const char of 'CD') detector.feed({ kind: 'char', char, at: (t += 3) });
    expect(detector.feed({ kind: 'terminator', at: (t += 3) })).toMatchObject({
      kind: 'scan',
      data: 'ABCD',
    });
    for (const char of 'ABCD') detector.feed({ kind: 'char', char, at: (t += 3) });
    detector.feed({ kind: 'other', at: (t += 3) });
    expect(detector.feed({ kind: 'terminator', at: t + 3 }).kind).toBe('pass');
  });

  it('an over-long burst (stuck key) is dropped', () => {
    const opts = { ...DEFAULT_WEDGE_OPTIONS, maxLength: 10 };
    expect(last(typeAt(opts, 'X'.repeat(11), () => 1, 1)).kind).toBe('pass');
  });

  it('property: any burst of ≥ minLength printable characters with gaps ≤ maxGapMs (one stall allowed) is that scan', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[!-~]{4,60}$/),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 61, maxLength: 61 }),
        fc.integer({ min: 1, max: 59 }),
        fc.integer({ min: 31, max: 100 }),
        (code, gaps, stallAt, stall) => {
          // Plus one stall anywhere in codes long enough that a single gap cannot move the median.
          const gap = (i: number) => (code.length >= 8 && i === stallAt ? stall : gaps[i]!);
          const steps = typeAt(DEFAULT_WEDGE_OPTIONS, code, gap, gaps[0]!);
          expect(last(steps)).toEqual({ kind: 'scan', data: code, typed: code.length });
        },
      ),
    );
  });

  it('property: typing with every gap ≥ 80 ms never produces a scan', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[ -~]{1,40}$/),
        fc.array(fc.integer({ min: 80, max: 400 }), { minLength: 41, maxLength: 41 }),
        (text, gaps) => {
          const steps = typeAt(DEFAULT_WEDGE_OPTIONS, text, (i) => gaps[i]!, gaps[0]!);
          expect(steps.every((s) => s.kind === 'pass')).toBe(true);
        },
      ),
    );
  });
});
