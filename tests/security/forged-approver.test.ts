// First: Dexie picks up the global indexedDB when it loads (the till's store is real Dexie).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { voidSale } from '../../shared/commands';
import type { ApprovalBinding } from '../../shared/commands/approval';
import { createContractClient } from '../../shared/ipc/client';
import type { ApprovalPayload } from '../../shared/journal/entry-types';
import { money } from '../../shared/money/money';
import { ok, type Result } from '../../shared/util/result';
import { approvalAskedFor, type ApprovalToken } from '../../src-renderer/app/approval-service';
import { recordCashMovement } from '../../src-renderer/app/cash-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitSale } from '../../src-renderer/app/sale-service';
import { signIn, startShift } from '../../src-renderer/app/shift-service';
import { staffAuthority } from '../../src-renderer/app/staff-authority';
import { openTill, type Till } from '../../src-renderer/app/till';
import { commitVoidOf } from '../../src-renderer/app/void-service';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { createServices, type Services } from '../../src-main/services/create-services';
import { silentLogger } from '../../src-main/services/logger';
import { isRedeemedApproval, TOKEN_TTL_MS } from '../../src-main/staff/approval-tokens';
import { TEST_SCRYPT } from '../support/main-staff';
import { readEntries } from '../../src-renderer/store';

// Issue 8 item 5, attacked from the page: a script in the page claims a manager's approval
// without main ever checking a PIN. Main here is the real service set (createServices, as the
// bridge and Electron host it: staff file, PIN checks, tokens) reached through its real
// dispatch; the till is the real one on its IndexedDB store. Every forgery below is refused
// at the commit and writes nothing.

const UAH = (major: number) => money(Math.round(major * 100), 'UAH');
const olena = { staffId: 'olena', role: 'cashier' as const };
const liWei = { staffId: 'li-wei', role: 'manager' as const };

let dir: string;
let services: Services;
let till: Till;
let monotonic = 1_000;
let n = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'security-approver-'));
  monotonic = 1_000;
  services = await createServices({
    dataDir: dir,
    app: {
      name: 'Box Office POS',
      version: '0.0.0-security',
      platform: 'linux',
      kiosk: false,
      demo: true,
      transport: 'bridge',
    },
    logger: silentLogger,
    monotonic: () => monotonic,
    pinHashParams: TEST_SCRYPT,
  });
  const client = createContractClient({
    kind: 'bridge',
    invoke: (method, args) =>
      services.dispatch(method, args, { transport: 'bridge', caller: 'page' }),
    on: () => () => undefined,
  });
  const opened = await openTill({
    terminalId: 'T1',
    dbName: `forged-approver-${++n}-${Date.now()}`,
    demo: true,
    seed: (store) => loadDemoIfEmpty(store.db),
    staff: staffAuthority(client),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  till = opened.value;
  const signed = await signIn(till, 'olena', '1111');
  if (!signed.ok) throw new Error(signed.error.message);
  const shift = await startShift(till, olena, UAH(5000));
  if (!shift.ok) throw new Error(shift.error.message);
});

afterEach(async () => {
  till.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

async function sale(seat: string, performanceId = 'forest-song-1', tierId = 'standard') {
  const sold = await commitSale(
    till,
    {
      items: [{ performanceId, tierId, seatId: seat }],
      tenders: [{ kind: 'cash', tendered: UAH(10_000) }],
    },
    olena,
  );
  if (!sold.ok) throw new Error(sold.error.message);
  return sold.value.sale;
}

const journalLength = async () => till.store.db.journal.count();

/** What the page asks main for: Li Wei's PIN for `binding`, as the approval dialog sends it. */
async function liWeiApproves(binding: ApprovalBinding) {
  const granted = await till.staff.approve('li-wei', '3333', binding);
  if (!granted.ok) throw new Error(granted.error.message);
  return granted.value;
}

/** A void of `orderId` as a forged page would run it, with whatever it claims as approval. */
const voidWith = (orderId: string, claim: unknown) =>
  commitVoidOf(till, orderId, 'customer changed mind', olena, claim as ApprovalToken);

async function bindingOfVoid(orderId: string): Promise<ApprovalBinding> {
  const asked = await commitVoidOf(till, orderId, 'customer changed mind', olena);
  const binding = asked.ok ? null : approvalAskedFor(asked.error);
  if (binding === null) throw new Error('the void did not ask for an approval');
  return binding;
}

function refused(r: Result<unknown, string>, code: string) {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.code).toBe(code);
}

describe('a forged approver is refused at the commit and nothing is written', () => {
  it('a page script claiming a manager ({staffId, role}) without a token', async () => {
    const { orderId } = await sale('stalls-10-1');
    const before = await journalLength();
    refused(await voidWith(orderId, liWei), 'approval_invalid');
    refused(await voidWith(orderId, { ...liWei, token: '' }), 'approval_invalid');
    expect(await journalLength()).toBe(before);
  });

  it('an invented token, whether handed to the commit or to main directly', async () => {
    const { orderId } = await sale('stalls-10-2');
    const binding = await bindingOfVoid(orderId);
    const before = await journalLength();
    const invented = { token: 'Aq3vQm9Xr2bT5kYw8NcJ1LpD7sFh4GzE6uWiOaRjKxM' };
    refused(await voidWith(orderId, invented), 'approval_invalid');
    refused(await till.staff.redeem(invented.token, binding), 'approval_invalid');
    expect(await journalLength()).toBe(before);
  });

  it('a reused token: the first commit takes it, the second is refused', async () => {
    const first = await sale('stalls-10-3');
    const second = await sale('stalls-10-4');
    const grant = await liWeiApproves(await bindingOfVoid(first.orderId));
    const voided = await voidWith(first.orderId, grant);
    expect(voided.ok).toBe(true);
    const after = await journalLength();
    expect((await voidWith(first.orderId, grant)).ok).toBe(false); // voided already
    refused(await voidWith(second.orderId, grant), 'approval_invalid'); // another order
    expect(await journalLength()).toBe(after);
  });

  it('a token bound to another order, amount or action', async () => {
    const a = await sale('stalls-10-5');
    const b = await sale('stalls-10-6');
    const before = await journalLength();

    // Another order: Li Wei approved voiding A; the page commits a void of B with it.
    const forA = await liWeiApproves(await bindingOfVoid(a.orderId));
    refused(await voidWith(b.orderId, forA), 'approval_invalid');

    // Another amount: a paid-out of 1,200.00 approved, 1,300.00 committed.
    const small = await recordCashMovement(till, olena, 'paid_out', UAH(1200), 'Kettle');
    const smallBinding = small.ok ? null : approvalAskedFor(small.error);
    if (smallBinding === null) throw new Error('the paid-out did not ask for an approval');
    const forSmall = await liWeiApproves(smallBinding);
    refused(
      await recordCashMovement(till, olena, 'paid_out', UAH(1300), 'Kettle', forSmall),
      'approval_invalid',
    );

    // Another action: Li Wei approved voiding C; the page commits a refund of C with it (her
    // own sale above ₴1,000.00, so the refund needs an approval of its own).
    const c = await sale('stalls-2-5', 'forest-song-2', 'premium');
    const beforeC = await journalLength();
    const forVoid = await liWeiApproves(await bindingOfVoid(c.orderId));
    const view = (await reloadOrder(till, c.orderId))!.view;
    const input = {
      ticketIds: [c.tickets[0]!.ticketId],
      method: 'cash' as const,
      reasonCode: 'customer_request' as const,
    };
    refused(await commitRefund(till, view, input, olena), 'approval_required');
    refused(await commitRefund(till, view, input, olena, forVoid), 'approval_invalid');
    expect(await journalLength()).toBe(beforeC);
    expect(beforeC).toBe(before + 1); // only C's sale was written meanwhile
  });

  it('an expired token (2 minutes on main’s monotonic clock)', async () => {
    const { orderId } = await sale('stalls-10-7');
    const grant = await liWeiApproves(await bindingOfVoid(orderId));
    const before = await journalLength();
    monotonic += TOKEN_TTL_MS;
    refused(await voidWith(orderId, grant), 'approval_invalid');
    expect(await journalLength()).toBe(before);
  });

  it('an approval entry written around main (straight into the page’s store) is caught by main’s check', async () => {
    const { orderId } = await sale('stalls-10-8');
    const binding = await bindingOfVoid(orderId);
    // The page can write its own IndexedDB; what it cannot do is make main vouch for it.
    const order = (await reloadOrder(till, orderId))!.view;
    const forged = { ...liWei, tokenId: 'apr-made-up-by-page', binding };
    const committed = await till.commit((terminal) => {
      const r = voidSale(
        { terminal, settings: till.settings, order },
        { orderId, reason: 'forged', approver: forged },
        olena,
        till.ports,
      );
      return r.ok ? ok(r.value.drafts) : r;
    });
    if (!committed.ok) throw new Error(committed.error.message);
    const entry = committed.value.entries.find((e) => e.type === 'approval');
    const payload = entry?.payload as ApprovalPayload;
    expect(payload.tokenId).toBe('apr-made-up-by-page');
    expect(isRedeemedApproval(payload, services.staff.tokens.redemption(payload.tokenId!))).toBe(
      false,
    );

    // A real one, for contrast: main redeemed it for exactly what the entry says.
    const other = await sale('stalls-10-9');
    const grant = await liWeiApproves(await bindingOfVoid(other.orderId));
    const real = await voidWith(other.orderId, grant);
    if (!real.ok) throw new Error(real.error.message);
    const journal = await readEntries(till.store.db, await till.store.db.journal.toArray());
    const approval = journal.filter((e) => e.type === 'approval').at(-1)!.payload;
    expect(approval.approvedBy).toEqual(liWei);
    expect(isRedeemedApproval(approval, services.staff.tokens.redemption(approval.tokenId!))).toBe(
      true,
    );
  });
});
