import { describe, expect, it } from 'vitest';
import { approverRefusal } from './approval';

describe('approverRefusal', () => {
  const manager = { staffId: 'li-wei', role: 'manager' as const, name: 'Li Wei' };

  it('money actions keep four eyes: nobody approves her own request', () => {
    for (const action of ['refund', 'void', 'paid_out', 'shift_close_over_short'] as const) {
      expect(approverRefusal('li-wei', manager, 'supervisor', action)).toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/your own request/),
      });
    }
    expect(approverRefusal('li-wei', manager, 'supervisor')?.code).toBe('forbidden');
  });

  it('a manager confirms her own printer change with her PIN; a cashier cannot', () => {
    expect(approverRefusal('li-wei', manager, 'manager', 'printer_settings')).toBeNull();
    const cashier = { staffId: 'olena', role: 'cashier' as const, name: 'Olena' };
    expect(approverRefusal('olena', cashier, 'manager', 'printer_settings')).toMatchObject({
      code: 'forbidden',
      message: 'Olena cannot approve this: it needs a manager.',
    });
  });
});
