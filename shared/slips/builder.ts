import type { SlipBlock, SlipColumns, SlipDocument, SlipKind, SlipLocale } from './document';
import { slipText } from './slip-text';
import { displayWidth, truncateToWidth, wrapToWidth } from './text-width';

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

  /** Left text and right-aligned value on one line; a long left side wraps above it. */
  row(left: string, right: string, options: { bold?: boolean; indent?: number } = {}): this {
    const indent = options.indent ?? 0;
    const rightText = truncateToWidth(slipText(right), this.columns - indent);
    const rightWidth = displayWidth(rightText);
    const leftMax = Math.max(1, this.columns - rightWidth - 1 - indent);
    const leftLines = wrapToWidth(slipText(left), leftMax);
    const last = leftLines.pop() ?? '';
    for (const line of leftLines) {
      this.pushCells([{ col: indent, text: line }], options.bold);
    }
    const cells: { col: number; text: string }[] = [];
    if (last !== '') cells.push({ col: indent, text: last });
    if (rightText !== '') cells.push({ col: this.columns - rightWidth, text: rightText });
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
