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
import { closeShift } from '../../shared/commands';
import type { ShiftClosePayload } from '../../shared/journal/entry-types';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { openTill, STAFF, uah } from '../fixtures/domain';
import { approving } from '../support/approvals';
import { decodeEscPos } from '../support/escpos-decoder';
import { startMain, useNetworkPrinter, type MainUnderTest } from '../support/main-services';
import { eventually } from '../support/printer-harness';
import { busyShift } from '../unit/journal-day';
import { sealAs, startServer, type TestServer } from '../server/harness';

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
