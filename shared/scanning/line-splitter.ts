/**
 * Splits a scanner's byte stream (already decoded to text) into lines.
 *
 * Scanners end a scan with CR, LF or CRLF depending on how they were programmed, and serial
 * reads arrive in arbitrary chunks: a CRLF can be split across two reads. In `auto` mode a
 * CR ends the line at once (no waiting for a possible LF, which would add latency) and a LF
 * directly after a CR is swallowed, so CRLF never yields an empty or doubled scan.
 */
export type LineTerminator = 'auto' | 'CR' | 'LF' | 'CRLF';

export type SplitEvent =
  | { readonly kind: 'line'; readonly text: string }
  /** A line longer than `maxLength` was dropped; noise on the wire cannot grow memory. */
  | { readonly kind: 'overflow'; readonly length: number };

export interface LineSplitter {
  push(chunk: string): SplitEvent[];
  /** Forgets a partial line, e.g. after the port reconnects. */
  reset(): void;
}

export interface LineSplitterOptions {
  readonly terminator: LineTerminator;
  /** Longest line kept; longer ones are reported as overflow and discarded. */
  readonly maxLength: number;
}

const CR = '\r';
const LF = '\n';

export function createLineSplitter(options: LineSplitterOptions): LineSplitter {
  const { terminator, maxLength } = options;
  let buffer = '';
  // Length of the line being discarded because it outgrew maxLength (0 = not discarding).
  let discarding = 0;
  // auto: the previous character was a CR, so a LF now belongs to it.
  // CRLF: a CR is pending and the line ends only if the next character is LF.
  let afterCR = false;

  function append(out: SplitEvent[], text: string): void {
    if (discarding > 0) {
      discarding += text.length;
      return;
    }
    if (buffer.length + text.length > maxLength) {
      discarding = buffer.length + text.length;
      buffer = '';
      return;
    }
    buffer += text;
  }

  function endLine(out: SplitEvent[]): void {
    if (discarding > 0) {
      out.push({ kind: 'overflow', length: discarding });
      discarding = 0;
    } else if (buffer.length > 0) {
      out.push({ kind: 'line', text: buffer });
    }
    buffer = '';
  }

  function pushChar(out: SplitEvent[], ch: string): void {
    switch (terminator) {
      case 'auto':
        if (ch === CR) {
          endLine(out);
          afterCR = true;
          return;
        }
        if (ch === LF) {
          if (!afterCR) endLine(out);
          afterCR = false;
          return;
        }
        afterCR = false;
        append(out, ch);
        return;
      case 'CR':
        if (ch === CR) endLine(out);
        else append(out, ch);
        return;
      case 'LF':
        if (ch === LF) endLine(out);
        else append(out, ch);
        return;
      case 'CRLF':
        if (afterCR) {
          afterCR = false;
          if (ch === LF) {
            endLine(out);
            return;
          }
          // A lone CR inside a CRLF-terminated line is data; validation decides about it.
          append(out, CR);
        }
        if (ch === CR) afterCR = true;
        else append(out, ch);
        return;
    }
  }

  return {
    push(chunk) {
      const out: SplitEvent[] = [];
      for (const ch of chunk) pushChar(out, ch);
      return out;
    },
    reset() {
      buffer = '';
      discarding = 0;
      afterCR = false;
    },
  };
}
