import type { SlipBlock, SlipDocument } from './document';
import { displayWidth, padEndToWidth } from './text-width';

/**
 * The on-screen preview: the same lines the printer prints, as plain data the React UI can
 * render in a monospaced box (React escapes the strings, so nothing here is markup).
 */
export type PreviewLine =
  | {
      readonly kind: 'text';
      /** the line padded to the paper width (alignment applied), ready for a monospaced box */
      readonly text: string;
      readonly bold: boolean;
      readonly large: boolean;
    }
  | { readonly kind: 'qr'; readonly data: string }
  | { readonly kind: 'barcode'; readonly data: string; readonly hri: boolean };

export interface SlipPreview {
  readonly title: string;
  readonly columns: number;
  readonly lines: readonly PreviewLine[];
}

function aligned(text: string, width: number, align: 'left' | 'center' | 'right'): string {
  const free = Math.max(0, width - displayWidth(text));
  const left = align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2);
  return padEndToWidth(' '.repeat(left) + text, width);
}

/** Places cells at their start columns; a cell that would overlap its neighbour starts after it. */
export function composeCells(cells: readonly { col: number; text: string }[]): string {
  let line = '';
  for (const cell of cells) {
    const at = Math.max(cell.col, displayWidth(line));
    line = padEndToWidth(line, at) + cell.text;
  }
  return line;
}

function previewBlock(block: SlipBlock, columns: number): PreviewLine[] {
  switch (block.kind) {
    case 'text': {
      const large = block.size === 'large';
      const width = large ? Math.floor(columns / 2) : columns;
      return [
        { kind: 'text', text: aligned(block.text, width, block.align), bold: !!block.bold, large },
      ];
    }
    case 'cells':
      return [
        {
          kind: 'text',
          text: padEndToWidth(composeCells(block.cells), columns),
          bold: !!block.bold,
          large: false,
        },
      ];
    case 'rule':
      return [{ kind: 'text', text: block.char.repeat(columns), bold: false, large: false }];
    case 'qr':
      return [{ kind: 'qr', data: block.data }];
    case 'barcode':
      return [{ kind: 'barcode', data: block.data, hri: block.hri }];
    case 'feed':
      return Array.from({ length: block.lines }, () => ({
        kind: 'text' as const,
        text: ' '.repeat(columns),
        bold: false,
        large: false,
      }));
  }
}

export function previewSlip(doc: SlipDocument): SlipPreview {
  return {
    title: doc.title,
    columns: doc.columns,
    lines: doc.blocks.flatMap((block) => previewBlock(block, doc.columns)),
  };
}

/**
 * The document as the printed text reads, one string per printed line, trailing spaces and
 * alignment padding removed; symbols appear as `[QR data]` / `[CODE128 data]`. Tests compare
 * the bytes a printer received, decoded, against this.
 */
export function slipTextLines(doc: SlipDocument): string[] {
  return doc.blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'text':
        return [block.text.trimEnd()];
      case 'cells':
        return [composeCells(block.cells).trimEnd()];
      case 'rule':
        return [block.char.repeat(doc.columns)];
      case 'qr':
        return [`[QR ${block.data}]`];
      case 'barcode':
        return [`[CODE128 ${block.data}]`];
      case 'feed':
        return Array.from({ length: block.lines }, () => '');
    }
  });
}
