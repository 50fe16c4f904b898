import type { SlipBlock, SlipDocument } from './document';
import { slipLabels } from './labels';

/**
 * A reprint of an earlier slip: the same lines with a large COPY mark at the top and the
 * bottom, so a second receipt or ticket can never pass for an original.
 */
export function markCopy(doc: SlipDocument): SlipDocument {
  const mark: SlipBlock = {
    kind: 'text',
    text: `*** ${slipLabels(doc.locale).copy} ***`,
    align: 'center',
    bold: true,
    size: 'large',
  };
  const first = doc.blocks[0];
  if (first?.kind === 'text' && first.text === mark.text) return doc;
  return {
    ...doc,
    title: `${doc.title} (${slipLabels(doc.locale).copy})`,
    blocks: [mark, ...doc.blocks, mark],
  };
}

/**
 * The slip for a voided sale: the sale's receipt with a large VOID mark at the top and the
 * bottom and without its ticket codes (QR or barcode), so the paper can never be taken for a
 * ticket or for a sale that stands.
 */
export function markVoid(doc: SlipDocument): SlipDocument {
  const label = slipLabels(doc.locale).void;
  const mark: SlipBlock = {
    kind: 'text',
    text: `*** ${label} ***`,
    align: 'center',
    bold: true,
    size: 'large',
  };
  const kept = doc.blocks.filter((b) => b.kind !== 'qr' && b.kind !== 'barcode');
  return { ...doc, title: `${doc.title} (${label})`, blocks: [mark, ...kept, mark] };
}

/**
 * A slip printed by a demo till: a DEMO line at the top, so paper from a demo (receipt,
 * ticket, voucher, X/Z report) is never taken for a real sale or a real ticket. It goes
 * first, or right under a COPY/VOID mark that opens the slip (that mark stays the first line,
 * as a copy is recognised by it). Main adds it to every new job when it was launched as a
 * demo; applying it twice is harmless.
 */
export function markDemo(doc: SlipDocument): SlipDocument {
  const labels = slipLabels(doc.locale);
  const mark: SlipBlock = {
    kind: 'text',
    text: `*** ${labels.demo} ***`,
    align: 'center',
    bold: true,
  };
  const isText = (b: SlipBlock | undefined, text: string) => b?.kind === 'text' && b.text === text;
  const [first, second] = doc.blocks;
  if (isText(first, mark.text) || isText(second, mark.text)) return doc;
  const opensWithMark =
    isText(first, `*** ${labels.copy} ***`) || isText(first, `*** ${labels.void} ***`);
  const at = opensWithMark ? 1 : 0;
  return { ...doc, blocks: [...doc.blocks.slice(0, at), mark, ...doc.blocks.slice(at)] };
}
