import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { add, subtract } from '../../shared/money/money';
import { shiftReportView } from '../../shared/shift/report-view';
import type { ShiftReport } from '../../shared/shift/report';
import { formatAmount, formatMoney, shiftReport, slipTextLines } from '../../shared/slips';
import { currentXReport, endShift } from '../../src-renderer/app/shift-service';
import {
  printShiftReport,
  printShiftReportCopy,
  shiftReportDocument,
  shiftReportJobId,
} from '../../src-renderer/app/shift-print';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill, printerClient, sellSeats } from './till-fixtures';

// The manager's report on screen and on paper come from one mapping of the domain's
// ShiftReport; these tests pin that mapping to the journal's figures on a real till.

afterEach(closeTills);

const setup = { locale: 'en', columns: 48, timeZone: 'Europe/Kyiv' } as const;
const venue = { name: 'Test venue', address: [] };

async function xOf(till: Awaited<ReturnType<typeof openDemoTill>>): Promise<ShiftReport> {
  const r = await currentXReport(till);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('ShiftReport → ShiftReportView', { timeout: 30_000 }, () => {
  it('leaves out a tax rate that nets to nothing (its only sale voided), keeps the others', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-13-1']);
    const report = await xOf(till);
    const [kept] = report.taxes;
    if (kept === undefined) throw new Error('the sale has no tax line');
    const zero = UAH(0);
    const withVoided: ShiftReport = {
      ...report,
      taxes: [...report.taxes, { rateBp: 700, gross: zero, net: zero, tax: zero }],
    };
    const view = shiftReportView(withVoided, { ...setup, venue, terminal: 'T1' });
    expect(view.taxes).toEqual([{ rate: kept.rateBp, net: kept.net, tax: kept.tax }]);
    expect(sale.totals.taxes).toHaveLength(1);
    const lines = slipTextLines(shiftReport(view));
    expect(lines.some((l) => l.includes('7%'))).toBe(false);
    expect(lines.some((l) => l.includes(`${kept.rateBp / 100}%`))).toBe(true);
  });

  it('carries the journal’s sales, taxes, tenders and cash figures onto the slip', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-13-1', 'stalls-13-2']);
    const report = await xOf(till);
    const view = shiftReportView(report, { ...setup, venue, terminal: 'T1' });

    expect(view.kind).toBe('X');
    expect(view.zNumber).toBeUndefined();
    expect(view.cashier).toBe('olena');
    expect(view.sales).toEqual({ count: 1, amount: sale.totals.total });
    expect(view.refunds).toEqual({ count: 0, amount: UAH(0) });
    expect(view.refundsByReason).toEqual([]);
    expect(view.net).toEqual(sale.totals.total);
    expect(view.fees?.booking).toEqual(sale.totals.bookingFees);
    expect(view.taxes).toEqual(
      sale.totals.taxes.map((t) => ({ rate: t.rateBp, net: t.net, tax: t.tax })),
    );
    // Cash only: the customer paid cash; card and voucher lines appear once used.
    expect(view.tenders).toEqual([{ method: 'cash', amount: sale.totals.total }]);
    expect(view.openingFloat).toEqual(UAH(2000));
    expect(view.expectedCash).toEqual(add(UAH(2000), sale.totals.total));
    expect(view.countedCash).toBeUndefined();

    const lines = slipTextLines(shiftReport(view));
    expect(lines).toContain('X REPORT');
    expect(
      lines.some(
        (l) => l.startsWith('Sales (1)') && l.endsWith(formatAmount(sale.totals.total, 'en')),
      ),
    ).toBe(true);
    expect(
      lines.some(
        (l) =>
          l.startsWith('Expected cash') &&
          l.endsWith(formatMoney(add(UAH(2000), sale.totals.total), 'en')),
      ),
    ).toBe(true);
  });

  it('a Z carries its number, the count and over/short; refunds by reason and fees are printed', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-13-3']);
    const expected = add(UAH(2000), sale.totals.total);
    const counted = subtract(expected, UAH(3));
    const closed = await endShift(till, olena, counted);
    if (!closed.ok) throw new Error(closed.error.message);
    const z = closed.value;
    expect(z.zNumber).toBe(1);
    // A refund reason as the domain reports it, to see it worded on the slip.
    const withRefunds: ShiftReport = {
      ...z,
      refunds: {
        ...z.refunds,
        count: 2,
        fees: UAH(40),
        byReason: [
          { reasonCode: 'performance_cancelled', count: 1, tickets: 1, total: UAH(300) },
          { reasonCode: 'customer_request', count: 1, tickets: 2, total: UAH(500) },
        ],
      },
    };
    const view = shiftReportView(withRefunds, { ...setup, venue, terminal: 'T1' });
    expect(view.zNumber).toBe(1);
    expect(view.countedCash).toEqual(counted);
    expect(view.overShort).toEqual(UAH(-3));
    expect(view.refundsByReason).toEqual([
      { reason: 'performance_cancelled', count: 1, amount: UAH(300) },
      { reason: 'customer_request', count: 1, amount: UAH(500) },
    ]);
    const lines = slipTextLines(shiftReport(view));
    expect(lines.some((l) => /^Z no\. +0001$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Over\/short +-3\.00 UAH$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}Performance cancelled \(1\) +300\.00$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}Refund fees +40\.00$/.test(l))).toBe(true);
    // In Ukrainian the same report speaks Ukrainian, money in the slip's own format.
    const uk = slipTextLines(shiftReport({ ...view, locale: 'uk' }));
    expect(uk.some((l) => /^ {2}Виставу скасовано \(1\) +300,00$/.test(l))).toBe(true);
  });
});

describe('printing the shift reports', { timeout: 30_000 }, () => {
  it('the Z prints under one stable job id, the same lines as the preview; a copy reprints it', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-13-4']);
    const closed = await endShift(till, olena, add(UAH(2000), sale.totals.total));
    if (!closed.ok) throw new Error(closed.error.message);
    const z = closed.value;
    expect(shiftReportJobId(till, z)).toBe('z-T1-1');
    const { client, jobs } = printerClient('printed');
    expect(await printShiftReport(client, till, z, 'en')).toEqual({ state: 'printed' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.jobId).toBe('z-T1-1');
    // The printer list is not answered here, so the slip is laid out for 80 mm (48 columns).
    expect(jobs[0]!.document).toEqual(shiftReportDocument(till, z, 'en', 48));
    await printShiftReportCopy(client, till, z, 'en');
    expect(jobs[1]).toMatchObject({ reprintOf: 'z-T1-1' });
    expect(jobs[1]!.jobId).toMatch(/^z-T1-1-copy-/);
  });

  it('an X is named by the instant it was computed', async () => {
    const till = await openDemoTill();
    const x = await xOf(till);
    expect(shiftReportJobId(till, x)).toBe(`x-T1-${Date.parse(x.generatedAt)}`);
  });
});
