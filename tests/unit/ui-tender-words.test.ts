import { describe, expect, it } from 'vitest';
import { money, parseMoney } from '../../shared/money';
import type { TenderInput } from '../../shared/orders/tenders';
import { tenderSummary } from '../../src-renderer/flows/tender-math';
import { createTranslator } from '../../src-renderer/i18n';
import { promoProblem } from '../../src-renderer/ui/sell/promo-words';
import { drawerAmount } from '../../src-renderer/ui/shift/drawer-amount';
import { cardProblem, cashProblem, confirmReason } from '../../src-renderer/ui/sell/tender-words';
import type { Text } from '../../src-renderer/ui/use-text';

const tr = createTranslator('en', { currency: 'UAH', timeZone: 'Europe/Kyiv' });
const text: Text = Object.assign(
  (key: Parameters<Text>[0], values?: Parameters<Text>[1]) => tr.t(key, values),
  { tr },
);
const uah = (minor: number) => money(minor, 'UAH');
const due = uah(2_440_00);
const cash = (s: string) => parseMoney(s, 'UAH', { allowZero: false });
const summaryWith = (tenders: TenderInput[]) => tenderSummary(due, tenders);

describe('the payment in words (sell screen)', () => {
  it('cash received: digits only, at most ten times the cash due', () => {
    expect(cashProblem(text, null, due)).toBeNull();
    expect(cashProblem(text, cash('abc'), due)).toBe(
      'Cash received: type the amount in digits, like 2500 or 2500.50.',
    );
    expect(cashProblem(text, cash('24400'), due)).toBeNull();
    expect(cashProblem(text, cash('1000000000000'), due)).toBe(
      'Cash received: at most ₴24,400.00 for this sale. Check the amount typed.',
    );
  });

  it('Confirm always has a reason while it cannot be pressed', () => {
    const none = summaryWith([]);
    expect(confirmReason(text, none, null, null)).toBe(
      'To confirm: type the cash received (or press F4 for exact cash), or add a card payment.',
    );
    const short = cash('10');
    const shortSummary = summaryWith(short.ok ? [{ kind: 'cash', tendered: short.value }] : []);
    expect(confirmReason(text, shortSummary, short, null)).toBe(
      'Cash received is less than the ₴2,440.00 due in cash: type the full amount handed over.',
    );
    const paid = summaryWith([{ kind: 'cash', tendered: uah(2_500_00) }]);
    expect(confirmReason(text, paid, cash('2500'), null)).toBeNull();
    // Settled by the domain but refused by the screen: the refusal is the reason.
    const huge = cash('1000000000000');
    const hugeError = cashProblem(text, huge, due);
    expect(confirmReason(text, paid, huge, hugeError)).toBe(hugeError);
  });

  it('card: amount at most what is left, approval code and last 4 digits in their formats', () => {
    const base = { amountText: '', approval: 'A1B2C3', last4: '4242', cashDue: due };
    expect(cardProblem(text, base)).toBeNull();
    expect(cardProblem(text, { ...base, amountText: '999999' })).toBe(
      'Card amount: at most ₴2,440.00, what is left to pay. Enter a smaller amount.',
    );
    expect(cardProblem(text, { ...base, amountText: '12,3.4.5' })).toMatch(/^Card amount: type/);
    expect(cardProblem(text, { ...base, approval: '' })).toBe(
      'Approval code: 2–12 letters or digits, as printed on the card slip.',
    );
    expect(cardProblem(text, { ...base, last4: '12ab' })).toBe(
      'Last 4 digits of the card: exactly 4 digits, as printed on the card slip.',
    );
    expect(cardProblem(text, { ...base, approval: '4111 1111 1111 1111' })).toMatch(
      /^That looks like a full card number/,
    );
    expect(cardProblem(text, { ...base, cashDue: uah(0) })).toMatch(/^Nothing is left to pay/);
  });

  it('promo code refusals name the code and the fix; other refusals are not the code’s', () => {
    const invalid = { code: 'invalid_argument', details: { field: 'promoCode' } };
    expect(promoProblem(text, invalid, 'NOSUCH')).toMatch(
      /^Promo code NOSUCH: not valid for these tickets at this time\./,
    );
    expect(
      promoProblem(text, { code: 'limit_exceeded', details: { field: 'promoCode' } }, 'SPRING'),
    ).toMatch(/^Promo code SPRING: used up/);
    expect(
      promoProblem(text, { code: 'limit_exceeded', details: { tierId: 'x' } }, 'SPRING'),
    ).toBeNull();
  });
});

describe('drawer amounts in words (shift screen)', () => {
  it('an empty float or blind count is refused, never taken as zero; a typed 0 is zero', () => {
    for (const field of ['float', 'counted'] as const) {
      const empty = drawerAmount(text, '  ', field, 'UAH', { allowZero: true });
      expect(empty.ok).toBe(false);
      expect(!empty.ok && empty.error.message).toMatch(/type 0 if the drawer is empty/);
      expect(drawerAmount(text, '0', field, 'UAH', { allowZero: true })).toEqual({
        ok: true,
        value: uah(0),
      });
    }
    expect(drawerAmount(text, '1500.50', 'counted', 'UAH', { allowZero: true })).toEqual({
      ok: true,
      value: uah(1_500_50),
    });
    const paidOut = drawerAmount(text, '', 'amount', 'UAH', { allowZero: false });
    expect(!paidOut.ok && paidOut.error.message).toBe(
      'Amount: type an amount, like 1500 or 1500.50.',
    );
  });
});
