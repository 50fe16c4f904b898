import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalAskedFor, checkApprover } from '../../src-renderer/app/approval-service';
import { recordCashMovement } from '../../src-renderer/app/cash-service';
import { endShift } from '../../src-renderer/app/shift-service';
import type { Till } from '../../src-renderer/app/till';
import { journalOf } from '../../src-renderer/store';
import { UAH } from './flows-fixtures';
import { closeTills, olena, openDemoTill } from './till-fixtures';

// The shift screen's in-place approval without the screen: a refusal the domain makes for want
// of a supervisor names the role to ask for; the PIN goes through the flows' own check (PBKDF2
// with lockout, someone else, the role); the same action again with the approver is journalled
// with the approval entry. A refused PIN writes nothing.

afterEach(closeTills);

const taras = { staffId: 'taras', role: 'supervisor' as const };
const entries = async (till: Till) => journalOf(till.store.db, 'T1');

describe('approvalAskedFor', () => {
  it('names the role an approval_required refusal waits for', () => {
    expect(
      approvalAskedFor({ code: 'approval_required', details: { requiredRole: 'supervisor' } }),
    ).toBe('supervisor');
    expect(
      approvalAskedFor({ code: 'approval_required', details: { requiredRole: 'manager' } }),
    ).toBe('manager');
  });

  it('is null for any other refusal, or one that names no role it knows', () => {
    expect(approvalAskedFor({ code: 'limit_exceeded', details: { requiredRole: 'manager' } })).toBe(
      null,
    );
    expect(approvalAskedFor({ code: 'forbidden' })).toBe(null);
    expect(approvalAskedFor({ code: 'approval_required' })).toBe(null);
    expect(approvalAskedFor({ code: 'approval_required', details: 'supervisor' })).toBe(null);
    expect(
      approvalAskedFor({ code: 'approval_required', details: { requiredRole: 'owner' } }),
    ).toBe(null);
  });
});

describe('a supervisor approves a refused shift action in place', { timeout: 30_000 }, () => {
  it('paid-out over the limit: wrong PIN and self-approval write nothing; Taras’s PIN records it with the approval', async () => {
    const till = await openDemoTill();
    const refused = await recordCashMovement(till, olena, 'paid_out', UAH(1200), 'New kettle');
    if (refused.ok) throw new Error('a cashier’s paid-out over the limit was recorded');
    const role = approvalAskedFor(refused.error);
    expect(role).toBe('supervisor');
    const before = (await entries(till)).length;

    const wrong = await checkApprover(till, olena, role!, { staffId: 'taras', pin: '9999' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', details: { attemptsLeft: 4 } },
    });
    const self = await checkApprover(till, olena, role!, { staffId: 'olena', pin: '1111' });
    expect(self).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await entries(till)).length).toBe(before);

    const approver = await checkApprover(till, olena, role!, { staffId: 'taras', pin: '2222' });
    expect(approver).toEqual({ ok: true, value: taras });
    if (!approver.ok) return;
    const recorded = await recordCashMovement(
      till,
      olena,
      'paid_out',
      UAH(1200),
      'New kettle',
      approver.value,
    );
    expect(recorded.ok).toBe(true);
    const after = (await entries(till)).slice(before);
    expect(after.map((e) => e.type)).toEqual(['approval', 'paid_out']);
    expect(after[0]).toMatchObject({
      payload: { action: 'paid_out', requestedBy: olena, approvedBy: taras },
    });
    expect(after[1]).toMatchObject({ payload: { staff: olena, approvedBy: taras } });
  });

  it('a close short beyond the tolerance: the refusal names a supervisor; with Taras it closes', async () => {
    const till = await openDemoTill();
    const refused = await endShift(till, olena, UAH(1900), 'Miscounted change');
    if (refused.ok) throw new Error('a cashier closed 100.00 short without a supervisor');
    const role = approvalAskedFor(refused.error);
    expect(role).toBe('supervisor');
    const before = (await entries(till)).length;
    expect(till.state().shift).not.toBe(null);

    const approver = await checkApprover(till, olena, role!, { staffId: 'li-wei', pin: '3333' });
    expect(approver).toEqual({ ok: true, value: { staffId: 'li-wei', role: 'manager' } });
    if (!approver.ok) return;
    const closed = await endShift(till, olena, UAH(1900), 'Miscounted change', approver.value);
    expect(closed.ok).toBe(true);
    const after = (await entries(till)).slice(before);
    expect(after.map((e) => e.type)).toEqual(['approval', 'shift_close']);
    expect(after[1]).toMatchObject({
      payload: { approvedBy: { staffId: 'li-wei' }, overShort: UAH(-100) },
    });
    expect(till.state().shift).toBe(null);
  });
});
