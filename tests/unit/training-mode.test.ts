// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { grantFor, withApproval } from '../support/approvals';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import {
  currentXReport,
  endShift,
  startShift,
  switchTrainingMode,
} from '../../src-renderer/app/shift-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { inventoryFor } from '../../src-renderer/app/sale-service';
import { UAH } from './flows-fixtures';
import { closeTills, journalTypes, olena, openDemoTill, sellSeats } from './till-fixtures';

// Training mode through the shift screen's service on a real till: only between shifts, only
// with a supervisor's approval, and a training shift's sales take the training receipt
// sequence while the real one stays where it was.

afterEach(closeTills);

const TARAS_PIN = { staffId: 'taras', pin: '2222' };

describe('training mode on a real till', { timeout: 30_000 }, () => {
  it('switches between shifts with a supervisor, and training sales number on their own sequence', async () => {
    const till = await openDemoTill();
    const real = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    expect(real.receiptNo).toBe(1);

    // Not while a shift is open: the domain refuses and nothing is written.
    const before = await journalTypes(till);
    const during = await switchTrainingMode(till, olena, true);
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
    const switched = await switchTrainingMode(
      till,
      olena,
      true,
      await grantFor(till, asked, 'taras', '2222'),
    );
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

    // Practice never takes a real seat: the seat sold in training is still on sale, while the
    // real sale's seat is not.
    const inventory = await inventoryFor(till, 'forest-song-1');
    expect(inventory.availableSeatIds?.has('stalls-10-10')).toBe(true);
    expect(inventory.availableSeatIds?.has('stalls-10-9')).toBe(false);

    // A trainee cannot refund the real order (which would put its seat back on sale)…
    const realOrder = await reloadOrder(till, real.orderId);
    if (realOrder === null) throw new Error('the real order is not in the store');
    const journalBefore = await journalTypes(till);
    const refused = await withApproval(till, TARAS_PIN, (g) =>
      commitRefund(
        till,
        realOrder.view,
        { ticketIds: [real.tickets[0]!.ticketId], method: 'cash', reasonCode: 'customer_request' },
        olena,
        g,
      ),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'training_mismatch' } });
    expect(await journalTypes(till)).toEqual(journalBefore);
    expect((await reloadOrder(till, real.orderId))?.view.tickets[0]?.status).toBe('valid');

    // …while the practice order can be refunded in training, and its seat stays as it was.
    const practiceOrder = await reloadOrder(till, practice.orderId);
    if (practiceOrder === null) throw new Error('the practice order is not in the store');
    const refunded = await withApproval(till, TARAS_PIN, (g) =>
      commitRefund(
        till,
        practiceOrder.view,
        {
          ticketIds: [practice.tickets[0]!.ticketId],
          method: 'cash',
          reasonCode: 'customer_request',
        },
        olena,
        g,
      ),
    );
    expect(refunded.ok).toBe(true);
    const after = await inventoryFor(till, 'forest-song-1');
    expect(after.availableSeatIds?.has('stalls-10-9')).toBe(false);
  });
});
