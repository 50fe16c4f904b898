import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saleReceipt } from '../../shared/slips';
import { decodeEscPos, type DrawerKick } from '../support/escpos-decoder';
import { ctx, startRig, type PrinterRig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

let rig: PrinterRig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

async function kicks(): Promise<DrawerKick[]> {
  return (await rig.vp.jobs()).flatMap((job) => decodeEscPos(job).drawerKicks);
}

describe('cash drawer over TCP', () => {
  it('a cash sale kicks the drawer exactly once with the full 5-byte ESC p, even when asked again', async () => {
    const doc = saleReceipt(saleReceiptView('en', { tender: 'cash' }));
    const sale = { saleId: 'sale-cash-1', tenderMethods: ['cash' as const] };
    const first = await rig.service.handlers['printer.print'](
      { jobId: 'r-1', document: doc, sale },
      ctx,
    );
    expect(first).toEqual({
      ok: true,
      value: { jobId: 'r-1', state: 'printed', drawer: 'opened' },
    });
    // the same request again (a retry from the UI) and a second job for the same sale
    const again = await rig.service.handlers['printer.print'](
      { jobId: 'r-1', document: doc, sale },
      ctx,
    );
    expect(again.ok && again.value.drawer).toBe('already_opened');
    const other = await rig.service.handlers['printer.print'](
      { jobId: 'r-1b', document: doc, sale },
      ctx,
    );
    expect(other.ok && other.value.drawer).toBe('already_opened');
    const direct = await rig.service.handlers['printer.openDrawer'](
      { reason: 'sale', saleId: 'sale-cash-1', tenderMethods: ['cash'] },
      ctx,
    );
    expect(direct).toEqual({ ok: true, value: { opened: false, already: true } });

    expect(await kicks()).toEqual([{ pin: 0, onMs: 50, offMs: 500 }]);
    const raw = Buffer.concat(await rig.vp.jobs());
    expect(raw.includes(Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]))).toBe(true);
    // node-thermal-printer's truncated kick must never appear
    expect(raw.includes(Buffer.from([0x1b, 0x70, 0x00, 0x1b, 0x70, 0x01]))).toBe(false);
  });

  it('the drawer log survives a restart: no second kick for the same sale', async () => {
    const doc = saleReceipt(saleReceiptView('uk', { tender: 'cash' }));
    const sale = { saleId: 'sale-cash-2', tenderMethods: ['cash' as const, 'card' as const] };
    await rig.service.handlers['printer.print']({ jobId: 'r-2', document: doc, sale }, ctx);
    await rig.restart();
    const after = await rig.service.handlers['printer.print'](
      { jobId: 'r-2-again', document: doc, sale },
      ctx,
    );
    expect(after.ok && after.value.drawer).toBe('already_opened');
    expect(await kicks()).toHaveLength(1);
  });

  it('a card sale never opens the drawer', async () => {
    const doc = saleReceipt(saleReceiptView('en', { tender: 'card' }));
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'r-card', document: doc, sale: { saleId: 'sale-card', tenderMethods: ['card'] } },
      ctx,
    );
    expect(res).toEqual({
      ok: true,
      value: { jobId: 'r-card', state: 'printed', drawer: 'not_for_this_sale' },
    });
    const refused = await rig.service.handlers['printer.openDrawer'](
      { reason: 'sale', saleId: 'sale-card', tenderMethods: ['card'] },
      ctx,
    );
    expect(refused.ok).toBe(false);
    expect(await kicks()).toEqual([]);
    expect((await rig.vp.jobs()).length).toBe(1);
  });

  it('a logged no-sale open kicks once per journal entry', async () => {
    const open = () =>
      rig.service.handlers['printer.openDrawer']({ reason: 'no_sale', journalRef: 'J-77' }, ctx);
    expect(await open()).toEqual({ ok: true, value: { opened: true, already: false } });
    expect(await open()).toEqual({ ok: true, value: { opened: false, already: true } });
    expect(await kicks()).toHaveLength(1);
  });

  it('an unreachable printer reports the kick as failed and leaves the sale free to retry', async () => {
    rig.vp.setOffline(true);
    const open = () =>
      rig.service.handlers['printer.openDrawer'](
        { reason: 'sale', saleId: 's-off', tenderMethods: ['cash'] },
        ctx,
      );
    const failed = await open();
    expect(failed.ok).toBe(false);
    rig.vp.setOffline(false);
    expect(await open()).toEqual({ ok: true, value: { opened: true, already: false } });
    expect(await kicks()).toHaveLength(1);
  });
});
