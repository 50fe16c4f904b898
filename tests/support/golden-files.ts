import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SlipLocale } from '../../shared/slips';
import type { GoldenKind } from './golden-slips';

/**
 * Golden slips on disk: `tests/fixtures/slips/<kind>.<locale>.txt`, the printed text one line
 * per line (symbols as `[QR …]`). Rewritten only when UPDATE_GOLDENS=1 is set by hand — a test
 * run never blesses its own output — and then read back like any other run.
 */
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'slips');

export const updatingGoldens = process.env.UPDATE_GOLDENS === '1';

export function goldenPath(kind: GoldenKind, locale: SlipLocale): string {
  return join(DIR, `${kind}.${locale}.txt`);
}

/** The golden's lines; null when the file does not exist (a new kind not yet blessed). */
export function readGolden(kind: GoldenKind, locale: SlipLocale): string[] | null {
  const path = goldenPath(kind, locale);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

export function writeGolden(kind: GoldenKind, locale: SlipLocale, lines: readonly string[]): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(goldenPath(kind, locale), `${lines.join('\n')}\n`);
}
