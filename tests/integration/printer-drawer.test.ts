import { afterEach, describe, expect, it } from 'vitest';
import { saleReceipt } from '../../shared/slips';
import { decodeEscPos, type DrawerKick } from '../support/escpos-decoder';
import { DrawerRateLimit } from '../../src-main/devices/drawer-rate-limit';
import { cashEntries, ctx, startRig, type PrinterRig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

let rig: PrinterRig;
afterEach(async () => {
  await rig.close();
});

async function kicks(): Promise<DrawerKick[]> {
  return (await rig.vp.jobs()).flatMap((job) => decodeEscPos(job).drawerKicks);
}

/**
 * The drawer over TCP (issue 8 item 3): it opens for a journal entry (terminal, seq) that main's
 * anchor accepted and that moves cash, once per entry, never from a print.
 */
describe('cash drawer over TCP', () => {
  it('a recorded cash entry kicks the drawer exactly once with the full 5-byte ESC p', async () => {
    rig = await startRig({}, { gate: cashEntries(7) });
    const open = () =>
      rig.service.handlers['printer.openDrawer']({ terminalId: 'T1', seq: 7 }, ctx);
    expect(await open()).toEqual({ ok: true, value: { opened: true } });
    expect(await open()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await kicks()).toEqual([{ pin: 0, onMs: 50, offMs: 500 }]);
    const raw = Buffer.concat(await rig.vp.jobs());
    expect(raw.includes(Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]))).toBe(true);
    // node-thermal-printer's truncated kick must never appear
    expect(raw.includes(Buffer.from([0x1b, 0x70, 0x00, 0x1b, 0x70, 0x01]))).toBe(false);
  });

  it('a second entry within the spacing waits its turn, even if its timer wakes a moment early', async () => {
    // The monotonic clock as main reads it: the first open at 0, the second asked at 10 ms
    // (wait 190), then — as a timer firing early can make it — 1 ms short of the spacing.
    const readings = [0, 10, 199, 201];
    const rateLimit = new DrawerRateLimit(200, 10, () => readings.shift() ?? 10_000);
    rig = await startRig({}, { gate: cashEntries(1, 2), rateLimit });
    const open = (seq: number) =>
      rig!.service.handlers['printer.openDrawer']({ terminalId: 'T1', seq }, ctx);
    const [first, second] = await Promise.all([open(1), open(2)]);
    expect(first).toEqual({ ok: true, value: { opened: true } });
    expect(second).toEqual({ ok: true, value: { opened: true } });
    expect(readings).toEqual([]);
  });

  it('the drawer log survives a restart: no second kick for the same entry', async () => {
    rig = await startRig({}, { gate: cashEntries(3) });
    await rig.service.handlers['printer.openDrawer']({ terminalId: 'T1', seq: 3 }, ctx);
    await rig.restart();
    const after = await rig.service.handlers['printer.openDrawer'](
      { terminalId: 'T1', seq: 3 },
      ctx,
    );
    expect(after).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await kicks()).toHaveLength(1);
  });

  it('a print never opens the drawer, whatever the slip says', async () => {
    rig = await startRig({}, { gate: cashEntries(1) });
    const doc = saleReceipt(saleReceiptView('en', { tender: 'cash' }));
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'r-cash', document: doc },
      ctx,
    );
    expect(res).toEqual({ ok: true, value: { jobId: 'r-cash', state: 'printed', drawer: 'none' } });
    expect(await kicks()).toEqual([]);
  });

  it('an unreachable printer reports the kick as failed and leaves the entry free to retry', async () => {
    rig = await startRig({}, { gate: cashEntries(9) });
    rig.vp.setOffline(true);
    const open = () =>
      rig.service.handlers['printer.openDrawer']({ terminalId: 'T1', seq: 9 }, ctx);
    const failed = await open();
    expect(failed).toMatchObject({ ok: false, error: { code: 'device_offline' } });
    rig.vp.setOffline(false);
    expect(await open()).toEqual({ ok: true, value: { opened: true } });
    expect(await kicks()).toHaveLength(1);
  });
});
