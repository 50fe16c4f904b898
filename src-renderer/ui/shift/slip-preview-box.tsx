import type { SlipDocument } from '../../../shared/slips';
import { previewSlip } from '../../../shared/slips';

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
      <pre style={{ width: `${preview.columns + 2}ch` }}>
        {preview.lines.map((line, i) => {
          const text =
            line.kind === 'text'
              ? line.text
              : `[${line.kind === 'qr' ? 'QR' : 'CODE128'} ${line.data}]`;
          const bold = line.kind === 'text' && line.bold;
          return (
            <span key={i} className={bold ? 'slip-line bold' : 'slip-line'}>
              {bold ? <strong>{text}</strong> : text}
              {'\n'}
            </span>
          );
        })}
      </pre>
    </section>
  );
}
