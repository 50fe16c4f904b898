/**
 * Issue 13 item 4, "any Z of any till — reprint to a chosen till's printer": a manager sends
 * the Z of one window's shift to another window; that till's real main services (enrolled at a
 * real server on PGlite, a network printer on a virtual ESC/POS printer over loopback) hear it
 * on the live channel, lay the Z out for their own printer in the language the manager chose,
 * print it once marked COPY, and tell the server, which shows the copy as queued. A copy sent
 * while the till is off prints when it comes back; a till restarted does not print a copy twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../shared/catalog/demo-staff';
import { closeShift } from '../../shared/commands';
import type { ShiftClosePayload } from '../../shared/journal/entry-types';
import { slipLabels, type SlipLocale } from '../../shared/slips';
import { shiftReportDocument } from '../../src-renderer/app/shift-print';
import type { Till as RendererTill } from '../../src-renderer/app/till';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { seedFirstStaffList } from '../../src-server/staff/staff-lists';
import { DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { openTill, STAFF, uah } from '../fixtures/domain';
import { approving } from '../support/approvals';
import { decodeEscPos, printedText } from '../support/escpos-decoder';
import { startMain, useNetworkPrinter, type MainUnderTest } from '../support/main-services';
import { eventually } from '../support/printer-harness';
import { busyShift } from '../unit/journal-day';
import {
  fixtureCatalog,
  publishFixtureCatalog,
  sealAs,
  startServer,
  type TestServer,
} from '../server/harness';

let server: TestServer;
let vp: VirtualPrinter;
let dir: string;
let main: MainUnderTest | null = null;

beforeEach(async () => {
  server = await startServer();
  dir = await mkdtemp(join(tmpdir(), 'z-copy-'));
  vp = await startVirtualPrinter({ port: 0, jobsDir: join(dir, 'jobs') });
  await useNetworkPrinter(dir, vp.port);
});
afterEach(async () => {
  await main?.services.close();
  main = null;
  await vp.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A window that sold, refunded and closed its shift (50.00 short), pushed to the server. */
async function closedShiftOfAnotherWindow(): Promise<{
  terminalId: string;
  close: ShiftClosePayload;
}> {
  const till = openTill(STAFF.olena, '2026-04-01T17:00:00Z');
  await busyShift(till);
  till.take(
    approving(STAFF.taras, (approver) =>
      closeShift(
        { ...till.base(), shiftTally: till.shiftTally() },
        { counted: uah(950), note: 'Counted', approver },
        STAFF.olena,
        till.ports,
      ),
    ),
  );
  const enrolled = await server.enrol('podil-stage', 'Window 1');
  expect(
    (await server.push(enrolled, await sealAs(enrolled.terminalId, till.entries))).status,
  ).toBe(200);
  const close = till.entries.flatMap((e) => (e.type === 'shift_close' ? [e.payload] : []))[0]!;
  return { terminalId: enrolled.terminalId, close };
}

/** This till's main, enrolled with a fresh code at the first start. */
async function startTill(): Promise<{ main: MainUnderTest; terminalId: string }> {
  const code = await server.createCode('podil-stage');
  main = await startMain(dir, {
    demo: false,
    sync: { server: server.url, enrol: { venueId: 'podil-stage', code, name: 'Window 2' } },
  });
  const config = await main.client.call('config.get', {});
  if (!config.ok) throw new Error(config.error.message);
  const live = await eventually(async () => {
    const s = await main!.client.call('sync.status', {});
    return s.ok && s.value.live;
  });
  expect(live).toBe(true);
  return { main, terminalId: config.value.terminalId };
}

const jobsPath = (terminalId: string, shiftId: string) =>
  `/api/venues/podil-stage/terminals/${terminalId}/shifts/${encodeURIComponent(shiftId)}/z/print-jobs`;

async function printedJobs() {
  return (await vp.jobs()).map((bytes) => decodeEscPos(bytes).lines);
}

describe('a Z copy sent to a till', () => {
  it('prints at that till once, in the chosen language, marked COPY, and shows as queued', async () => {
    const source = await closedShiftOfAnotherWindow();
    const { terminalId: target } = await startTill();
    const path = jobsPath(source.terminalId, source.close.shiftId);

    const sent = await server.request('POST', path, {
      body: { targetTerminalId: target, locale: 'uk' },
      auth: server.managerAuth(),
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      targetTerminalId: target,
      targetName: 'Window 2',
      queuedAt: null,
    });

    expect(await eventually(async () => (await printedJobs()).length === 1, 10_000)).toBe(true);
    const [lines] = await printedJobs();
    const text = lines!.join('\n');
    expect(text).toContain('КОПІЯ');
    expect(text).toContain('Z-ЗВІТ');
    expect(text).toContain(`${source.close.zNumber}`);
    expect(text).toContain('Window 1');
    // The counted cash and the over/short the till closed with, as that till printed them.
    const uah2 = (minor: number) => (minor / 100).toFixed(2).replace('.', ',');
    expect(text).toMatch(new RegExp(`Фактична готівка +${uah2(source.close.counted.amount)} грн`));
    expect(text).toMatch(
      new RegExp(`Надлишок/нестача +${uah2(source.close.overShort.amount)} грн`),
    );
    // An enrolled venue till: no demo marking.
    expect(text).not.toContain('ДЕМО');

    expect(
      await eventually(async () => {
        const listed = await server.request('GET', path, { auth: server.managerAuth() });
        return (listed.body as { jobs: { queuedAt: string | null }[] }).jobs[0]?.queuedAt !== null;
      }),
    ).toBe(true);

    // Restarted: the live channel opens again and the till fetches its jobs; none wait.
    await main!.services.close();
    main = null;
    await startTill();
    await new Promise((r) => setTimeout(r, 500));
    expect(await printedJobs()).toHaveLength(1);
  }, 60_000);

  it('a copy sent while the till is off prints when it is back; supervisors and revoked windows are refused', async () => {
    const source = await closedShiftOfAnotherWindow();
    const { terminalId: target } = await startTill();
    await main!.services.close();
    main = null;
    const path = jobsPath(source.terminalId, source.close.shiftId);

    await ensureManager(server.db, DEMO_SUPERVISOR);
    const supervisor = server.managerAuth({
      email: DEMO_SUPERVISOR.email,
      password: DEMO_SUPERVISOR.password,
    });
    const refused = await server.request('POST', path, {
      body: { targetTerminalId: target, locale: 'en' },
      auth: supervisor,
    });
    expect(refused.status).toBe(403);

    const sent = await server.request('POST', path, {
      body: { targetTerminalId: target, locale: 'en' },
      auth: server.managerAuth(),
    });
    expect(sent.status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(await printedJobs()).toHaveLength(0);

    await startTill();
    expect(await eventually(async () => (await printedJobs()).length === 1, 10_000)).toBe(true);
    expect((await printedJobs())[0]!.join('\n')).toContain('COPY');

    // A revoked window is not offered a copy.
    const revoked = await server.request(
      'POST',
      `/api/venues/podil-stage/terminals/${target}/revoke`,
      { body: { reason: 'replaced' }, auth: server.managerAuth() },
    );
    expect(revoked.status).toBe(200);
    const toRevoked = await server.request('POST', path, {
      body: { targetTerminalId: target, locale: 'en' },
      auth: server.managerAuth(),
    });
    expect(toRevoked.status).toBe(409);
    expect(toRevoked.body).toMatchObject({ error: { code: 'terminal_revoked' } });
  }, 60_000);
});

/**
 * The copy read as the manager closing up reads paper: people by name, times in the venue's
 * zone, every figure where the till's own Z of the same shift has it, and the sums adding up.
 */
describe('a Z copy read beside the till’s own Z of the shift', () => {
  const venue = fixtureCatalog('podil-stage').venue;
  /** The source window's Z as its till lays it out (shift-print.ts), names from its staff list. */
  function tillZ(close: ShiftClosePayload, terminalId: string, locale: SlipLocale) {
    const till = { terminalId, catalog: { venue }, demo: false } as unknown as RendererTill;
    const nameOf = (id: string) => DEMO_STAFF.find((s) => s.id === id)?.name ?? id;
    const appLocale = locale === 'zh' ? 'zh-Hans' : locale;
    return shiftReportDocument(till, close.report, appLocale, 48, null, nameOf);
  }
  /** The labels' figures on a decoded English slip, in minor units ("1,270.00" → 127000). */
  const figure = (lines: string[], label: string): number => {
    const line = lines.find((l) => l.trim().startsWith(label));
    const m = line?.match(/(-?[\d,]+\.\d\d)(?: UAH)?$/);
    if (!m) throw new Error(`no figure for ${label}`);
    return Math.round(Number(m[1]!.replace(/,/g, '')) * 100);
  };

  for (const locale of ['en', 'uk', 'zh'] as const) {
    it(`in ${locale}: the same lines as the till’s Z, the cashier by name, venue time`, async () => {
      await publishFixtureCatalog(server, 'podil-stage');
      await seedFirstStaffList(server.db, 'podil-stage', DEMO_STAFF, 'test');
      // A Chinese-market printer: Chinese prints as text the decoder reads back, not raster.
      await useNetworkPrinter(dir, vp.port, { chinese: true });
      const source = await closedShiftOfAnotherWindow();
      const { terminalId: target } = await startTill();
      const sent = await server.request('POST', jobsPath(source.terminalId, source.close.shiftId), {
        body: { targetTerminalId: target, locale },
        auth: server.managerAuth(),
      });
      expect(sent.status).toBe(201);
      expect(await eventually(async () => (await vp.jobs()).length === 1, 10_000)).toBe(true);
      const ownZ = tillZ(source.close, source.terminalId, locale);
      const printed = await main!.client.call('printer.print', { jobId: 'own-z', document: ownZ });
      expect(printed.ok).toBe(true);
      const [copyJob, tillJob] = (await vp.jobs()).map(decodeEscPos);
      for (const job of [copyJob!, tillJob!]) {
        expect(job.questionMarks).toBe(0);
        expect(job.raster).toEqual([]);
      }
      const labels = slipLabels(locale);
      const copy = printedText(copyJob!);
      const own = printedText(tillJob!);
      const text = copy.join('\n');

      // Opened by Olena: named as the demo staff list names her, as the till's own Z does.
      const terminalRow = copy.find((l) => l.startsWith(`${labels.terminal} Window 1`));
      expect(terminalRow).toMatch(new RegExp(`${labels.cashier} Olena$`));
      // Opened 17:00 UTC on 1 April: 20:00 in Kyiv.
      expect(copy.find((l) => l.startsWith(labels.shiftOpened))).toMatch(/20:00$/);
      // Nothing raw: no enum values, ids, ISO timestamps or missing values.
      expect(text).not.toMatch(/[a-z]+_[a-z]+|undefined|null|NaN|\d{4}-\d\d-\d\dT|olena/);
      expect(text).toContain(labels.refundReason.customer_request!);

      // The copy is the till's Z line for line: only the COPY marks added, the window by
      // its name where the till prints its own id; the report's time is named as the time the
      // report was made (the copy is printed later), with the till's own time.
      const withoutWindow = (l: string) =>
        l.startsWith(`${labels.terminal} `) ? l.replace(/^.*\s{2,}/, '') : l;
      const timeOf = (lines: string[], label: string) =>
        lines
          .find((l) => l.startsWith(label))
          ?.slice(label.length)
          .trim();
      expect(timeOf(copy, labels.reportMadeAt)).toBe(timeOf(own, labels.printedAt));
      expect(timeOf(copy, labels.printedAt)).toBeUndefined();
      const withoutTime = (lines: string[]) =>
        lines.filter((l) => !l.startsWith(labels.reportMadeAt) && !l.startsWith(labels.printedAt));
      expect(copy[0]).toBe(`*** ${labels.copy} ***`);
      expect(
        withoutTime(copy.filter((l) => l !== `*** ${labels.copy} ***`)).map(withoutWindow),
      ).toEqual(withoutTime(own).map(withoutWindow));

      if (locale === 'en') {
        // The sections add up as a manager checks them with a pen.
        const net = figure(copy, 'Net takings');
        expect(
          figure(copy, 'Sales (') -
            figure(copy, 'Refunds (') +
            figure(copy, 'Exchanges (') -
            figure(copy, 'Voids ('),
        ).toBe(net);
        expect(figure(copy, 'Cash')).toBe(net);
        expect(
          figure(copy, 'Opening float') +
            figure(copy, 'Paid in') -
            figure(copy, 'Paid out') -
            figure(copy, 'Drops to safe') +
            figure(copy, 'Cash'),
        ).toBe(figure(copy, 'Expected cash'));
        expect(figure(copy, 'Counted cash') - figure(copy, 'Expected cash')).toBe(
          figure(copy, 'Over/short'),
        );
      }
    }, 60_000);
  }
});
