import { describe, expect, it } from 'vitest';
import { slipTextLines, type SlipLocale } from '../../shared/slips';
import { readGolden, updatingGoldens, writeGolden } from '../support/golden-files';
import { GOLDEN_KINDS, goldenSlips } from '../support/golden-slips';

/**
 * Issue 10 item 5: every slip kind in every language, laid out from the real domain's entries
 * (tests/support/golden-slips.ts), compared line by line with its golden text. The same
 * goldens are compared with what a TCP printer receives in tests/integration/golden-slips.
 */
const LOCALES: readonly SlipLocale[] = ['en', 'uk', 'zh'];

describe('golden slips', () => {
  for (const locale of LOCALES) {
    for (const kind of GOLDEN_KINDS) {
      it(`${kind} (${locale}) matches tests/fixtures/slips/${kind}.${locale}.txt`, async () => {
        const lines = slipTextLines((await goldenSlips(locale))[kind]);
        if (updatingGoldens) writeGolden(kind, locale, lines);
        expect(readGolden(kind, locale), 'golden missing: run with UPDATE_GOLDENS=1').toEqual(
          lines,
        );
      });
    }
  }

  it('the Ukrainian goldens carry every Ukrainian-only letter: Ґ ґ Є є І і Ї ї', () => {
    const text = GOLDEN_KINDS.map((k) => (readGolden(k, 'uk') ?? []).join('\n')).join('\n');
    for (const letter of ['Ґ', 'ґ', 'Є', 'є', 'І', 'і', 'Ї', 'ї']) expect(text).toContain(letter);
  });

  it('no golden prints an id where a customer expects a name or a word', () => {
    for (const locale of LOCALES) {
      for (const kind of GOLDEN_KINDS) {
        const text = (readGolden(kind, locale) ?? [])
          .filter((l) => !l.startsWith('[QR ') && !l.startsWith('[CODE128 '))
          .join('\n');
        for (const raw of [
          'customer_request',
          'performance_postponed',
          'olena',
          'stalls-',
          'forest-song',
          'dnipro-lights',
          'premium',
          'ga-standing',
        ]) {
          expect(text, `${kind}.${locale}`).not.toContain(raw);
        }
      }
    }
  });
});
