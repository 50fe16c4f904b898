import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saleReceipt, slipTextLines } from '../../shared/slips';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { ctx, eventually, startRig, type PrinterRig } from '../support/printer-harness';
import { saleReceiptView } from '../support/slip-fixtures';

let rig: PrinterRig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const receipt = saleReceipt(saleReceiptView('uk'));

async function receiptsPrinted(): Promise<number> {
  return (await rig.vp.jobs()).filter((j) =>
    decodeEscPos(j).lines.some((l) => l.includes('T1-000123')),
  ).length;
}

describe('durable print queue over TCP', () => {
  it('paper runs out mid-job: the job stays queued, prints once after the roll is replaced', async () => {
    rig.vp.paperOutAfter(300);
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'q-1', document: receipt },
      ctx,
    );
    expect(res).toEqual({ ok: true, value: { jobId: 'q-1', state: 'queued', drawer: 'none' } });
    expect(rig.vp.droppedJobs()).toBe(1);
    expect(await receiptsPrinted()).toBe(0);
    expect(rig.statuses.some((s) => s.state === 'paper_out' && s.queued === 1)).toBe(true);
    const status = await rig.service.handlers['printer.status']({}, ctx);
    expect(status.ok && status.value.state).toBe('paper_out');

    rig.vp.setPaperOut(false);
    expect(await eventually(async () => (await receiptsPrinted()) === 1)).toBe(true);
    expect(
      await eventually(
        () => rig.statuses.at(-1)?.state === 'ready' && rig.statuses.at(-1)?.queued === 0,
      ),
    ).toBe(true);
    // asking again for the same job does not print it again
    const again = await rig.service.handlers['printer.print'](
      { jobId: 'q-1', document: receipt },
      ctx,
    );
    expect(again.ok && again.value.state).toBe('printed');
    await new Promise((r) => setTimeout(r, 400));
    expect(await receiptsPrinted()).toBe(1);
    const job = (await rig.vp.jobs()).at(-1)!;
    expect(printedText(decodeEscPos(job))).toEqual(slipTextLines(receipt));
  });

  it('a queued job survives a restart of the service and prints once when the printer is back', async () => {
    rig.vp.setPaperOut(true);
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'q-2', document: receipt },
      ctx,
    );
    expect(res.ok && res.value.state).toBe('queued');
    await rig.restart();
    rig.vp.setPaperOut(false);
    expect(await eventually(async () => (await receiptsPrinted()) === 1)).toBe(true);
    await rig.restart();
    await new Promise((r) => setTimeout(r, 400));
    expect(await receiptsPrinted()).toBe(1);
  });

  it('an offline printer (connections refused) queues the job; it prints when the printer comes back', async () => {
    rig.vp.setOffline(true);
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'q-3', document: receipt },
      ctx,
    );
    expect(res.ok && res.value.state).toBe('queued');
    expect(rig.statuses.some((s) => s.state === 'offline')).toBe(true);
    rig.vp.setOffline(false);
    expect(await eventually(async () => (await receiptsPrinted()) === 1)).toBe(true);
  });

  it('cover open is reported and holds the queue', async () => {
    rig.vp.setCoverOpen(true);
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'q-4', document: receipt },
      ctx,
    );
    expect(res.ok && res.value.state).toBe('queued');
    expect(rig.statuses.some((s) => s.state === 'cover_open')).toBe(true);
    rig.vp.setCoverOpen(false);
    expect(await eventually(async () => (await receiptsPrinted()) === 1)).toBe(true);
  });

  it('paper near end is shown but still prints', async () => {
    rig.vp.setPaperNearEnd(true);
    const res = await rig.service.handlers['printer.print'](
      { jobId: 'q-5', document: receipt },
      ctx,
    );
    expect(res.ok && res.value.state).toBe('printed');
    const status = await rig.service.handlers['printer.status']({}, ctx);
    expect(status.ok && status.value).toMatchObject({ state: 'ready', paperNearEnd: true });
  });

  it('a reprint prints only when asked, marked COPY top and bottom, without the drawer', async () => {
    await rig.service.handlers['printer.print']({ jobId: 'q-6', document: receipt }, ctx);
    const copy = await rig.service.handlers['printer.print'](
      { jobId: 'q-6-copy-1', reprintOf: 'q-6' },
      ctx,
    );
    expect(copy).toEqual({
      ok: true,
      value: { jobId: 'q-6-copy-1', state: 'printed', drawer: 'none' },
    });
    const again = await rig.service.handlers['printer.print'](
      { jobId: 'q-6-copy-1', reprintOf: 'q-6' },
      ctx,
    );
    expect(again.ok && again.value.state).toBe('printed');
    const jobs = (await rig.vp.jobs()).map(decodeEscPos);
    const copies = jobs.filter((j) => j.lines.includes('*** КОПІЯ ***'));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.lines[0]).toBe('*** КОПІЯ ***');
    // A print never kicks the drawer (issue 8 item 3): only printer.openDrawer does.
    expect(jobs.flatMap((j) => j.drawerKicks)).toHaveLength(0);
    expect(await receiptsPrinted()).toBe(2);
    const missing = await rig.service.handlers['printer.print'](
      { jobId: 'q-x', reprintOf: 'nope' },
      ctx,
    );
    expect(missing.ok === false && missing.error.code).toBe('not_found');
  });
});
