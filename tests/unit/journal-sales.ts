/**
 * A long journal of full-size entries for the journal's packing tests: sign-in, shift open,
 * then cash sales — the first drafted by the domain's `sell`, the rest copies with their own
 * order id and the next receipt number (as tests/bench/anchor-bench-page.ts seeds).
 */
import { sell } from '../../shared/commands';
import type { EntryDraft, SalePayload } from '../../shared/journal/entry-types';
import { openTill, STAFF, uah } from '../fixtures/domain';

export interface SaleDay {
  /** Drafts for entries `from`..`from + count - 1` (0-based), receipts numbered from `receiptNo`. */
  drafts(from: number, count: number, receiptNo: number): EntryDraft[];
  /** The id of the shift the sales are in. */
  readonly shiftId: string;
}

export async function saleDay(): Promise<SaleDay> {
  const till = openTill();
  till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 2 }],
        tenders: [{ kind: 'cash', tendered: uah(5000) }],
      },
      STAFF.olena,
      till.ports,
    ),
  );
  const [login, shiftOpen, firstSale] = till.entries as EntryDraft[];
  const sale = firstSale as Extract<EntryDraft, { type: 'sale' }>;
  const at = (k: number) => new Date(Date.parse('2026-04-01T08:00:00Z') + k * 1_000).toISOString();
  return {
    shiftId: (shiftOpen!.payload as { shiftId: string }).shiftId,
    drafts(from, count, receiptNo) {
      const drafts: EntryDraft[] = [];
      let receipt = receiptNo;
      for (let k = from; k < from + count; k++) {
        if (k === 0) drafts.push({ ...login!, at: at(k) });
        else if (k === 1) drafts.push({ ...shiftOpen!, at: at(k) });
        else {
          const payload: SalePayload = {
            ...sale.payload,
            orderId: `${sale.payload.orderId.slice(0, 24)}${String(k).padStart(12, '0')}`,
            receiptNo: receipt++,
          };
          drafts.push({ ...sale, at: at(k), payload });
        }
      }
      return drafts;
    },
  };
}
