import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { SlipBlock, SlipDocument } from '../../shared/slips/document';
import { composeCells } from '../../shared/slips/preview';
import { SLIP_REPLACEMENT_CHAR, slipText } from '../../shared/slips/slip-text';
import { displayWidth } from '../../shared/slips/text-width';
import type { PrinterDriver } from '../../shared/ipc/printer';
import { encodeChar, pagesFor, type CodePage, type CodePageProfile } from './code-pages';
import type { GlyphSource } from './raster-font';
import { DOTS_PER_COLUMN, rasterLine } from './raster-text';

export interface EncoderProfile extends CodePageProfile {
  readonly driver: PrinterDriver;
  readonly glyphs: GlyphSource;
}

export interface EncodedSlip {
  readonly bytes: Buffer;
  /** bytes spent on `GS v 0` images: 0 whenever the code pages cover the text */
  readonly rasterBytes: number;
  readonly rasterLines: number;
}

const LF = Buffer.from([0x0a]);
/** What a replaced control character prints as: no page we select has U+FFFD. */
const REPLACEMENT_FALLBACK = Buffer.from('?');

type Align = 'left' | 'center' | 'right';

/**
 * Renders a SlipDocument to printer bytes. node-thermal-printer builds the commands (styles,
 * alignment, native QR `GS ( k`, CODE128 `GS k`, cut); text bytes come from our own code-page
 * selection (see code-pages.ts). Printer state (page, style) starts unknown because a job may
 * follow anything: no `ESC @` at the start (it would discard a previous job still in the
 * printer's buffer), one after the cut.
 */
export class SlipEncoder {
  private readonly pages: CodePage[];

  constructor(private readonly profile: EncoderProfile) {
    this.pages = pagesFor(profile);
  }

  encode(doc: SlipDocument): EncodedSlip {
    const printer = new ThermalPrinter({
      type: this.profile.driver === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
      // No interface: the library only builds bytes here; transports are ours.
      interface: '',
      width: doc.columns,
    });
    return new EncodeRun(this.profile, this.pages, printer).run(doc);
  }
}

/** State of one encode: what the printer has been told so far. */
class EncodeRun {
  private page: CodePage | null = null;
  private bold: boolean | null = null;
  private large: boolean | null = null;
  private align: Align | null = null;
  private rasterBytes = 0;
  private rasterLines = 0;

  constructor(
    private readonly profile: EncoderProfile,
    private readonly pages: readonly CodePage[],
    private readonly printer: ThermalPrinter,
  ) {}

  run(doc: SlipDocument): EncodedSlip {
    for (const block of doc.blocks) this.block(block, doc.columns);
    this.leaveMultiByte();
    this.printer.cut();
    return {
      bytes: Buffer.from(this.printer.getBuffer()),
      rasterBytes: this.rasterBytes,
      rasterLines: this.rasterLines,
    };
  }

  private block(block: SlipBlock, columns: number): void {
    switch (block.kind) {
      case 'text':
        this.textLine(block.text, columns, block.align, !!block.bold, block.size === 'large');
        return;
      case 'cells':
        this.cellsLine(block.cells, columns, !!block.bold);
        return;
      case 'rule':
        this.textLine(block.char.repeat(columns), columns, 'left', false, false);
        return;
      case 'qr':
        this.setAlign('center');
        // Star's builder reads `correctionLevel`, Epson's `correction`; M on both.
        this.printer.printQR(block.data, {
          cellSize: block.moduleSize,
          correction: 'M',
          correctionLevel: 'M',
          model: 2,
        } as Parameters<ThermalPrinter['printQR']>[1]);
        this.printer.add(LF);
        return;
      case 'barcode':
        this.setAlign('center');
        if (this.profile.driver === 'star') {
          this.printer.printBarcode(block.data, 6, { height: 80 });
        } else {
          // Module width 2 keeps a 14-character code inside a 58 mm head (384 dots).
          // GS k 73 = CODE128 (code set B); the library's typed code128() settings are stale.
          this.printer.printBarcode(block.data, 73, {
            hriPos: block.hri ? 2 : 0,
            width: 2,
            height: 80,
          });
        }
        this.printer.add(LF);
        return;
      case 'feed':
        for (let i = 0; i < block.lines; i++) this.printer.add(LF);
        return;
    }
  }

  private textLine(
    text: string,
    columns: number,
    align: Align,
    bold: boolean,
    large: boolean,
  ): void {
    // The document came over IPC: the builder's cleaning is not something main can rely on.
    text = slipText(text);
    if (!this.canEncode(text)) {
      this.raster(text, columns, align, large);
      return;
    }
    this.setAlign(align);
    this.setStyle(bold, large);
    this.printer.add(this.encodeText(text));
    this.printer.add(LF);
  }

  private cellsLine(
    cells: readonly { col: number; text: string }[],
    columns: number,
    bold: boolean,
  ): void {
    cells = cells.map((c) => ({ col: c.col, text: slipText(c.text) }));
    if (!cells.every((c) => this.canEncode(c.text))) {
      this.raster(composeCells(cells), columns, 'left', false);
      return;
    }
    this.setAlign('left');
    this.setStyle(bold, false);
    let at = 0;
    for (const cell of cells) {
      const gap = cell.col - at;
      if (gap > 0) {
        // ESC $ (absolute position) is 4 bytes: cheaper than a run of spaces, and exact for
        // wide characters. Star line mode has no equivalent we rely on, so it gets spaces.
        if (gap > 4 && this.profile.driver === 'epson') {
          const dots = cell.col * DOTS_PER_COLUMN;
          this.printer.add(Buffer.from([0x1b, 0x24, dots & 0xff, (dots >> 8) & 0xff]));
        } else {
          this.printer.add(Buffer.from(' '.repeat(gap)));
        }
        at = cell.col;
      }
      this.printer.add(this.encodeText(cell.text));
      at += displayWidth(cell.text);
    }
    this.printer.add(LF);
  }

  private raster(text: string, columns: number, align: Align, large: boolean): void {
    this.setAlign('left');
    const image = rasterLine(text, columns, align, large, this.profile.glyphs);
    this.rasterBytes += image.length;
    this.rasterLines += 1;
    this.printer.add(image);
  }

  private canEncode(text: string): boolean {
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp >= 0x20 && cp < 0x7f) continue;
      // A replaced control character never forces a raster line: it prints as `?` if need be.
      if (ch === SLIP_REPLACEMENT_CHAR) continue;
      if (!this.pages.some((p) => encodeChar(p, ch) !== null)) return false;
    }
    return true;
  }

  /** Text bytes with page switches only where the next character needs another page. */
  private encodeText(text: string): Buffer {
    const parts: Buffer[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp >= 0x20 && cp < 0x7f) {
        parts.push(Buffer.from([cp]));
        continue;
      }
      // No page we select prints U+FFFD (iconv maps it to an undefined byte such as 0x9D in
      // WPC1252, and Chinese fonts lack it), so the replacement mark is always `?`.
      if (ch === SLIP_REPLACEMENT_CHAR) {
        parts.push(REPLACEMENT_FALLBACK);
        continue;
      }
      let bytes = this.page ? encodeChar(this.page, ch) : null;
      if (!bytes) {
        for (const page of this.pages) {
          const candidate = encodeChar(page, ch);
          if (candidate) {
            parts.push(this.switchTo(page));
            bytes = candidate;
            break;
          }
        }
      }
      // canEncode() ran first, so a page was found; the guard keeps the types honest.
      if (bytes) parts.push(bytes);
    }
    return Buffer.concat(parts);
  }

  private switchTo(page: CodePage): Buffer {
    const parts: Buffer[] = [];
    if (this.page?.leave) parts.push(this.page.leave);
    parts.push(page.select);
    this.page = page;
    return Buffer.concat(parts);
  }

  private leaveMultiByte(): void {
    if (this.page?.leave) {
      this.printer.add(this.page.leave);
      this.page = null;
    }
  }

  private setAlign(align: Align): void {
    if (this.align === align) return;
    if (align === 'center') this.printer.alignCenter();
    else if (align === 'right') this.printer.alignRight();
    else this.printer.alignLeft();
    this.align = align;
  }

  private setStyle(bold: boolean, large: boolean): void {
    if (this.large !== large) {
      // Epson: GS ! scales Chinese (Kanji mode) glyphs too, and leaves emphasis alone.
      if (this.profile.driver === 'epson') this.printer.setTextSize(large ? 1 : 0, large ? 1 : 0);
      else if (large) this.printer.setTextQuadArea();
      else this.printer.setTextNormal();
      this.large = large;
    }
    if (this.bold !== bold) {
      this.printer.bold(bold);
      this.bold = bold;
    }
  }
}

/** Convenience for one-off encodes (the service keeps one encoder per printer). */
export function encodeSlip(doc: SlipDocument, profile: EncoderProfile): EncodedSlip {
  return new SlipEncoder(profile).encode(doc);
}
