import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/chain';
import { sealEntries } from '../../shared/journal/chain';
import { headFileName } from '../../src-main/services/journal-anchor';
import type { Services } from '../../src-main/services/create-services';
import type { Logger } from '../../src-main/services/logger';
import type { VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { decodeEscPos } from '../support/escpos-decoder';
import { startPrintingMain } from '../support/main-services';

// Issue 8 items 3 and 4, as an attacker on the page would try them: the drawer opens only for
// an entry main recorded that moves cash, once; a journal that does not chain onto main's
// head is refused; main's head survives the page's store being swapped.

const ctx = { transport: 'bridge', caller: 'attacker' } as const;
const T = 'T1';
const AT = '2026-11-22T17:30:00.000Z';
const olena = { staffId: 'olena', role: 'cashier' } as const;
const UAH = (amount: number) => ({ amount, currency: 'UAH' });

function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (m) => warnings.push(m),
    error: (m) => warnings.push(m),
  };
}

/** A login, a paid-in of 20.00 (cash) and a no-sale: real sealed entries of terminal T1. */
async function journal(): Promise<JournalEntry[]> {
  return sealEntries(T, null, [
    { type: 'login', at: AT, v: 1, payload: { staff: olena } },
    {
      type: 'paid_in',
      at: AT,
      v: 1,
      payload: {
        movementId: 'm-1',
        shiftId: 's-1',
        staff: olena,
        amount: UAH(2000),
        reason: 'float top-up',
        training: false,
      },
    },
    {
      type: 'no_sale',
      at: AT,
      v: 1,
      payload: { shiftId: 's-1', staff: olena, reason: 'change', training: false },
    },
  ]);
}

let dir: string;
let vp: VirtualPrinter;
let services: Services;
let log: ReturnType<typeof recorder>;
let start: () => Promise<Services>;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  log = recorder();
  const main = await startPrintingMain('security-anchor-', T, { demo: false, logger: log });
  ({ dir, vp, services, cleanUp } = main);
  start = async () => (await main.reopen()).services;
  // Olena's PIN was checked by main for the login each journal below starts with (a venue
  // till's staff file is not provisioned here, so main is told directly).
  await services.signIns.issue(olena);
});

afterEach(async () => {
  await services.close();
  await cleanUp();
});

async function kicks(): Promise<number> {
  return (await vp.jobs()).flatMap((j) => decodeEscPos(j).drawerKicks).length;
}

const openDrawer = (seq: number, terminalId = T) =>
  services.dispatch('printer.openDrawer', { terminalId, seq }, ctx);

describe('the drawer opens only for a recorded cash movement', () => {
  it('an invented reference is refused and logged; nothing reaches the printer', async () => {
    expect(await services.dispatch('journal.compare', { tail: null }, ctx)).toMatchObject({
      ok: true,
      value: { state: 'equal' },
    });
    for (const seq of [1, 2, 999]) {
      expect(await openDrawer(seq)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await openDrawer(2, 'T-OTHER')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(log.warnings.filter((w) => w.startsWith('Drawer refused'))).toHaveLength(4);
    expect(await kicks()).toBe(0);
  });

  it.each([['a made-up token', 'apr-made-up-token'] as const, ['no token', undefined] as const])(
    'an approval entry main never redeemed (%s) is refused, even when it chains',
    async (_, tokenId) => {
      // A page script writes a manager's approval itself and reports it: main holds it
      // against the tokens it redeemed, and refuses it.
      {
        const [login] = await journal();
        const [approval] = await sealEntries(T, login!, [
          {
            type: 'approval',
            at: AT,
            v: 1,
            payload: {
              approvalId: 'a-forged-1',
              action: 'refund',
              subjectId: 'order-1',
              requestedBy: olena,
              approvedBy: { staffId: 'li-wei', role: 'manager' },
              ...(tokenId !== undefined ? { tokenId } : {}),
              amount: UAH(50_000),
            },
          },
        ]);
        const reported = await services.dispatch(
          'journal.report',
          { entries: [login!, approval!] },
          ctx,
        );
        expect(reported).toMatchObject({
          ok: true,
          value: { status: 'refused', reason: 'invalid_entry' },
        });
        expect(log.warnings.some((w) => w.includes('was not issued by main'))).toBe(true);
        expect(services.anchor.head()?.seq ?? 0).toBeLessThan(2);
      }
    },
  );

  it('a report repeating what main holds is accepted without change; a different entry at the head is not', async () => {
    // A page killed just after it sent a report, and the next page re-reporting what it found
    // unreported, can both reach main: the repeat must not read as a fork.
    const entries = await journal();
    await services.dispatch('journal.report', { entries: entries.slice(0, 2) }, ctx);
    expect(await services.dispatch('journal.report', { entries }, ctx)).toMatchObject({
      ok: true,
      value: { status: 'accepted', head: { seq: 3, hash: entries[2]!.hash } },
    });
    expect(await services.dispatch('journal.report', { entries }, ctx)).toMatchObject({
      ok: true,
      value: { status: 'accepted', head: { seq: 3 }, cash: [] },
    });
    // The same seq with other content (a fork) is still refused.
    const [forked] = await sealEntries(T, entries[1]!, [
      {
        type: 'no_sale',
        at: AT,
        v: 1,
        payload: { shiftId: 's-1', staff: olena, reason: 'other', training: false },
      },
    ]);
    expect(
      await services.dispatch(
        'journal.report',
        { entries: [entries[0]!, entries[1]!, forked!] },
        ctx,
      ),
    ).toMatchObject({ ok: true, value: { status: 'refused' } });
  });

  it('a reported cash entry opens once; a repeat is refused and logged; a login never opens', async () => {
    const entries = await journal();
    const reported = await services.dispatch('journal.report', { entries }, ctx);
    expect(reported).toMatchObject({
      ok: true,
      value: {
        status: 'accepted',
        head: { terminalId: T, seq: 3, hash: entries[2]!.hash },
        cash: [
          { seq: 2, in: 2000, out: 0 },
          { seq: 3, in: 0, out: 0 },
        ],
      },
    });
    expect(await openDrawer(1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await openDrawer(2)).toEqual({ ok: true, value: { opened: true } });
    expect(await openDrawer(2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(log.warnings.some((w) => /T1#2: already opened once/.test(w))).toBe(true);
    expect(await kicks()).toBe(1);
  });

  it('opens are spaced: a second cash entry within 2 s waits its turn, never two at once', async () => {
    const entries = await journal();
    await services.dispatch('journal.report', { entries }, ctx);
    const t0 = performance.now();
    // Asked together (a paid-out's opening and a no-sale's a moment apart): both open, in turn.
    const [first, second] = await Promise.all([openDrawer(2), openDrawer(3)]);
    expect(first).toEqual({ ok: true, value: { opened: true } });
    expect(second).toEqual({ ok: true, value: { opened: true } });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(await kicks()).toBe(2);
  });
});

describe("the journal's anchor in main", () => {
  it('a report that does not chain onto the head is refused; then nothing is accepted and the drawer stays shut', async () => {
    const entries = await journal();
    await services.dispatch('journal.report', { entries: entries.slice(0, 1) }, ctx);
    // A fork: seq 2 sealed after a different seq 1 (the page re-sealed an edited journal).
    const [forkedFirst] = await sealEntries(T, null, [
      { type: 'login', at: '2026-11-22T17:31:00.000Z', v: 1, payload: { staff: olena } },
    ]);
    const fork = await sealEntries(T, forkedFirst!, [
      {
        type: 'no_sale',
        at: AT,
        v: 1,
        payload: { shiftId: 's-1', staff: olena, reason: 'x', training: false },
      },
    ]);
    expect(await services.dispatch('journal.report', { entries: fork }, ctx)).toMatchObject({
      ok: true,
      value: { status: 'refused', reason: 'not_chained' },
    });
    expect(log.warnings.some((w) => w.startsWith('Journal report refused (not_chained)'))).toBe(
      true,
    );
    // Even the genuine next entries are refused now, and no drawer opens.
    expect(
      await services.dispatch('journal.report', { entries: entries.slice(1) }, ctx),
    ).toMatchObject({ ok: true, value: { status: 'refused', reason: 'records_disagree' } });
    expect(await openDrawer(2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The head on disk still names the genuine entry 1.
    const onDisk = JSON.parse(await readFile(join(dir, headFileName), 'utf8'));
    expect(onDisk.head).toMatchObject({ seq: 1, hash: entries[0]!.hash });
  });

  it('an entry whose hash does not match its content is refused', async () => {
    const entries = await journal();
    const edited = { ...entries[0]!, at: '2026-11-22T18:00:00.000Z' };
    expect(await services.dispatch('journal.report', { entries: [edited] }, ctx)).toMatchObject({
      ok: true,
      value: { status: 'refused', reason: 'not_chained' },
    });
  });

  it('holds a store against the head after a restart: equal, behind, forked, empty, unreported', async () => {
    const entries = await journal();
    await services.dispatch('journal.report', { entries: entries.slice(0, 2) }, ctx);
    await services.close();
    services = await start();
    const compare = (tail: { seq: number; hash: string } | null) =>
      services.dispatch('journal.compare', { tail }, ctx);
    expect(await compare({ seq: 2, hash: entries[1]!.hash })).toMatchObject({
      value: { state: 'equal' },
    });
    expect(await compare({ seq: 1, hash: entries[0]!.hash })).toMatchObject({
      value: { state: 'damaged', kind: 'behind', headSeq: 2, storeSeq: 1 },
    });
    expect(await compare({ seq: 2, hash: 'b'.repeat(64) })).toMatchObject({
      value: { state: 'damaged', kind: 'forked' },
    });
    expect(await compare(null)).toMatchObject({ value: { state: 'damaged', kind: 'store_empty' } });
    // Committed but never reported (the app died in between): reported again, and accepted.
    expect(await compare({ seq: 3, hash: entries[2]!.hash })).toMatchObject({
      value: { state: 'unreported', fromSeq: 3 },
    });
    expect(
      await services.dispatch('journal.report', { entries: entries.slice(2) }, ctx),
    ).toMatchObject({ value: { status: 'accepted', head: { seq: 3 } } });
  });

  for (const damage of ['truncated', 'random bytes'] as const) {
    it(`a head file ${damage}: start succeeds, the file is in quarantine/, the store is damaged against it`, async () => {
      const entries = await journal();
      await services.dispatch('journal.report', { entries }, ctx);
      await services.close();
      const path = join(dir, headFileName);
      const text = await readFile(path, 'utf8');
      await writeFile(
        path,
        damage === 'truncated' ? text.slice(0, text.length / 2) : randomBytes(300),
      );
      services = await start();
      expect(existsSync(path)).toBe(false);
      expect((await readdir(join(dir, 'quarantine'))).some((f) => f.endsWith(headFileName))).toBe(
        true,
      );
      expect(
        await services.dispatch(
          'journal.compare',
          { tail: { seq: 3, hash: entries[2]!.hash } },
          ctx,
        ),
      ).toMatchObject({ value: { state: 'damaged', kind: 'head_damaged' } });
      expect(await openDrawer(3)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // A venue till cannot start over from here.
      expect(await services.dispatch('journal.resetDemo', {}, ctx)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    });
  }

  it('a missing head with a non-empty store is damage, never a fresh start', async () => {
    const entries = await journal();
    expect(
      await services.dispatch('journal.compare', { tail: { seq: 3, hash: entries[2]!.hash } }, ctx),
    ).toMatchObject({ value: { state: 'damaged', kind: 'head_missing' } });
    expect(await services.dispatch('journal.report', { entries }, ctx)).toMatchObject({
      value: { status: 'refused', reason: 'records_disagree' },
    });
  });
});
