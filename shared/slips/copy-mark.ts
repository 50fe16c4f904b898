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
