// First: Dexie picks up the global indexedDB when it loads (the till's store is real Dexie).
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../shared/ipc/client';
import type { EntryDraft } from '../../shared/journal/entry-types';
import { money } from '../../shared/money/money';
import { ok } from '../../shared/util/result';
import { approvalAskedFor } from '../../src-renderer/app/approval-service';
import { recordCashMovement } from '../../src-renderer/app/cash-service';
import { signIn, startShift } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import type { Services } from '../../src-main/services/create-services';
import { openDemoPage, startMain as startMainServices } from '../support/main-services';
import { TEST_SCRYPT } from '../support/main-staff';
import { readEntries } from '../../src-renderer/store';

// One manager's approval stands behind one journalled action. A page script that watched a
// genuine approved paid-out could commit a copy of its two entries (approval + paid-out, a new
// movement id) into its own store and report them: the copy names a token main really redeemed
// for exactly that binding. Main's anchor takes each redeemed token once — on disk, so a
// restart in between does not forget it — and refuses the copy; the till stops as damaged and
// the drawer stays shut for it. Real main services through their dispatch, the real till.

const UAH = (major: number) => money(Math.round(major * 100), 'UAH');
const olena = { staffId: 'olena', role: 'cashier' as const };

let dir: string;
let services: Services;
let client: ContractClient;
let till: Till;
let n = 0;

async function startMain(): Promise<void> {
  ({ services, client } = await startMainServices(dir, {
    pinHashParams: TEST_SCRYPT,
    caller: 'page',
  }));
}

let terminalId: string;

async function openPage(dbName: string): Promise<void> {
  till = await openDemoPage(client, dbName);
  terminalId = till.terminalId;
}

let dbName: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'security-approval-replay-'));
  dbName = `approval-replay-${++n}-${Date.now()}`;
  await startMain();
  await openPage(dbName);
  expect(await signIn(till, 'olena', '1111')).toMatchObject({ ok: true });
  expect(await startShift(till, olena, UAH(5000))).toMatchObject({ ok: true });
});

afterEach(async () => {
  till.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

/** Long enough for the commit's report to have reached main (it runs after the commit). */
const reported = () => new Promise((r) => setTimeout(r, 50));

/** A genuine paid-out of ₴1,200.00 that Li Wei approved with her PIN; its two entries. */
async function approvedPaidOut(): Promise<EntryDraft[]> {
  const asked = await recordCashMovement(till, olena, 'paid_out', UAH(1200), 'Kettle');
  const binding = asked.ok ? null : approvalAskedFor(asked.error);
  if (binding === null) throw new Error('the paid-out did not ask for an approval');
  const granted = await till.staff.approve('li-wei', '3333', binding);
  if (!granted.ok) throw new Error(granted.error.message);
  const paid = await recordCashMovement(
    till,
    olena,
    'paid_out',
    UAH(1200),
    'Kettle',
    granted.value,
  );
  if (!paid.ok) throw new Error(paid.error.message);
  await reported();
  expect(till.records().kind).not.toBe('damaged');
  const journal = await readEntries(
    till.store.db,
    await till.store.db.journal.orderBy('[terminalId+seq]').toArray(),
  );
  const approval = journal.findLast((e) => e.type === 'approval')!;
  const paidOut = journal.findLast((e) => e.type === 'paid_out')!;
  expect(approval.seq).toBeLessThan(paidOut.seq);
  return [approval, paidOut].map(({ type, v, payload }) => ({ type, v, payload })) as never;
}

/** What the page script does: the same two entries again, as a new movement. */
async function commitCopyOf(drafts: EntryDraft[]): Promise<number> {
  const movementId = randomUUID();
  const at = new Date().toISOString();
  const copies = drafts.map((d) =>
    d.type === 'paid_out'
      ? { ...d, at, payload: { ...d.payload, movementId } }
      : d.type === 'approval'
        ? { ...d, at, payload: { ...d.payload, approvalId: randomUUID(), subjectId: movementId } }
        : { ...d, at },
  ) as EntryDraft[];
  const committed = await till.commit(() => ok(copies));
  if (!committed.ok) throw new Error(committed.error.message);
  return committed.value.entries.find((e) => e.type === 'paid_out')!.seq;
}

describe('an approval main redeemed stands behind one action only', () => {
  it('a copy of an approved paid-out is refused: the till stops and the drawer stays shut', async () => {
    const drafts = await approvedPaidOut();
    const seq = await commitCopyOf(drafts);
    await expect.poll(() => till.records().kind).toBe('damaged');
    expect(services.anchor.cashEntry({ terminalId, seq }).ok).toBe(false);
  });

  it('still refused after main restarted between the genuine one and the copy', async () => {
    const drafts = await approvedPaidOut();
    till.close();
    await services.close();
    await startMain();
    await openPage(dbName);
    expect(till.records().kind).not.toBe('damaged');
    await commitCopyOf(drafts);
    await expect.poll(() => till.records().kind).toBe('damaged');
  });

  it('each approved action has a token of its own: two genuine paid-outs both stand', async () => {
    await approvedPaidOut();
    await approvedPaidOut();
    const journal = await till.store.db.journal.toArray();
    expect(journal.filter((e) => e.type === 'paid_out')).toHaveLength(2);
    expect(till.records().kind).not.toBe('damaged');
  });
});
