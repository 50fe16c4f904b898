// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { grantFor, withApproval } from '../support/approvals';
import { createContractClient } from '../../shared/ipc/client';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { currentXReport, endShift, startShift } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import {
  commitVoidOf,
  openDrawerForVoid,
  printVoidSlip,
  voidGivesCash,
} from '../../src-renderer/app/void-service';
import { UAH } from './flows-fixtures';
import { closeTills, journalTypes, olena, openDemoTill, sellSeats } from './till-fixtures';

// The void service on a real till: fake IndexedDB, the demo venue, Olena the cashier with a
// shift open, Taras the supervisor approving. The domain decides; the service commits its
// drafts with the projections and the journal, the store and the X report must agree.

afterEach(closeTills);

const TARAS_PIN = { staffId: 'taras', pin: '2222' };
const SEATS = ['stalls-10-9', 'stalls-10-10'];

async function seatRows(till: Till) {
  return Promise.all(SEATS.map((s) => till.store.db.seatStates.get(['forest-song-1', s])));
}

/** A contract client that records every call to main and answers each as main would. */
function mainClient() {
  const calls: { method: string; args: unknown }[] = [];
  const client = createContractClient({
    kind: 'bridge',
    invoke: (method, args) => {
      calls.push({ method, args });
      if (method === 'printer.openDrawer')
        return Promise.resolve({ ok: true, value: { opened: true, already: false } });
      if (method === 'printer.print')
        return Promise.resolve({
          ok: true,
          value: { jobId: (args as { jobId: string }).jobId, state: 'printed', drawer: 'none' },
        });
      if (method === 'printer.list') return Promise.resolve({ ok: true, value: { printers: [] } });
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
    },
    on: () => () => undefined,
  });
  return { client, calls };
}

describe('voiding a sale on a real till', { timeout: 30_000 }, () => {
  it('asks for a supervisor, then journals one approval and one void: order and tickets voided, seats free, X report counts it', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', SEATS);
    expect((await seatRows(till)).map((r) => r?.state)).toEqual(['sold', 'sold']);
    const before = await journalTypes(till);

    // A cashier alone may not void: the domain asks for a supervisor and nothing is written.
    const asked = await commitVoidOf(till, sale.orderId, 'customer changed their mind', olena);
    expect(asked).toMatchObject({ ok: false, error: { code: 'approval_required' } });
    expect(await journalTypes(till)).toEqual(before);

    const voided = await commitVoidOf(
      till,
      sale.orderId,
      'customer changed their mind',
      olena,
      await grantFor(till, asked, 'taras', '2222'),
    );
    if (!voided.ok) throw new Error(voided.error.message);
    expect(await journalTypes(till)).toEqual([...before, 'approval', 'void']);
    expect(voided.value.void).toMatchObject({
      orderId: sale.orderId,
      voidedReceiptNo: sale.receiptNo,
      receiptNo: sale.receiptNo + 1,
      total: sale.totals.total,
      approvedBy: { staffId: 'taras' },
      training: false,
    });
    expect(voided.value.entry.type).toBe('void');

    const order = await reloadOrder(till, sale.orderId);
    expect(order?.record.status).toBe('voided');
    expect(order?.view.tickets.map((t) => t.status)).toEqual(['voided', 'voided']);
    const tickets = await till.store.db.tickets.bulkGet(sale.tickets.map((t) => t.ticketId));
    expect(tickets.map((t) => t?.status)).toEqual(['voided', 'voided']);
    // The seats are on sale again: no sold row left for either.
    expect(await seatRows(till)).toEqual([undefined, undefined]);

    const x = await currentXReport(till);
    if (!x.ok) throw new Error(x.error.message);
    expect(x.value.voids).toEqual({ count: 1, tickets: 2, total: sale.totals.total });
    // The cash taken is given back: the drawer expects the float alone again.
    expect(x.value.cash.expected).toEqual(UAH(2000));
  });

  it('opens the drawer once for a cash void, naming its journal entry, and prints the receipt marked VOID without ticket codes', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', SEATS);
    const voided = await withApproval(till, TARAS_PIN, (g) =>
      commitVoidOf(till, sale.orderId, 'wrong performance', olena, g),
    );
    if (!voided.ok) throw new Error(voided.error.message);
    expect(voidGivesCash(voided.value.void)).toBe(true);

    const { client, calls } = mainClient();
    expect(await openDrawerForVoid(till, client, voided.value.entry)).toEqual({ drawer: 'opened' });
    expect(calls[0]).toEqual({
      method: 'printer.openDrawer',
      args: { terminalId: 'T1', seq: voided.value.entry.seq },
    });

    expect(await printVoidSlip(client, till, voided.value.void, 'en')).toEqual({
      state: 'printed',
    });
    const print = calls.find((c) => c.method === 'printer.print')?.args as {
      jobId: string;
      document: { title: string; blocks: { kind: string; text?: string }[] };
      sale?: unknown;
    };
    expect(print.jobId).toBe(`void-${voided.value.void.voidId}`);
    // No `sale`: the print never opens the drawer, the explicit kick above does.
    expect(print.sale).toBeUndefined();
    expect(print.document.blocks[0]).toMatchObject({ kind: 'text', text: '*** VOID ***' });
    expect(print.document.blocks.at(-1)).toMatchObject({ kind: 'text', text: '*** VOID ***' });
    expect(print.document.blocks.some((b) => b.kind === 'qr' || b.kind === 'barcode')).toBe(false);
  });

  it('writes nothing when the domain refuses: a sale of an earlier shift, or one voided already', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', SEATS);
    const first = await withApproval(till, TARAS_PIN, (g) =>
      commitVoidOf(till, sale.orderId, 'customer changed mind', olena, g),
    );
    expect(first.ok).toBe(true);
    const afterVoid = await journalTypes(till);

    // Its tickets are voided now: the domain names the rule, the service keeps it as the code.
    const again = await withApproval(till, TARAS_PIN, (g) =>
      commitVoidOf(till, sale.orderId, 'customer changed mind', olena, g),
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'void_ticket_not_valid' } });
    expect(await journalTypes(till)).toEqual(afterVoid);

    // A sale of the shift before: close with the expected cash, open a new shift.
    const other = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-11']);
    const x = await currentXReport(till);
    if (!x.ok) throw new Error(x.error.message);
    const closed = await endShift(till, olena, x.value.cash.expected);
    if (!closed.ok) throw new Error(closed.error.message);
    const opened = await startShift(till, olena, UAH(2000));
    if (!opened.ok) throw new Error(opened.error.message);
    const before = await journalTypes(till);
    const late = await withApproval(till, TARAS_PIN, (g) =>
      commitVoidOf(till, other.orderId, 'customer changed mind', olena, g),
    );
    expect(late).toMatchObject({ ok: false, error: { code: 'void_other_shift' } });
    expect(await journalTypes(till)).toEqual(before);
    expect((await reloadOrder(till, other.orderId))?.record.status).toBe('completed');
  });
});
