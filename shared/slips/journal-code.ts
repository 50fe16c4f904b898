import type { SlipBlock, SlipDocument } from './document';
import { slipLabels } from './labels';

/**
 * The Z slip's proof of the journal (issue 8 item 4): the short code of main's signature over
 * its journal head, and the entry seq that head stands at. A chain rewritten after this Z
 * yields another head and so another code; anyone holding the paper can tell.
 */
export function withJournalCode(
  doc: SlipDocument,
  signed: { readonly code: string; readonly seq: number },
): SlipDocument {
  const labels = slipLabels(doc.locale);
  const lines: SlipBlock[] = [
    { kind: 'text', text: `${labels.journalCode}: ${signed.code}`, align: 'center', bold: true },
    { kind: 'text', text: `(${labels.journalEntry} ${signed.seq})`, align: 'center' },
  ];
  return { ...doc, blocks: [...doc.blocks, ...lines] };
}
