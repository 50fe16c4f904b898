import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalAskedFor, requestApproval } from '../../src-renderer/app/approval-service';
import { recordCashMovement } from '../../src-renderer/app/cash-service';
import { endShift } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import { journalOf } from '../../src-renderer/store';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill } from './till-fixtures';

// The shift screen's in-place approval without the screen: a refusal the domain makes for want
// of a supervisor names the binding to approve; the PIN goes to main (lockout, someone else,
// the role), which issues a one-time token for that binding; the same action again with the
// token is journalled with the approval entry naming the token main redeemed. A refused PIN
// writes nothing.

afterEach(closeTills);

const taras = { staffId: 'taras', role: 'supervisor' as const };
const entries = async (till: Till) => journalOf(till.store.db, 'T1');

describe('approvalAskedFor', () => {
  const binding = {
    action: 'void',
    subjectId: 'O-1',
    amount: UAH(100),
    requestedBy: 'olena',
    requiredRole: 'supervisor',
  };
  it('names the binding an approval_required refusal waits for', () => {
    expect(
      approvalAskedFor({
        code: 'approval_required',
        details: { requiredRole: 'supervisor', binding },
      }),
    ).toEqual(binding);
  });

  it('is null for any other refusal, or one without a binding it can read', () => {
    expect(approvalAskedFor({ code: 'limit_exceeded', details: { binding } })).toBe(null);
    expect(approvalAskedFor({ code: 'forbidden' })).toBe(null);
    expect(approvalAskedFor({ code: 'approval_required' })).toBe(null);
    expect(
      approvalAskedFor({ code: 'approval_required', details: { requiredRole: 'manager' } }),
    ).toBe(null);
    expect(
      approvalAskedFor({
        code: 'approval_required',
        details: { binding: { ...binding, requiredRole: 'cashier' } },
      }),
    ).toBe(null);
  });
});

describe('a supervisor approves a refused shift action in place', { timeout: 30_000 }, () => {
  it('paid-out over the limit: wrong PIN and self-approval write nothing; Taras’s PIN records it with the approval', async () => {
    const till = await openDemoTill();
    const refused = await recordCashMovement(till, olena, 'paid_out', UAH(1200), 'New kettle');
    if (refused.ok) throw new Error('a cashier’s paid-out over the limit was recorded');
    const binding = approvalAskedFor(refused.error);
    expect(binding).toMatchObject({
      action: 'paid_out',
      requiredRole: 'supervisor',
      requestedBy: 'olena',
      amount: UAH(1200),
    });
    const before = (await entries(till)).length;

    const wrong = await requestApproval(till, { staffId: 'taras', pin: '9999', binding });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', details: { attemptsLeft: 4 } },
    });
    const self = await requestApproval(till, { staffId: 'olena', pin: '1111', binding });
    expect(self).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await entries(till)).length).toBe(before);

    const granted = await requestApproval(till, { staffId: 'taras', pin: '2222', binding });
    expect(granted).toMatchObject({
      ok: true,
      value: { approver: { id: 'taras', role: 'supervisor' }, expiresInMs: 120_000 },
    });
    if (!granted.ok) return;
    const recorded = await recordCashMovement(
      till,
      olena,
      'paid_out',
      UAH(1200),
      'New kettle',
      granted.value,
    );
    expect(recorded.ok).toBe(true);
    const after = (await entries(till)).slice(before);
    expect(after.map((e) => e.type)).toEqual(['approval', 'paid_out']);
    expect(after[0]).toMatchObject({
      payload: {
        action: 'paid_out',
        requestedBy: olena,
        approvedBy: taras,
        tokenId: expect.stringMatching(/^apr-/),
      },
    });
    expect(after[1]).toMatchObject({ payload: { staff: olena, approvedBy: taras } });
  });

  it('a close short beyond the tolerance: the refusal names a supervisor; with Li Wei it closes', async () => {
    const till = await openDemoTill();
    const refused = await endShift(till, olena, UAH(1900), 'Miscounted change');
    if (refused.ok) throw new Error('a cashier closed 100.00 short without a supervisor');
    const binding = approvalAskedFor(refused.error);
    expect(binding?.requiredRole).toBe('supervisor');
    const before = (await entries(till)).length;
    expect(till.state().shift).not.toBe(null);

    const granted = await requestApproval(till, { staffId: 'li-wei', pin: '3333', binding });
    expect(granted).toMatchObject({
      ok: true,
      value: { approver: { id: 'li-wei', role: 'manager' } },
    });
    if (!granted.ok) return;
    const closed = await endShift(till, olena, UAH(1900), 'Miscounted change', granted.value);
    expect(closed.ok).toBe(true);
    const after = (await entries(till)).slice(before);
    expect(after.map((e) => e.type)).toEqual(['approval', 'shift_close']);
    expect(after[1]).toMatchObject({
      payload: { approvedBy: { staffId: 'li-wei' }, overShort: UAH(-100) },
    });
    expect(till.state().shift).toBe(null);
  });
});
