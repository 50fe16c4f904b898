import type { SlipBlock, SlipColumns, SlipDocument, SlipKind, SlipLocale } from './document';
import { slipText } from './slip-text';
import { displayWidth, widestWord, wrapToWidth } from './text-width';

export interface TextOptions {
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
  readonly size?: 'normal' | 'large';
}

/**
 * Builds a SlipDocument line by line. Every method resolves widths against the paper's
 * columns, so a block never overflows and the encoder never has to wrap.
 */
export class SlipBuilder {
  private readonly blocks: SlipBlock[] = [];

  constructor(
    private readonly kind: SlipKind,
    private readonly locale: SlipLocale,
    readonly columns: SlipColumns,
  ) {}

  /** Wrapped text; `large` lines hold half the columns. */
  text(text: string, options: TextOptions = {}): this {
    const size = options.size ?? 'normal';
    const max = size === 'large' ? Math.floor(this.columns / 2) : this.columns;
    for (const line of wrapToWidth(slipText(text), max)) {
      const block: SlipBlock = { kind: 'text', text: line, align: options.align ?? 'left' };
      if (options.bold) block.bold = true;
      if (size === 'large') block.size = 'large';
      this.blocks.push(block);
    }
    return this;
  }

  /**
   * Left text and right-aligned value on one line; a long left side wraps above it. When the
   * value is so wide that a word of the left side would not fit beside it (a long name on
   * 58 mm paper), the value goes on a line of its own under the left side instead, so no
   * word is cut and the two never overlap.
   */
  row(left: string, right: string, options: { bold?: boolean; indent?: number } = {}): this {
    const indent = options.indent ?? 0;
    const width = this.columns - indent;
    const leftText = slipText(left);
    const fullRight = slipText(right);
    const leftMax = this.columns - displayWidth(fullRight) - 1 - indent;
    if (leftMax < widestWord(leftText)) {
      for (const line of leftText === '' ? [] : wrapToWidth(leftText, width)) {
        this.pushCells([{ col: indent, text: line }], options.bold);
      }
      for (const line of fullRight === '' ? [] : wrapToWidth(fullRight, width)) {
        this.pushCells([{ col: this.columns - displayWidth(line), text: line }], options.bold);
      }
      return this;
    }
    const leftLines = wrapToWidth(leftText, leftMax);
    const last = leftLines.pop() ?? '';
    for (const line of leftLines) {
      this.pushCells([{ col: indent, text: line }], options.bold);
    }
    const cells: { col: number; text: string }[] = [];
    if (last !== '') cells.push({ col: indent, text: last });
    if (fullRight !== '') {
      cells.push({ col: this.columns - displayWidth(fullRight), text: fullRight });
    }
    if (cells.length === 0) cells.push({ col: 0, text: '' });
    this.pushCells(cells, options.bold);
    return this;
  }

  rule(char: '-' | '=' = '-'): this {
    this.blocks.push({ kind: 'rule', char });
    return this;
  }

  qr(data: string, moduleSize = 4): this {
    this.blocks.push({ kind: 'qr', data, moduleSize });
    return this;
  }

  code128(data: string, hri = true): this {
    this.blocks.push({ kind: 'barcode', symbology: 'code128', data, hri });
    return this;
  }

  feed(lines = 1): this {
    this.blocks.push({ kind: 'feed', lines });
    return this;
  }

  build(title: string): SlipDocument {
    return {
      version: 1,
      kind: this.kind,
      locale: this.locale,
      columns: this.columns,
      title,
      blocks: [...this.blocks],
    };
  }

  private pushCells(cells: { col: number; text: string }[], bold: boolean | undefined): void {
    const block: SlipBlock = { kind: 'cells', cells };
    if (bold) block.bold = true;
    this.blocks.push(block);
  }
}
