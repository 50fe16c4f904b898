import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { grantFor } from '../support/approvals';
import { createContractClient } from '../../shared/ipc/client';
import { add, subtract } from '../../shared/money/money';
import { openDrawerNoSale, recordCashMovement } from '../../src-renderer/app/cash-service';
import { currentXReport } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import { journalOf } from '../../src-renderer/store';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill } from './till-fixtures';

// Cash movements and the no-sale open on a real till (fake IndexedDB, demo venue, Olena the
// cashier with a 2,000.00 float): each is a journal entry through the one commit path, the X
// report's expected cash follows it, and the domain's refusals leave the journal untouched.

afterEach(closeTills);

const taras = { staffId: 'taras', role: 'supervisor' as const };

async function expected(till: Till) {
  const x = await currentXReport(till);
  if (!x.ok) throw new Error(x.error.message);
  return x.value;
}

const lastEntry = async (till: Till) => (await journalOf(till.store.db, 'T1')).at(-1)!;

/** A contract client whose drawer answers as main's drawer log does: once per journalRef. */
function drawerClient(answer: 'ok' | 'offline' = 'ok') {
  const kicks: unknown[] = [];
  const seen = new Set<string>();
  const client = createContractClient({
    kind: 'bridge',
    invoke: (method, args) => {
      if (method !== 'printer.openDrawer')
        return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
      kicks.push(args);
      if (answer === 'offline')
        return Promise.resolve({
          ok: false,
          error: { code: 'device_offline', message: 'The drawer kick did not reach the printer.' },
        });
      const { terminalId, seq } = args as { terminalId: string; seq: number };
      const ref = `${terminalId}#${seq}`;
      if (seen.has(ref))
        return Promise.resolve({
          ok: false,
          error: { code: 'forbidden', message: 'The drawer already opened for that entry.' },
        });
      seen.add(ref);
      return Promise.resolve({ ok: true, value: { opened: true } });
    },
    on: () => () => undefined,
  });
  return { client, kicks };
}

describe('paid in, paid out and drops', { timeout: 30_000 }, () => {
  it('each writes its journal entry and moves the X report’s expected cash by the amount', async () => {
    const till = await openDemoTill();
    const start = (await expected(till)).cash.expected;
    expect(start).toEqual(UAH(2000));

    const paidIn = await recordCashMovement(till, olena, 'paid_in', UAH(150), 'Change from safe');
    expect(paidIn.ok).toBe(true);
    const inEntry = await lastEntry(till);
    expect(inEntry).toMatchObject({
      type: 'paid_in',
      payload: { amount: UAH(150), reason: 'Change from safe', staff: olena },
    });
    expect((await expected(till)).cash.expected).toEqual(add(start, UAH(150)));

    const out = await recordCashMovement(till, olena, 'paid_out', UAH(40.5), 'Printer paper');
    expect(out.ok).toBe(true);
    expect(await lastEntry(till)).toMatchObject({
      type: 'paid_out',
      payload: { amount: UAH(40.5) },
    });

    const dropped = await recordCashMovement(till, olena, 'drop', UAH(1000), 'Midday drop');
    expect(dropped.ok).toBe(true);
    const x = await expected(till);
    expect(x.cash.expected).toEqual(subtract(subtract(add(start, UAH(150)), UAH(40.5)), UAH(1000)));
    expect(x.cash).toMatchObject({ paidIn: UAH(150), paidOut: UAH(40.5), drops: UAH(1000) });
    expect(x.movements).toMatchObject({ paidIn: 1, paidOut: 1, drops: 1 });
  });

  it('a drop larger than the drawer holds is refused and nothing is written', async () => {
    const till = await openDemoTill();
    const before = (await journalOf(till.store.db, 'T1')).length;
    const r = await recordCashMovement(till, olena, 'drop', UAH(2000.01), 'Too much');
    expect(r).toMatchObject({ ok: false, error: { code: 'limit_exceeded' } });
    expect((await journalOf(till.store.db, 'T1')).length).toBe(before);
  });

  it('a cashier’s paid-out over the limit needs a supervisor; with one it is journalled with the approval', async () => {
    const till = await openDemoTill();
    await recordCashMovement(till, olena, 'paid_in', UAH(1000), 'Change from safe');
    const before = (await journalOf(till.store.db, 'T1')).length;
    const refused = await recordCashMovement(till, olena, 'paid_out', UAH(1500), 'Repairs');
    expect(refused).toMatchObject({ ok: false, error: { code: 'approval_required' } });
    expect((await journalOf(till.store.db, 'T1')).length).toBe(before);

    const approved = await recordCashMovement(
      till,
      olena,
      'paid_out',
      UAH(1500),
      'Repairs',
      await grantFor(till, refused, 'taras', '2222'),
    );
    expect(approved.ok).toBe(true);
    const entries = await journalOf(till.store.db, 'T1');
    expect(entries.slice(before).map((e) => e.type)).toEqual(['approval', 'paid_out']);
    expect(entries.at(-1)).toMatchObject({ payload: { approvedBy: taras } });
    // The approval entry names the token main redeemed.
    expect(entries.at(-2)?.payload).toMatchObject({
      approvedBy: taras,
      tokenId: expect.stringMatching(/^apr-/),
    });
  });
});

describe('no-sale drawer open', { timeout: 30_000 }, () => {
  it('journals the no-sale first, then asks main to kick the drawer naming that entry', async () => {
    const till = await openDemoTill();
    const { client, kicks } = drawerClient();
    const r = await openDrawerNoSale(till, client, olena, 'Customer needed change');
    if (!r.ok) throw new Error(r.error.message);
    const entry = await lastEntry(till);
    expect(entry).toMatchObject({ type: 'no_sale', payload: { reason: 'Customer needed change' } });
    expect(r.value.entry.seq).toBe(entry.seq);
    expect(kicks).toEqual([{ terminalId: 'T1', seq: entry.seq }]);
    expect(r.value.outcome).toEqual({ drawer: 'opened' });
    const x = await expected(till);
    expect(x.movements.noSales).toBe(1);
    expect(x.cash.expected).toEqual(UAH(2000));
  });

  it('a printer that is off: the no-sale stays journalled and the screen is told why', async () => {
    const till = await openDemoTill();
    const { client } = drawerClient('offline');
    const r = await openDrawerNoSale(till, client, olena, 'Count check');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.outcome).toMatchObject({ drawer: 'failed' });
    expect((await lastEntry(till)).type).toBe('no_sale');
  });

  it('without a reason nothing is journalled and the drawer stays shut', async () => {
    const till = await openDemoTill();
    const { client, kicks } = drawerClient();
    const before = (await journalOf(till.store.db, 'T1')).length;
    const r = await openDrawerNoSale(till, client, olena, '');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect((await journalOf(till.store.db, 'T1')).length).toBe(before);
    expect(kicks).toEqual([]);
  });
});
