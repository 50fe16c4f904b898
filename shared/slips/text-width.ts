/**
 * Column arithmetic for monospaced slips. Thermal printers draw CJK ideographs (GB18030 in
 * Kanji mode, or our raster fallback) two columns wide, so every fit, pad and wrap here counts
 * display columns, not UTF-16 code units — otherwise Chinese lines overflow and wrap mid-row.
 */

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

export function charWidth(codePoint: number): 1 | 2 {
  for (const [lo, hi] of WIDE_RANGES) {
    if (codePoint >= lo && codePoint <= hi) return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Cuts `text` to at most `max` columns, never splitting a wide character. */
export function truncateToWidth(text: string, max: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (width + w > max) break;
    out += ch;
    width += w;
  }
  return out;
}

/** Runs of spaces, words, and single CJK characters (each a word: Chinese breaks anywhere). */
const TOKENS = /\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffe6]+|./gu;
const WORDS = /[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffe6]+|\S/gu;

/**
 * Greedy word wrap by display width. Words longer than a line are split; CJK text (no spaces)
 * breaks between any two characters, which is how Chinese is set.
 */
export function wrapToWidth(text: string, max: number): string[] {
  if (max < 1) return [text];
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const first = lines.length;
    let line = '';
    let lineWidth = 0;
    const tokens = paragraph.match(TOKENS) ?? [];
    for (const token of tokens) {
      const isSpace = /^\s+$/u.test(token);
      const w = displayWidth(token);
      if (isSpace) {
        if (lineWidth > 0 && lineWidth + 1 <= max) {
          line += ' ';
          lineWidth += 1;
        }
        continue;
      }
      if (lineWidth + w > max && lineWidth > 0) {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      }
      let rest = token;
      while (displayWidth(rest) > max) {
        // A wide character on a one-column line goes out whole: a line never comes back
        // empty, so the loop always moves on.
        const head = truncateToWidth(rest, max) || String.fromCodePoint(rest.codePointAt(0)!);
        lines.push(head);
        rest = rest.slice(head.length);
      }
      line += rest;
      lineWidth += displayWidth(rest);
    }
    // Nothing left after a split: no blank line (an empty paragraph still is one).
    if (line.trimEnd() !== '' || lines.length === first) lines.push(line.trimEnd());
  }
  return lines;
}

/** The display width of the widest word of `text` (a Chinese character is a word of its own). */
export function widestWord(text: string): number {
  let widest = 0;
  for (const token of text.match(WORDS) ?? []) widest = Math.max(widest, displayWidth(token));
  return widest;
}

export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
