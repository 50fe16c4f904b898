import type { Glyph, GlyphSource } from './raster-font';

/** Font A on the printers we support is 12×24 dots per column; raster lines keep that grid. */
export const DOTS_PER_COLUMN = 12;
const LINE_DOTS = 24;

/**
 * Renders one line of text as a `GS v 0` raster image. Used only when the line holds a
 * character no configured code page can encode: a raster line cannot share a line with
 * code-page text, so the whole line becomes an image, drawn with Unifont glyphs scaled from
 * 8×16 (one column) or 16×16 (two columns) to the printer's 12×24 cell.
 */
export function rasterLine(
  text: string,
  columns: number,
  align: 'left' | 'center' | 'right',
  large: boolean,
  glyphs: GlyphSource,
): Buffer {
  const scale = large ? 2 : 1;
  const widthDots = columns * DOTS_PER_COLUMN;
  const bytesPerRow = widthDots / 8;
  const height = LINE_DOTS * scale;
  const bitmap = Buffer.alloc(bytesPerRow * height);

  const chars = [...text].map((ch) => glyphs.glyph(ch.codePointAt(0) ?? 0x20));
  const cellsOf = (g: Glyph) => (g.width === 16 ? 2 : 1);
  const textDots = chars.reduce((sum, g) => sum + cellsOf(g) * DOTS_PER_COLUMN * scale, 0);
  const free = Math.max(0, widthDots - textDots);
  let x0 = align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2);

  for (const g of chars) {
    const cellW = cellsOf(g) * DOTS_PER_COLUMN * scale;
    const srcBytesPerRow = g.width / 8;
    for (let y = 0; y < height; y++) {
      const sy = Math.floor((y * g.height) / height);
      for (let x = 0; x < cellW; x++) {
        const dx = x0 + x;
        if (dx >= widthDots) break;
        const sx = Math.floor((x * g.width) / cellW);
        const byte = g.rows[sy * srcBytesPerRow + (sx >> 3)] ?? 0;
        if (byte & (0x80 >> (sx & 7))) {
          const i = y * bytesPerRow + (dx >> 3);
          bitmap[i] = (bitmap[i] ?? 0) | (0x80 >> (dx & 7));
        }
      }
    }
    x0 += cellW;
  }

  const header = Buffer.from([
    0x1d,
    0x76,
    0x30,
    0x00,
    bytesPerRow & 0xff,
    (bytesPerRow >> 8) & 0xff,
    height & 0xff,
    (height >> 8) & 0xff,
  ]);
  return Buffer.concat([header, bitmap]);
}
