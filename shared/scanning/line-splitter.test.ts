import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './line-splitter';
import type { LineTerminator, SplitEvent } from './line-splitter';

function lines(events: SplitEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'line' ? [e.text] : []));
}

function feed(terminator: LineTerminator, chunks: string[], maxLength = 256): SplitEvent[] {
  const splitter = createLineSplitter({ terminator, maxLength });
  return chunks.flatMap((c) => splitter.push(c));
}

/** Cuts `text` at the given fractional positions, keeping every character. */
function chunk(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * (text.length + 1))))].sort(
    (a, b) => a - b,
  );
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

const code = fc.stringMatching(/^[0-9A-Z:+.-]{1,40}$/);
const ending = fc.constantFrom('\r', '\n', '\r\n');

describe('createLineSplitter', () => {
  it('auto: CR, LF and CRLF each end one line', () => {
    expect(lines(feed('auto', ['A1\rB2\nC3\r\nD4\r']))).toEqual(['A1', 'B2', 'C3', 'D4']);
  });

  it('auto: a CRLF split across chunks gives neither an empty nor a doubled line', () => {
    expect(lines(feed('auto', ['ABC\r', '\nDEF\r', '', '\n', 'GHI\n']))).toEqual([
      'ABC',
      'DEF',
      'GHI',
    ]);
  });

  it('auto: emits a CR-terminated line at once, before the next chunk arrives', () => {
    const splitter = createLineSplitter({ terminator: 'auto', maxLength: 10 });
    expect(lines(splitter.push('XYZ\r'))).toEqual(['XYZ']);
    expect(splitter.push('\n')).toEqual([]);
  });

  it('auto: blank lines (LF LF, CR CR) are not scans', () => {
    expect(lines(feed('auto', ['\n\nA\r\r\rB\n\r\n']))).toEqual(['A', 'B']);
  });

  it('CR mode keeps LF as data (validation rejects it later), CRLF mode needs both', () => {
    expect(lines(feed('CR', ['A\nB\rC\r']))).toEqual(['A\nB', 'C']);
    expect(lines(feed('LF', ['A\rB\nC\n']))).toEqual(['A\rB', 'C']);
    expect(lines(feed('CRLF', ['A\r', 'B\r', '\nC\r\n']))).toEqual(['A\rB', 'C']);
  });

  it('keeps a partial line until its terminator arrives', () => {
    const splitter = createLineSplitter({ terminator: 'LF', maxLength: 20 });
    expect(splitter.push('PART')).toEqual([]);
    expect(lines(splitter.push('IAL\n'))).toEqual(['PARTIAL']);
  });

  it('drops an over-long line as one overflow and recovers at the next terminator', () => {
    const events = feed('auto', ['AAAAA', 'AAAAAA', 'A\rOK\r'], 8);
    expect(events).toEqual([
      { kind: 'overflow', length: 12 },
      { kind: 'line', text: 'OK' },
    ]);
  });

  it('reset forgets a partial line and a pending CR', () => {
    const splitter = createLineSplitter({ terminator: 'auto', maxLength: 20 });
    splitter.push('STALE');
    splitter.reset();
    expect(lines(splitter.push('NEW\n'))).toEqual(['NEW']);
    splitter.push('X\r');
    splitter.reset();
    // Without reset the LF would be swallowed as the second half of CRLF; after it, an empty line is still not emitted.
    expect(splitter.push('\n')).toEqual([]);
  });

  it('property: any mix of endings in any chunking yields every code once, in order (auto)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(code, ending), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (scans, cuts) => {
          const text = scans.map(([c, e]) => c + e).join('');
          expect(lines(feed('auto', chunk(text, cuts)))).toEqual(scans.map(([c]) => c));
        },
      ),
    );
  });

  it('property: fixed terminators split exactly on their own ending in any chunking', () => {
    const endings = { CR: '\r', LF: '\n', CRLF: '\r\n' } as const;
    fc.assert(
      fc.property(
        fc.constantFrom('CR', 'LF', 'CRLF' as const),
        fc.array(code, { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (terminator, codes, cuts) => {
          const text = codes.map((c) => c + endings[terminator]).join('');
          expect(lines(feed(terminator, chunk(text, cuts)))).toEqual(codes);
        },
      ),
    );
  });
});
