import { describe, expect, it } from 'vitest';
import { approving } from '../support/approvals';
import {
  closeShift,
  drop,
  login,
  logout,
  noSale,
  nextReceiptNo,
  openShift,
  paidIn,
  paidOut,
  projectTerminal,
  setTrainingMode,
  terminalSettingsSchema,
  xReport,
} from '../../shared/commands';
import { money } from '../../shared/money';
import { codeOf, openTill, SETTINGS, STAFF, Till, uah } from '../fixtures/domain';

describe('login and logout', () => {
  it('lets one member of staff in at a time', () => {
    const till = new Till();
    till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
    expect(till.terminal.session).toEqual(STAFF.olena);
    expect(codeOf(login(till.terminal, { staff: STAFF.petro }, till.ports))).toBe('invalid_state');
    expect(codeOf(login(till.terminal, { staff: STAFF.olena }, till.ports))).toBe('invalid_state');
    expect(codeOf(logout(till.terminal, STAFF.petro, till.ports))).toBe('not_logged_in');
    till.take(logout(till.terminal, STAFF.olena, till.ports));
    expect(till.terminal.session).toBeNull();
    expect(codeOf(logout(till.terminal, STAFF.olena, till.ports))).toBe('not_logged_in');
    expect(
      codeOf(login(till.terminal, { staff: { staffId: 'x', role: 'owner' } }, till.ports)),
    ).toBe('invalid_argument');
    expect(codeOf(login(till.terminal, null, till.ports))).toBe('invalid_argument');
  });

  it('treats a different role under the same id as somebody else', () => {
    const till = new Till();
    till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
    expect(codeOf(logout(till.terminal, { staffId: 'olena', role: 'manager' }, till.ports))).toBe(
      'not_logged_in',
    );
  });
});

describe('training mode', () => {
  it('needs a supervisor, and only between shifts', () => {
    const till = new Till();
    till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
    expect(codeOf(setTrainingMode(till.terminal, { enabled: true }, STAFF.olena, till.ports))).toBe(
      'approval_required',
    );
    expect(
      codeOf(
        approving(STAFF.olena, (approver) =>
          setTrainingMode(till.terminal, { enabled: true, approver }, STAFF.olena, till.ports),
        ),
      ),
    ).toBe('forbidden');
    expect(
      codeOf(
        approving(STAFF.petro, (approver) =>
          setTrainingMode(till.terminal, { enabled: true, approver }, STAFF.olena, till.ports),
        ),
      ),
    ).toBe('forbidden');
    expect(
      codeOf(
        approving(STAFF.kiosk, (approver) =>
          setTrainingMode(till.terminal, { enabled: true, approver }, STAFF.olena, till.ports),
        ),
      ),
    ).toBe('forbidden');
    const out = till.take(
      approving(STAFF.taras, (approver) =>
        setTrainingMode(till.terminal, { enabled: true, approver }, STAFF.olena, till.ports),
      ),
    );
    expect(out.drafts.map((d) => d.type)).toEqual(['approval', 'training_mode']);
    expect(out.drafts[0]!.payload).toMatchObject({
      action: 'training_mode',
      approvedBy: STAFF.taras,
      requestedBy: STAFF.olena,
    });
    expect(till.terminal.training).toBe(true);
    expect(
      codeOf(
        approving(STAFF.taras, (approver) =>
          setTrainingMode(till.terminal, { enabled: true, approver }, STAFF.olena, till.ports),
        ),
      ),
    ).toBe('invalid_state');
    till.take(openShift(till.base(), { float: uah(0) }, STAFF.olena, till.ports));
    expect(
      codeOf(
        approving(STAFF.taras, (approver) =>
          setTrainingMode(till.terminal, { enabled: false, approver }, STAFF.olena, till.ports),
        ),
      ),
    ).toBe('invalid_state');
    expect(
      codeOf(setTrainingMode(till.terminal, { enabled: 'yes' }, STAFF.olena, till.ports)),
    ).toBe('invalid_argument');
    expect(
      codeOf(setTrainingMode(till.terminal, { enabled: false }, STAFF.petro, till.ports)),
    ).toBe('not_logged_in');
  });

  it('keeps training receipts and Z numbers apart from real ones', () => {
    const till = new Till();
    till.take(login(till.terminal, { staff: STAFF.taras }, till.ports));
    till.take(setTrainingMode(till.terminal, { enabled: true }, STAFF.taras, till.ports));
    till.take(openShift(till.base(), { float: uah(0) }, STAFF.taras, till.ports));
    expect(till.terminal.shift?.training).toBe(true);
    const closed = till.take(
      closeShift(
        { ...till.base(), shiftTally: till.shiftTally() },
        { counted: uah(0) },
        STAFF.taras,
        till.ports,
      ),
    );
    expect(closed.report.zNumber).toBeNull();
    expect(till.terminal.lastZNumber).toBe(0);
    expect(nextReceiptNo(till.terminal)).toBe(1);
  });
});

describe('shifts', () => {
  it('opens once, with a float in the terminal currency', () => {
    const till = new Till();
    expect(codeOf(openShift(till.base(), { float: uah(100) }, STAFF.olena, till.ports))).toBe(
      'not_logged_in',
    );
    till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
    expect(
      codeOf(openShift(till.base(), { float: money(100, 'EUR') }, STAFF.olena, till.ports)),
    ).toBe('currency_mismatch');
    expect(codeOf(openShift(till.base(), { float: uah(-1) }, STAFF.olena, till.ports))).toBe(
      'invalid_argument',
    );
    const out = till.take(openShift(till.base(), { float: uah(1000) }, STAFF.olena, till.ports));
    expect(till.terminal.shift).toMatchObject({
      shiftId: out.shiftId,
      float: uah(1000),
      staff: STAFF.olena,
      training: false,
    });
    expect(codeOf(openShift(till.base(), { float: uah(0) }, STAFF.olena, till.ports))).toBe(
      'shift_already_open',
    );
  });

  it('gives a kiosk a zero float', () => {
    const till = new Till();
    till.take(login(till.terminal, { staff: STAFF.kiosk }, till.ports));
    expect(codeOf(openShift(till.base(), { float: uah(1) }, STAFF.kiosk, till.ports))).toBe(
      'invalid_argument',
    );
    expect(codeOf(openShift(till.base(), { float: uah(0) }, STAFF.kiosk, till.ports))).toBe('ok');
  });

  it('closes with a blind count and the next Z number', () => {
    const till = openTill();
    const state = () => ({ ...till.base(), shiftTally: till.shiftTally() });
    const z1 = till.take(closeShift(state(), { counted: uah(1000) }, STAFF.olena, till.ports));
    expect(z1.report).toMatchObject({
      kind: 'Z',
      zNumber: 1,
      counted: uah(1000),
      overShort: uah(0),
    });
    expect(z1.drafts.map((d) => d.type)).toEqual(['shift_close']);
    expect(till.terminal.shift).toBeNull();
    expect(codeOf(xReport(state0(till), till.ports))).toBe('shift_not_open');
    till.take(openShift(till.base(), { float: uah(500) }, STAFF.olena, till.ports));
    const z2 = till.take(closeShift(state(), { counted: uah(503) }, STAFF.olena, till.ports));
    expect(z2.report).toMatchObject({ zNumber: 2, overShort: uah(3) });
    expect(projectTerminal('T01', till.entries).lastZNumber).toBe(2);
  });

  it('makes a supervisor look at over/short beyond the tolerance', () => {
    const till = openTill();
    const state = { ...till.base(), shiftTally: till.shiftTally() };
    const short = closeShift(state, { counted: uah(990) }, STAFF.olena, till.ports);
    expect(short.ok || short.error).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('short by 10.00 UAH'),
    });
    expect(
      codeOf(
        closeShift(
          state,
          { counted: uah(990), note: 'Gave wrong change' },
          STAFF.olena,
          till.ports,
        ),
      ),
    ).toBe('approval_required');
    const ok = till.take(
      approving(STAFF.taras, (approver) =>
        closeShift(
          state,
          { counted: uah(990), note: 'Gave wrong change', approver },
          STAFF.olena,
          till.ports,
        ),
      ),
    );
    expect(ok.drafts.map((d) => d.type)).toEqual(['approval', 'shift_close']);
    expect(ok.drafts[1]!.payload).toMatchObject({
      approvedBy: STAFF.taras,
      note: 'Gave wrong change',
      overShort: uah(-10),
      expected: uah(1000),
    });
  });

  it('refuses a close without its shift or with a count in another currency', () => {
    const till = openTill();
    expect(
      codeOf(
        closeShift(
          { ...till.base(), shiftTally: null },
          { counted: uah(1000) },
          STAFF.olena,
          till.ports,
        ),
      ),
    ).toBe('invalid_state');
    expect(
      codeOf(
        closeShift(
          { ...till.base(), shiftTally: till.shiftTally() },
          { counted: money(1, 'EUR') },
          STAFF.olena,
          till.ports,
        ),
      ),
    ).toBe('currency_mismatch');
    expect(
      codeOf(
        closeShift({ ...till.base(), shiftTally: till.shiftTally() }, {}, STAFF.olena, till.ports),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        closeShift(
          { ...till.base(), shiftTally: till.shiftTally() },
          { counted: uah(1) },
          STAFF.petro,
          till.ports,
        ),
      ),
    ).toBe('not_logged_in');
  });
});

function state0(till: Till) {
  return { ...till.base(), shiftTally: null };
}

describe('cash movements', () => {
  it('journals paid-ins, paid-outs, drops and no-sales with reasons', () => {
    const till = openTill();
    const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
    till.take(
      paidIn(s(), { amount: uah(200), reason: 'Change from the safe' }, STAFF.olena, till.ports),
    );
    till.take(paidOut(s(), { amount: uah(150), reason: 'Printer paper' }, STAFF.olena, till.ports));
    till.take(drop(s(), { amount: uah(800), reason: 'Mid-shift drop' }, STAFF.olena, till.ports));
    till.take(noSale(s(), { reason: 'Customer asked for change' }, STAFF.olena, till.ports));
    const x = xReport(s(), till.ports);
    expect(x.ok && x.value.cash).toMatchObject({
      paidIn: uah(200),
      paidOut: uah(150),
      drops: uah(800),
      expected: uah(250),
    });
    expect(x.ok && x.value.movements).toEqual({ paidIn: 1, paidOut: 1, drops: 1, noSales: 1 });
  });

  it('needs a supervisor above the paid-out limit and never takes out more than the drawer holds', () => {
    const till = openTill();
    const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
    const big = { amount: uah(600), reason: 'Flowers for the cast' };
    expect(codeOf(paidOut(s(), big, STAFF.olena, till.ports))).toBe('approval_required');
    const ok = till.take(
      approving(STAFF.iryna, (approver) =>
        paidOut(s(), { ...big, approver }, STAFF.olena, till.ports),
      ),
    );
    expect(ok.drafts.map((d) => d.type)).toEqual(['approval', 'paid_out']);
    expect(codeOf(drop(s(), { amount: uah(401), reason: 'Drop' }, STAFF.olena, till.ports))).toBe(
      'limit_exceeded',
    );
    expect(
      codeOf(
        approving(STAFF.taras, (approver) =>
          paidOut(s(), { amount: uah(450), reason: 'Too much', approver }, STAFF.olena, till.ports),
        ),
      ),
    ).toBe('limit_exceeded');
  });

  it('refuses bad input, kiosks, closed shifts and card numbers in reasons', () => {
    const till = openTill();
    const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
    expect(codeOf(paidIn(s(), { amount: uah(0), reason: 'Zero' }, STAFF.olena, till.ports))).toBe(
      'invalid_argument',
    );
    expect(codeOf(paidIn(s(), { amount: uah(10), reason: 'x' }, STAFF.olena, till.ports))).toBe(
      'invalid_argument',
    );
    expect(
      codeOf(paidIn(s(), { amount: money(10, 'EUR'), reason: 'Euros' }, STAFF.olena, till.ports)),
    ).toBe('currency_mismatch');
    expect(
      codeOf(noSale(s(), { reason: 'card 4111 1111 1111 1111' }, STAFF.olena, till.ports)),
    ).toBe('card_number_rejected');
    expect(codeOf(noSale(s(), {}, STAFF.olena, till.ports))).toBe('invalid_argument');
    expect(codeOf(noSale(s(), { reason: 'Check' }, STAFF.petro, till.ports))).toBe('not_logged_in');
    const kiosk = new Till();
    kiosk.take(login(kiosk.terminal, { staff: STAFF.kiosk }, kiosk.ports));
    kiosk.take(openShift(kiosk.base(), { float: uah(0) }, STAFF.kiosk, kiosk.ports));
    const ks = { ...kiosk.base(), shiftTally: kiosk.shiftTally() };
    expect(codeOf(paidIn(ks, { amount: uah(10), reason: 'Coins' }, STAFF.kiosk, kiosk.ports))).toBe(
      'forbidden',
    );
    expect(codeOf(noSale(ks, { reason: 'Open it' }, STAFF.kiosk, kiosk.ports))).toBe('forbidden');
    const closed = new Till();
    closed.take(login(closed.terminal, { staff: STAFF.olena }, closed.ports));
    const cs = { ...closed.base(), shiftTally: null };
    expect(
      codeOf(paidIn(cs, { amount: uah(10), reason: 'Coins' }, STAFF.olena, closed.ports)),
    ).toBe('shift_not_open');
    expect(codeOf(noSale(cs, { reason: 'Open it' }, STAFF.olena, closed.ports))).toBe(
      'shift_not_open',
    );
  });
});

describe('terminal settings', () => {
  it('keeps limits in the terminal currency', () => {
    expect(terminalSettingsSchema.safeParse(SETTINGS).success).toBe(true);
    expect(
      terminalSettingsSchema.safeParse({ ...SETTINGS, paidOutLimit: money(1, 'EUR') }).success,
    ).toBe(false);
  });
});
