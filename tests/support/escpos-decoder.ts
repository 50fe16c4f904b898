import iconv from 'iconv-lite';

/**
 * A small Epson ESC/POS decoder for tests: it reads the bytes a printer received and gives
 * back what would appear on paper — text lines (decoded through the code page the stream
 * selected), QR payloads, CODE128 data, raster images, cuts and drawer kicks. It knows only
 * the commands our encoder and node-thermal-printer emit, and records anything else.
 */

export interface DrawerKick {
  readonly pin: number;
  readonly onMs: number;
  readonly offMs: number;
}

export interface RasterBlock {
  readonly widthBytes: number;
  readonly height: number;
  readonly data: Buffer;
}

export interface DecodedJob {
  /** printed lines, trailing spaces removed; symbols as `[QR data]`, `[CODE128 data]`, `[RASTER w×h]` */
  readonly lines: string[];
  readonly qr: string[];
  readonly code128: string[];
  readonly raster: RasterBlock[];
  readonly cuts: number;
  readonly drawerKicks: DrawerKick[];
  /** `GS ( H` transmission process ids (completion receipts the host asked for) */
  readonly processIds: string[];
  /** `DLE EOT n` real-time status requests */
  readonly statusRequests: number[];
  /** code pages selected, in order (`ESC t n` numbers, or 'gb18030' for `FS &`) */
  readonly pagesSelected: (number | 'gb18030')[];
  /** bytes of commands the decoder does not know, with their offsets */
  readonly unknown: { offset: number; byte: number }[];
  /** characters that decoded to `?` while the stream did not send 0x3F for them */
  readonly questionMarks: number;
}

const PAGE_ICONV: Record<number, string> = {
  0: 'cp437',
  16: 'win1252',
  17: 'cp866',
  44: 'cp1125',
  46: 'win1251',
};

export function decodeEscPos(bytes: Buffer): DecodedJob {
  const out: { -readonly [K in keyof DecodedJob]: DecodedJob[K] } = {
    lines: [],
    qr: [],
    code128: [],
    raster: [],
    cuts: 0,
    drawerKicks: [],
    processIds: [],
    statusRequests: [],
    pagesSelected: [],
    unknown: [],
    questionMarks: 0,
  };
  let line = '';
  let lineWidth = 0;
  let page = 0;
  let kanji = false;
  let qrStore = '';
  let afterSymbol = false;
  const at = (i: number) => bytes[i] ?? 0;

  const flush = () => {
    out.lines.push(line.trimEnd());
    line = '';
    lineWidth = 0;
  };
  const symbolLine = (text: string) => {
    if (line !== '') flush();
    out.lines.push(text);
    afterSymbol = true;
  };
  const addText = (text: string) => {
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      lineWidth += (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
    }
    line += text;
    afterSymbol = false;
  };

  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      if (!(afterSymbol && line === '')) flush();
      afterSymbol = false;
      i += 1;
    } else if (b === 0x0d || b === 0x09) {
      i += 1;
    } else if (b === 0x1b) {
      const c = at(i + 1);
      switch (c) {
        case 0x40: // ESC @ init: modes and page back to defaults
          page = 0;
          kanji = false;
          i += 2;
          break;
        case 0x32: // ESC 2
          i += 2;
          break;
        case 0x21: // ESC !
        case 0x45: // ESC E
        case 0x2d: // ESC -
        case 0x61: // ESC a
        case 0x4d: // ESC M
        case 0x33: // ESC 3
        case 0x52: // ESC R
        case 0x7b: // ESC {
        case 0x4a: // ESC J
          i += 3;
          break;
        case 0x74: // ESC t n
          page = at(i + 2);
          out.pagesSelected.push(page);
          i += 3;
          break;
        case 0x64: {
          // ESC d n: feed n lines
          if (line !== '') flush();
          const n = at(i + 2);
          for (let k = 0; k < n; k++) out.lines.push('');
          i += 3;
          break;
        }
        case 0x24: {
          // ESC $ nL nH: absolute position in dots (12 per column, font A)
          const col = Math.floor((at(i + 2) + at(i + 3) * 256) / 12);
          if (col > lineWidth) {
            line += ' '.repeat(col - lineWidth);
            lineWidth = col;
          }
          i += 4;
          break;
        }
        case 0x70: // ESC p m t1 t2: drawer kick
          out.drawerKicks.push({ pin: at(i + 2), onMs: at(i + 3) * 2, offMs: at(i + 4) * 2 });
          i += 5;
          break;
        default:
          out.unknown.push({ offset: i, byte: c });
          i += 2;
      }
    } else if (b === 0x1d) {
      const c = at(i + 1);
      switch (c) {
        case 0x21: // GS !
        case 0x68: // GS h
        case 0x77: // GS w
        case 0x48: // GS H
        case 0x66: // GS f
        case 0x42: // GS B
        case 0x72: // GS r
          i += 3;
          break;
        case 0x56: {
          // GS V m [n]
          const m = at(i + 2);
          if (line !== '') flush();
          out.cuts += 1;
          i += m >= 65 ? 4 : 3;
          break;
        }
        case 0x6b: {
          // GS k m ...
          const m = at(i + 2);
          if (m >= 65) {
            const n = at(i + 3);
            let data = bytes.subarray(i + 4, i + 4 + n).toString('latin1');
            if (m === 73) {
              data = data.replace(/^\{[ABC]/, '');
              out.code128.push(data);
              symbolLine(`[CODE128 ${data}]`);
            } else {
              symbolLine(`[BARCODE ${m} ${data}]`);
            }
            i += 4 + n;
          } else {
            let end = i + 3;
            while (end < bytes.length && at(end) !== 0) end++;
            symbolLine(`[BARCODE ${m} ${bytes.subarray(i + 3, end).toString('latin1')}]`);
            i = end + 1;
          }
          break;
        }
        case 0x28: {
          // GS ( fn pL pH ...
          const fnByte = at(i + 2);
          const len = at(i + 3) + at(i + 4) * 256;
          const body = bytes.subarray(i + 5, i + 5 + len);
          if (fnByte === 0x6b && body[0] === 0x31 && body[1] === 0x50) {
            qrStore = body.subarray(3).toString('latin1');
          } else if (fnByte === 0x6b && body[0] === 0x31 && body[1] === 0x51) {
            out.qr.push(qrStore);
            symbolLine(`[QR ${qrStore}]`);
          } else if (fnByte === 0x48 && body[0] === 0x30 && body[1] === 0x30) {
            out.processIds.push(body.subarray(2).toString('latin1'));
          }
          i += 5 + len;
          break;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d...
          const widthBytes = at(i + 4) + at(i + 5) * 256;
          const height = at(i + 6) + at(i + 7) * 256;
          const data = bytes.subarray(i + 8, i + 8 + widthBytes * height);
          out.raster.push({ widthBytes, height, data: Buffer.from(data) });
          symbolLine(`[RASTER ${widthBytes * 8}x${height}]`);
          i += 8 + widthBytes * height;
          break;
        }
        default:
          out.unknown.push({ offset: i, byte: c });
          i += 2;
      }
    } else if (b === 0x1c) {
      const c = at(i + 1);
      if (c === 0x26) kanji = true;
      else if (c === 0x2e) kanji = false;
      else out.unknown.push({ offset: i, byte: c });
      if (c === 0x26) out.pagesSelected.push('gb18030');
      i += c === 0x21 || c === 0x43 ? 3 : 2;
    } else if (b === 0x10) {
      const c = at(i + 1);
      if (c === 0x04) out.statusRequests.push(at(i + 2));
      else out.unknown.push({ offset: i, byte: c });
      i += 3;
    } else if (b < 0x20) {
      out.unknown.push({ offset: i, byte: b });
      i += 1;
    } else if (b < 0x80) {
      addText(String.fromCharCode(b));
      i += 1;
    } else if (kanji) {
      // GB18030: two bytes, or four when the second is a digit 0x30–0x39.
      const n = at(i + 1) >= 0x30 && at(i + 1) <= 0x39 ? 4 : 2;
      const ch = iconv.decode(bytes.subarray(i, i + n), 'gb18030');
      if (ch === '?' || ch === '\ufffd') out.questionMarks += 1;
      addText(ch);
      i += n;
    } else {
      const ch = iconv.decode(bytes.subarray(i, i + 1), PAGE_ICONV[page] ?? 'cp437');
      if (ch === '?' || ch === '\ufffd') out.questionMarks += 1;
      addText(ch);
      i += 1;
    }
  }
  if (line !== '') flush();
  return out;
}

/** Lines without the blank feed lines before a cut, for comparing with a document's text. */
export function printedText(job: DecodedJob): string[] {
  const lines = [...job.lines];
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
