import type { ReactNode } from 'react';
import type { SlipDocument } from '../../../shared/slips';
import { previewSlip } from '../../../shared/slips';
import { charWidth } from '../../../shared/slips/text-width';

/**
 * The printer gives a Chinese character exactly two columns; screen fonts draw it a little
 * narrower, which would pull the amounts after it out of their column. Each wide character
 * therefore sits in a box two monospace cells wide (its text is unchanged for copy and tests).
 */
function cells(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let narrow = '';
  let i = 0;
  for (const ch of text) {
    if (charWidth(ch.codePointAt(0) ?? 0) === 2) {
      if (narrow !== '') out.push(narrow);
      narrow = '';
      out.push(
        <span key={i} className="wide-char">
          {ch}
        </span>,
      );
    } else {
      narrow += ch;
    }
    i++;
  }
  if (narrow !== '') out.push(narrow);
  return out;
}

/**
 * A slip on screen exactly as the printer lays it out: one monospaced line per printed line,
 * the paper's width in characters. React escapes the strings, so nothing here is markup.
 */
export function SlipPreviewBox({
  document,
  label,
}: {
  readonly document: SlipDocument;
  readonly label: string;
}) {
  const preview = previewSlip(document);
  return (
    <section aria-label={label} className="slip-preview">
      {/* Focusable: a long report scrolls inside its box, and a keyboard user scrolls it too. */}
      <pre tabIndex={0} style={{ width: `${preview.columns + 2}ch` }}>
        {preview.lines.map((line, i) => {
          const text =
            line.kind === 'text'
              ? line.text
              : `[${line.kind === 'qr' ? 'QR' : 'CODE128'} ${line.data}]`;
          const bold = line.kind === 'text' && line.bold;
          return (
            <span key={i} className={bold ? 'slip-line bold' : 'slip-line'}>
              {bold ? <strong>{cells(text)}</strong> : cells(text)}
              {'\n'}
            </span>
          );
        })}
      </pre>
    </section>
  );
}
