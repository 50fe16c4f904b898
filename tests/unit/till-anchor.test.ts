// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContractClient, type ContractClient } from '../../shared/ipc/client';
import type { VirtualPrinter } from '../../src-main/devices/virtual-printer';
import type { Services } from '../../src-main/services/create-services';
import { anchorThrough, chunkBySize } from '../../src-renderer/app/journal-anchor';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { staffAuthority } from '../../src-renderer/app/staff-authority';
import { withApproval } from '../support/approvals';
import { decodeEscPos } from '../support/escpos-decoder';
import { startPrintingMain } from '../support/main-services';
import { closeTills, olena, openDemoTill, sellSeats } from './till-fixtures';
import { sealEntries } from '../../shared/journal/chain';
import { readEntries } from '../../src-renderer/store';

// The till with main's real services in the same process (the contract client calls their
// dispatch): every commit is reported and anchored, and the drawer opens for the entries main
// reads as moving cash — a cash refund too, which used to open nothing.

const taras = { staffId: 'taras', pin: '2222' };

let vp: VirtualPrinter;
let services: Services;
let client: ContractClient;

let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ vp, services, client, cleanUp } = await startPrintingMain('till-anchor-', 'T1'));
});

afterEach(async () => {
  await closeTills();
  await services.close();
  await cleanUp();
});

async function kicks(): Promise<number> {
  return (await vp.jobs()).flatMap((j) => decodeEscPos(j).drawerKicks).length;
}

describe('a till anchored in main', { timeout: 30_000 }, () => {
  it('main holds the head after every commit; a cash sale and a cash refund each open the drawer once', async () => {
    const till = await openDemoTill({
      anchor: anchorThrough(client),
      staff: staffAuthority(client),
    });
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const journal = await till.store.db.journal.toArray();
    const saleEntry = journal.find((e) => e.type === 'sale')!;
    expect(services.anchor.head()).toMatchObject({
      seq: journal.length,
      hash: journal.at(-1)!.hash,
      lastReceiptNo: sale.receiptNo,
    });
    expect(await till.drawerFor(saleEntry)).toEqual({ drawer: 'opened' });
    expect(await kicks()).toBe(1);

    const order = await reloadOrder(till, sale.orderId);
    // Taras approves through main (the same services the anchor checks the approval with).
    const refunded = await withApproval(till, taras, (grant) =>
      commitRefund(
        till,
        order!.view,
        { ticketIds: [sale.tickets[0]!.ticketId], method: 'cash', reasonCode: 'customer_request' },
        olena,
        grant,
      ),
    );
    expect(refunded.ok).toBe(true);
    const refundEntry = (await till.store.db.journal.toArray()).find((e) => e.type === 'refund')!;
    const opened = till.drawerFor(refundEntry);
    expect(opened).not.toBeNull();
    // Main's rate limit (one open per 2 s) holds the second open back; the till waits it out.
    expect(await opened).toEqual({ drawer: 'opened' });
    expect(await kicks()).toBe(2);
    // Logins and shift opens moved no cash: no opening was asked for them.
    expect(till.drawerFor(journal[0]!)).toBeNull();
  });

  it('a till whose report main refuses turns to records damaged and commits nothing more', async () => {
    const till = await openDemoTill({
      anchor: anchorThrough(client),
      staff: staffAuthority(client),
    });
    // Another page (or a script) reports an entry main accepts out of turn: the head moves
    // past the till's store, so the till's next report does not chain.
    const journal = await till.store.db.journal.toArray();
    const last = (await readEntries(till.store.db, [journal.at(-1)!]))[0]!;
    const [intruder] = await sealEntries('T1', last, [
      { type: 'logout', at: last.at, v: 1, payload: { staff: olena } },
    ]);
    expect(await client.call('journal.report', { entries: [intruder!] as never })).toMatchObject({
      ok: true,
      value: { status: 'accepted' },
    });
    const before = await till.store.db.journal.count();
    await expect(
      sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-10']),
    ).resolves.toBeDefined();
    expect(till.records()).toMatchObject({ kind: 'damaged', damage: 'not_chained' });
    const after = await till.store.db.journal.count();
    expect(after).toBe(before + 1);
    await expect(sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-11'])).rejects.toThrow(
      /do not match/,
    );
    expect(await till.store.db.journal.count()).toBe(after);
    expect(await kicks()).toBe(0);
  });
});

describe('reports that main does not answer', { timeout: 30_000 }, () => {
  it('are kept and sent, in order, with the next commit; nothing is lost from the chain', async () => {
    let down = false;
    const flaky = createContractClient({
      kind: 'bridge',
      invoke: (method, args) =>
        down && method === 'journal.report'
          ? Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'gone' } })
          : services.dispatch(method, args, { transport: 'bridge', caller: 'unit' }),
      on: () => () => undefined,
    });
    const till = await openDemoTill({ anchor: anchorThrough(flaky), staff: staffAuthority(flaky) });
    const before = services.anchor.head()!.seq;
    down = true;
    await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    expect(services.anchor.head()!.seq).toBe(before);
    expect(till.records()).toEqual({ kind: 'agreed' });
    down = false;
    await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-10']);
    const journal = await till.store.db.journal.toArray();
    expect(services.anchor.head()).toMatchObject({
      seq: journal.length,
      hash: journal.at(-1)!.hash,
    });
  });

  it('chunks stay under the bridge limit however many entries there are', () => {
    const big = Array.from({ length: 30 }, (_, i) => ({ seq: i, pad: 'x'.repeat(20_000) }));
    const chunks = chunkBySize(big, 100_000);
    expect(chunks.flat()).toEqual(big);
    for (const c of chunks) expect(JSON.stringify(c).length).toBeLessThan(100_000 + 20_100);
    expect(chunks.length).toBeGreaterThan(5);
  });
});
