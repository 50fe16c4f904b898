import { readFileSync } from 'node:fs';
import { BASIC_GLYPHS_HEX } from './raster-font-basic';

/** A 1-bit glyph: `rows` holds `height` rows of `width / 8` bytes, most significant bit left. */
export interface Glyph {
  readonly width: 8 | 16;
  readonly height: 16;
  readonly rows: Uint8Array;
}

export interface GlyphSource {
  glyph(codePoint: number): Glyph;
}

function parseHex(text: string, into: Map<number, Glyph>): void {
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const cp = Number.parseInt(line.slice(0, colon), 16);
    const bits = line.slice(colon + 1).trim();
    if (bits.length !== 32 && bits.length !== 64) continue;
    into.set(cp, {
      width: bits.length === 32 ? 8 : 16,
      height: 16,
      rows: Buffer.from(bits, 'hex'),
    });
  }
}

/** 3×5 digits for the "unknown glyph" box: 15 bits per digit, rows top to bottom. */
const MINI_DIGITS = [
  0x7b6f, 0x2c97, 0x73e7, 0x73cf, 0x5bc9, 0x79cf, 0x79ef, 0x7249, 0x7bef, 0x7bcf, 0x7bed, 0x6bae,
  0x7927, 0x6b6e, 0x79e7, 0x79e4,
];

/**
 * A 16×16 box showing the code point in hex (as Unifont draws missing glyphs): a reader sees
 * that a character could not be drawn and which one it was — the opposite of a silent `?`.
 */
export function codePointBox(codePoint: number): Glyph {
  const rows = new Uint8Array(32);
  const set = (x: number, y: number) => {
    const i = y * 2 + (x >> 3);
    rows[i] = (rows[i] ?? 0) | (0x80 >> (x & 7));
  };
  for (let i = 0; i < 16; i++) {
    set(i, 0);
    set(i, 15);
    set(0, i);
    set(15, i);
  }
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const perRow = Math.ceil(hex.length / 2);
  const lines = [hex.slice(0, perRow), hex.slice(perRow)];
  lines.forEach((digits, lineIndex) => {
    const top = lineIndex === 0 ? 2 : 9;
    [...digits].forEach((d, k) => {
      const bits = MINI_DIGITS[Number.parseInt(d, 16)] ?? 0;
      const left = 2 + k * 4;
      for (let y = 0; y < 5; y++) {
        for (let x = 0; x < 3; x++) {
          if (bits & (1 << (14 - (y * 3 + x)))) set(left + x, top + y);
        }
      }
    });
  });
  return { width: 16, height: 16, rows };
}

/**
 * Glyphs from the built-in basic set, then an optional full Unifont .hex file (Debian's
 * `unifont` package installs /usr/share/unifont/unifont.hex, which covers CJK), then the box.
 */
export function createGlyphSource(fullFontPath?: string): GlyphSource {
  const glyphs = new Map<number, Glyph>();
  parseHex(BASIC_GLYPHS_HEX, glyphs);
  let fullLoaded = false;
  const loadFull = () => {
    fullLoaded = true;
    if (!fullFontPath) return;
    try {
      parseHex(readFileSync(fullFontPath, 'utf8'), glyphs);
    } catch {
      // Missing font file: characters fall back to code-point boxes, which are still visible.
    }
  };
  return {
    glyph(codePoint) {
      const known = glyphs.get(codePoint);
      if (known) return known;
      if (!fullLoaded) {
        loadFull();
        const loaded = glyphs.get(codePoint);
        if (loaded) return loaded;
      }
      return codePointBox(codePoint);
    },
  };
}
