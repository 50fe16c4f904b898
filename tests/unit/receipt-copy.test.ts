// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createContractClient, type ContractClient } from '../../shared/ipc/client';
import type { SlipColumns, SlipDocument } from '../../shared/slips';
import { markCopy } from '../../shared/slips/copy-mark';
import { formatDateTime } from '../../shared/slips/money-format';
import { printSale } from '../../src-renderer/app/print-service';
import { copyJobId, printReceiptCopy } from '../../src-renderer/app/receipt-copy';
import { commitSale } from '../../src-renderer/app/sale-service';
import type { Till } from '../../src-renderer/app/till';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill } from './till-fixtures';

afterEach(closeTills);

// "Print a copy of the receipt" on a real till (store, demo venue, a committed cash sale on
// fake-indexeddb); only main is faked, at the contract client's transport: a print queue that
// knows the jobs in `known` and answers every print with `state`.

type PrintRequest = {
  jobId: string;
  reprintOf?: string;
  document?: SlipDocument;
};

function fakeMain(opts: {
  known?: Set<string>;
  state?: 'printed' | 'queued';
  columns?: SlipColumns;
  /** every call fails with this code (main unreachable) */
  down?: 'unavailable';
}) {
  const known = opts.known ?? new Set<string>();
  const prints: PrintRequest[] = [];
  const reply = (value: unknown) => Promise.resolve({ ok: true, value });
  const refuse = (code: string, message: string) =>
    Promise.resolve({ ok: false, error: { code, message } });
  const client: ContractClient = createContractClient({
    kind: 'bridge',
    invoke: (method, args) => {
      if (opts.down) return refuse(opts.down, 'The device service is not available right now.');
      if (method === 'printer.list')
        return reply({
          printers: [{ id: 'p1', name: 'Window', driver: 'epson', columns: opts.columns ?? 48 }],
        });
      if (method !== 'printer.print') return refuse('unknown_method', method);
      const req = args as PrintRequest;
      prints.push(req);
      if (req.reprintOf !== undefined && !known.has(req.reprintOf))
        return refuse('not_found', `There is no print job ${req.reprintOf} to reprint.`);
      known.add(req.jobId);
      return reply({
        jobId: req.jobId,
        state: opts.state ?? 'printed',
        drawer: 'none',
      });
    },
    on: () => () => undefined,
  });
  return { client, prints, known };
}

async function sellForCash(till: Till) {
  const sold = await commitSale(
    till,
    {
      items: ['stalls-7-3', 'stalls-7-4'].map((seatId) => ({
        performanceId: 'forest-song-1',
        tierId: 'standard',
        seatId,
      })),
      tenders: [{ kind: 'cash', tendered: UAH(10_000) }],
    },
    olena,
  );
  if (!sold.ok) throw new Error(sold.error.message);
  return sold.value;
}

const textOf = (doc: SlipDocument) =>
  doc.blocks
    .flatMap((b) =>
      b.kind === 'text'
        ? [b.text]
        : b.kind === 'cells'
          ? [b.cells.map((c) => c.text).join(' ')]
          : [],
    )
    .join('\n');
const qrOf = (doc: SlipDocument) => doc.blocks.flatMap((b) => (b.kind === 'qr' ? [b.data] : []));

describe('print a copy of a sale receipt', { timeout: 30_000 }, () => {
  it('asks main to reprint the sale job when main still has it: one request, no document, no drawer', async () => {
    const till = await openDemoTill();
    const sale = await sellForCash(till);
    const orderId = sale.sale.orderId;
    const main = fakeMain({ known: new Set([`sale-${orderId}`]) });

    const out = await printReceiptCopy(main.client, till, orderId, 'en');

    expect(out).toEqual({ state: 'printed', via: 'reprint' });
    expect(main.prints).toEqual([
      { jobId: copyJobId(orderId, till.ports.clock()), reprintOf: `sale-${orderId}` },
    ]);
  });

  it('main never saw the job: the receipt is rebuilt from the stored sale, marked COPY top and bottom, with no drawer request', async () => {
    const till = await openDemoTill();
    const sale = await sellForCash(till);
    const orderId = sale.sale.orderId;
    // What the customer's original receipt was, as printSale sends it.
    const first = fakeMain({ columns: 32 });
    await printSale(first.client, till, sale, 'en');
    const original = first.prints[0]!.document!;
    // A print never opens the drawer: the request is the job and its document only.
    expect(Object.keys(first.prints[0]!)).toEqual(['jobId', 'document']);

    // A fresh main (queue reset, another terminal, or the print never arrived).
    const main = fakeMain({ columns: 32 });
    const out = await printReceiptCopy(main.client, till, orderId, 'en');

    expect(out).toEqual({ state: 'printed', via: 'rebuilt' });
    expect(main.prints).toHaveLength(2);
    const [asked, rebuilt] = main.prints;
    expect(asked).toEqual({
      jobId: copyJobId(orderId, till.ports.clock()),
      reprintOf: `sale-${orderId}`,
    });
    // The job id main refused is used for the rebuilt copy; never the sale's own job id.
    expect(rebuilt!.jobId).toBe(asked!.jobId);
    expect(rebuilt!.jobId).not.toBe(`sale-${orderId}`);
    // No `sale`: main has no drawer to open for a copy.
    expect(Object.keys(rebuilt!)).toEqual(['jobId', 'document']);
    const doc = rebuilt!.document!;
    const mark = { kind: 'text', text: '*** COPY ***', align: 'center', bold: true, size: 'large' };
    expect(doc.blocks[0]).toEqual(mark);
    expect(doc.blocks.at(-1)).toEqual(mark);
    expect(doc.title).toMatch(/\(COPY\)$/);
    // The same receipt as the original, laid out for the same paper: same lines, same codes.
    expect(doc).toEqual(markCopy(original));
    expect(doc.columns).toBe(32);
    expect(qrOf(doc).sort()).toEqual(sale.sale.tickets.map((t) => t.code).sort());
    expect(textOf(doc)).toContain('T1-000001');
  });

  it('rebuilt for the terminal that sold the order and at its sale time, not this till and now', async () => {
    const till = await openDemoTill();
    const sale = await sellForCash(till);
    const orderId = sale.sale.orderId;
    // An order another window sold (as a sync pull stores it).
    const record = await till.store.db.orders.get(orderId);
    await till.store.db.orders.put({
      ...record!,
      terminalId: 'T7',
      at: '2026-05-01T12:30:00.000Z',
    });

    const main = fakeMain({});
    await printReceiptCopy(main.client, till, orderId, 'en');

    const text = textOf(main.prints[1]!.document!);
    expect(text).toContain('T7-000001');
    expect(text).not.toContain('T1-000001');
    const when = (iso: string) => formatDateTime(iso, 'en', till.catalog.venue.timeZone);
    expect(text).toContain(when('2026-05-01T12:30:00.000Z'));
    expect(text).not.toContain(when(new Date(till.ports.clock()).toISOString()));
  });

  it('the printer is off: the copy is queued and the outcome says so', async () => {
    const till = await openDemoTill();
    const sale = await sellForCash(till);
    const orderId = sale.sale.orderId;
    const rebuilt = fakeMain({ state: 'queued' });
    expect(await printReceiptCopy(rebuilt.client, till, orderId, 'en')).toEqual({
      state: 'queued',
      via: 'rebuilt',
    });
    const reprint = fakeMain({ state: 'queued', known: new Set([`sale-${orderId}`]) });
    expect(await printReceiptCopy(reprint.client, till, orderId, 'en')).toEqual({
      state: 'queued',
      via: 'reprint',
    });
  });

  it('an order this till does not have: nothing is printed', async () => {
    const till = await openDemoTill();
    const main = fakeMain({});
    const out = await printReceiptCopy(
      main.client,
      till,
      '0192f000-0000-7000-8000-000000000000',
      'en',
    );
    expect(out).toEqual({ state: 'missing' });
    expect(main.prints.filter((p) => p.document !== undefined)).toEqual([]);
  });

  it('main unreachable: a failure in words, and no rebuilt copy behind its back', async () => {
    const till = await openDemoTill();
    const sale = await sellForCash(till);
    const main = fakeMain({ down: 'unavailable' });
    const out = await printReceiptCopy(main.client, till, sale.sale.orderId, 'en');
    expect(out).toEqual({
      state: 'failed',
      message: 'The device service is not available right now.',
    });
    expect(main.prints).toEqual([]);
  });

  it('one job id per click: a later click is a new copy, the same instant is the same job', () => {
    const id = '0192f000-0000-7000-8000-000000000000';
    expect(copyJobId(id, 1_000)).not.toBe(copyJobId(id, 1_001));
    expect(copyJobId(id, 1_000)).toBe(copyJobId(id, 1_000));
    // The contract's job id: ≤ 80 characters of letters, digits and _.:-
    expect(copyJobId(id, Date.parse('2099-12-31T23:59:59Z'))).toMatch(/^[A-Za-z0-9_.:-]{1,80}$/);
  });
});
