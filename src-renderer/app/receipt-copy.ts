import type { ContractClient } from '../../shared/ipc/client';
import { markCopy } from '../../shared/slips/copy-mark';
import type { Locale } from '../i18n';
import { reloadOrder } from './order-service';
import { printDocument, saleReceiptDocument, staffNames } from './print-service';
import type { Till } from './till';

/**
 * "Print a copy of the receipt": a duplicate the cashier asked for, always marked COPY and
 * never opening the drawer.
 *
 * Main keeps the jobs it printed, so the copy is first asked of main as a reprint of the
 * sale's own job (`sale-<orderId>`, see `printSale`): the very slip the customer got, marked
 * COPY by main. Main may not know that job — another terminal sold the order, the queue was
 * reset, or the page died between the commit and the print so the job never reached main.
 * Then the receipt is rebuilt from the sale stored with the order in IndexedDB, marked COPY
 * here, and printed as a plain document: no `sale`, so main has no drawer to open.
 */

export type ReceiptCopyOutcome =
  | {
      readonly state: 'printed' | 'queued';
      /** 'reprint': main's copy of its own job; 'rebuilt': from the stored sale. */
      readonly via: 'reprint' | 'rebuilt';
    }
  /** The order is not in this till's store, so there is nothing to rebuild. */
  | { readonly state: 'missing' }
  | { readonly state: 'failed'; readonly message: string };

/** The job id main printed the sale's receipt under. */
export function saleJobId(orderId: string): string {
  return `sale-${orderId}`;
}

/**
 * A fresh job id per request: main prints a job id once, so each click is one copy — and a
 * second request with the same id (a double click in the same millisecond) is not another.
 */
export function copyJobId(orderId: string, at: number): string {
  return `copy-${orderId}-${at}`;
}

export async function printReceiptCopy(
  client: ContractClient,
  till: Till,
  orderId: string,
  locale: Locale,
): Promise<ReceiptCopyOutcome> {
  const jobId = copyJobId(orderId, till.ports.clock());
  const reprint = await client.call('printer.print', { jobId, reprintOf: saleJobId(orderId) });
  if (reprint.ok) return { state: reprint.value.state, via: 'reprint' };
  if (reprint.error.code !== 'not_found')
    return { state: 'failed', message: reprint.error.message };

  const found = await reloadOrder(till, orderId);
  if (found === null) return { state: 'missing' };
  const { record } = found;
  const names = await staffNames(till);
  // Main refused the reprint without queueing anything, so the same job id is still unused.
  const printed = await printDocument(client, jobId, (columns) =>
    markCopy(
      saleReceiptDocument(
        till,
        { sale: record.order.sale },
        locale,
        columns,
        { terminalId: record.terminalId, issuedAt: record.at },
        names,
      ),
    ),
  );
  return printed.state === 'failed'
    ? { state: 'failed', message: printed.message ?? '' }
    : { state: printed.state, via: 'rebuilt' };
}
