// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import {
  currentXReport,
  endShift,
  startShift,
  switchTrainingMode,
} from '../../src-renderer/app/shift-service';
import { UAH } from './flows-fixtures';
import { closeTills, journalTypes, olena, openDemoTill, sellSeats } from './till-fixtures';

// Training mode through the shift screen's service on a real till: only between shifts, only
// with a supervisor's approval, and a training shift's sales take the training receipt
// sequence while the real one stays where it was.

afterEach(closeTills);

const taras = { staffId: 'taras', role: 'supervisor' as const };

describe('training mode on a real till', { timeout: 30_000 }, () => {
  it('switches between shifts with a supervisor, and training sales number on their own sequence', async () => {
    const till = await openDemoTill();
    const real = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    expect(real.receiptNo).toBe(1);

    // Not while a shift is open: the domain refuses and nothing is written.
    const before = await journalTypes(till);
    const during = await switchTrainingMode(till, olena, true, taras);
    expect(during).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await journalTypes(till)).toEqual(before);

    const x = await currentXReport(till);
    if (!x.ok) throw new Error(x.error.message);
    const closed = await endShift(till, olena, x.value.cash.expected);
    if (!closed.ok) throw new Error(closed.error.message);

    const asked = await switchTrainingMode(till, olena, true);
    expect(asked).toMatchObject({
      ok: false,
      error: { code: 'approval_required', details: { requiredRole: 'supervisor' } },
    });
    const switched = await switchTrainingMode(till, olena, true, taras);
    expect(switched.ok).toBe(true);
    expect((await journalTypes(till)).slice(-2)).toEqual(['approval', 'training_mode']);
    expect(till.state().training).toBe(true);

    const opened = await startShift(till, olena, UAH(2000));
    if (!opened.ok) throw new Error(opened.error.message);
    const practice = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-10']);
    expect(practice.training).toBe(true);
    expect(practice.receiptNo).toBe(1);
    expect(formatReceiptNumber('T1', practice.receiptNo, practice.training)).toBe(
      'TRAINING-T1-000001',
    );
    // The real sequence did not move: the next real receipt is still number 2.
    expect(till.state().lastReceiptNo).toBe(real.receiptNo);
  });
});
