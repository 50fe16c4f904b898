import iconv from 'iconv-lite';
import type { PrinterDriver } from '../../shared/ipc/printer';

/**
 * Printer code pages and how to select them. node-thermal-printer 4.6.1 gets several of these
 * wrong (tests/unit/printer-encoding.test.ts shows each), so the encoder selects pages itself
 * and uses the library only for layout and symbol commands:
 *  - its CHINA/JAPAN/KOREA "pages" send `ESC R n` (an international *character set*: a few
 *    ASCII variants), never Chinese mode, then EUC bytes — garbage on paper. Chinese-capable
 *    Epson models take GB18030 after `FS &` (Chinese mode on) and `FS .` to leave it;
 *  - when no page has a character it emits `?` silently — we print a raster image instead;
 *  - it keeps the configured page until a character is missing and then walks its list, so a
 *    Ukrainian line on CP866 switches pages mid-line; we pick WPC1251 or CP1125, which hold
 *    every Ukrainian letter, and stay there.
 */

export type CodePageId = 'pc437' | 'wpc1252' | 'wpc1251' | 'cp1125' | 'gb18030';

export interface CodePage {
  readonly id: CodePageId;
  readonly iconv: string;
  /** bytes that make this page active */
  readonly select: Buffer;
  /** bytes that leave it (only multi-byte modes need one) */
  readonly leave?: Buffer;
  /**
   * Characters the printer's font for this page really has. GB18030 can *encode* all of
   * Unicode, but a Chinese printer's font holds CJK and full-width forms, not ґ or emoji.
   */
  readonly covers?: (codePoint: number) => boolean;
}

const CJK_FONT_RANGES: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x303f],
  [0x3040, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];

function inCjkFont(cp: number): boolean {
  return CJK_FONT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
}

const FS_KANJI_ON = Buffer.from([0x1c, 0x26]);
const FS_KANJI_OFF = Buffer.from([0x1c, 0x2e]);

const EPSON_PAGES: Record<CodePageId, CodePage | undefined> = {
  pc437: { id: 'pc437', iconv: 'cp437', select: Buffer.from([0x1b, 0x74, 0]) },
  wpc1252: { id: 'wpc1252', iconv: 'win1252', select: Buffer.from([0x1b, 0x74, 16]) },
  cp1125: { id: 'cp1125', iconv: 'cp1125', select: Buffer.from([0x1b, 0x74, 44]) },
  wpc1251: { id: 'wpc1251', iconv: 'win1251', select: Buffer.from([0x1b, 0x74, 46]) },
  gb18030: {
    id: 'gb18030',
    iconv: 'gb18030',
    select: FS_KANJI_ON,
    leave: FS_KANJI_OFF,
    covers: inCjkFont,
  },
};

/** Star line mode selects pages with `ESC GS t n`; its table has no CP1125 and no GB18030. */
const STAR_PAGES: Record<CodePageId, CodePage | undefined> = {
  pc437: { id: 'pc437', iconv: 'cp437', select: Buffer.from([0x1b, 0x1d, 0x74, 1]) },
  wpc1252: { id: 'wpc1252', iconv: 'win1252', select: Buffer.from([0x1b, 0x1d, 0x74, 32]) },
  cp1125: undefined,
  wpc1251: { id: 'wpc1251', iconv: 'win1251', select: Buffer.from([0x1b, 0x1d, 0x74, 34]) },
  gb18030: undefined,
};

export interface CodePageProfile {
  readonly driver: PrinterDriver;
  readonly cyrillic: 'wpc1251' | 'cp1125' | 'none';
  readonly chinese: boolean;
}

/** The pages a printer may use, in the order the encoder tries them for non-ASCII text. */
export function pagesFor(profile: CodePageProfile): CodePage[] {
  const table = profile.driver === 'star' ? STAR_PAGES : EPSON_PAGES;
  const ids: CodePageId[] = [];
  if (profile.cyrillic !== 'none') ids.push(profile.cyrillic);
  ids.push('wpc1252');
  if (profile.chinese) ids.push('gb18030');
  return ids.flatMap((id) => {
    const page = table[id];
    return page ? [page] : [];
  });
}

const encodable = new Map<string, Buffer | null>();

/**
 * The bytes of one character in one page, or null when the page lacks it. A round trip is
 * required: iconv-lite substitutes `?` for unmappable characters instead of failing.
 */
export function encodeChar(page: CodePage, ch: string): Buffer | null {
  const key = `${page.iconv}\u0000${ch}`;
  const cached = encodable.get(key);
  if (cached !== undefined) return cached;
  if (page.covers && !page.covers(ch.codePointAt(0) ?? 0)) {
    encodable.set(key, null);
    return null;
  }
  const bytes = iconv.encode(ch, page.iconv);
  const ok = iconv.decode(bytes, page.iconv) === ch;
  const result = ok ? bytes : null;
  encodable.set(key, result);
  return result;
}

export function decodeWith(page: CodePageId, bytes: Buffer): string {
  const iconvName = EPSON_PAGES[page]?.iconv ?? 'cp437';
  return iconv.decode(bytes, iconvName);
}

/** Epson `ESC t n` numbers, for the decoder in tests and for status displays. */
export const EPSON_PAGE_BY_NUMBER: ReadonlyMap<number, CodePageId> = new Map([
  [0, 'pc437'],
  [16, 'wpc1252'],
  [44, 'cp1125'],
  [46, 'wpc1251'],
]);
