import { z } from 'zod';
import type { Currency } from '../money/currency';
import { roundCash } from '../money/cash-rounding';
import { describeMoney, money, positiveMoneySchema, zero, type Money } from '../money/money';
import { err, ok, type Result } from '../util/result';
import { CARD_NUMBER_ISSUE, looksLikeCardNumber } from './card';
import type { IdSource } from './ids';

const notACardNumber = (s: string): boolean => !looksLikeCardNumber(s);
const cardNumberMessage = {
  message:
    'That looks like a full card number. Enter only the last 4 digits and the approval code from the card terminal.',
  params: { issue: CARD_NUMBER_ISSUE },
};

export const cashTenderInputSchema = z.object({
  kind: z.literal('cash'),
  /** What the customer handed over; change is computed. */
  tendered: positiveMoneySchema,
});

/**
 * The card terminal's approval code, as printed on its slip: one rule for a card sale and a
 * refund to the card (the screens check what the commands check).
 */
export const approvalCodeSchema = z
  .string()
  .trim()
  .refine(notACardNumber, cardNumberMessage)
  .pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9]{2,12}$/,
        'The approval code is 2–12 letters or digits from the card slip.',
      ),
  );

/** Card paid on the external terminal: we keep its approval code and last 4 digits only. */
export const cardTenderInputSchema = z.object({
  kind: z.literal('card'),
  amount: positiveMoneySchema,
  approvalCode: approvalCodeSchema,
  last4: z
    .string()
    .trim()
    .refine(notACardNumber, cardNumberMessage)
    .pipe(z.string().regex(/^\d{4}$/, 'Enter exactly the last 4 digits of the card.')),
  scheme: z.enum(['visa', 'mastercard', 'amex', 'prostir', 'unionpay', 'jcb', 'other']).optional(),
  /**
   * The payment terminal's id of this payment, when main's terminal port took it (a kiosk
   * sale): a refund to this card is then a referenced refund of exactly this payment.
   */
  paymentId: z.uuid().optional(),
});

export const voucherTenderInputSchema = z.object({
  kind: z.literal('voucher'),
  amount: positiveMoneySchema,
  voucherId: z.string().min(4).max(64),
});

export const tenderInputSchema = z.discriminatedUnion('kind', [
  cashTenderInputSchema,
  cardTenderInputSchema,
  voucherTenderInputSchema,
]);

export type TenderInput = z.output<typeof tenderInputSchema>;

export type TenderRecord =
  | {
      readonly tenderId: string;
      readonly kind: 'cash';
      readonly amount: Money;
      readonly tendered: Money;
      readonly change: Money;
    }
  | {
      readonly tenderId: string;
      readonly kind: 'card';
      readonly amount: Money;
      readonly approvalCode: string;
      readonly last4: string;
      readonly scheme?: string;
      /** the terminal port's payment id (kiosk sales); absent on a card keyed in at a till */
      readonly paymentId?: string;
    }
  | {
      readonly tenderId: string;
      readonly kind: 'voucher';
      readonly amount: Money;
      readonly voucherId: string;
    };

export interface Settlement {
  readonly tenders: readonly TenderRecord[];
  /** What the tenders pay in total (= due + cash rounding). */
  readonly paid: Money;
  readonly change: Money;
  /** Cash rounding: paid − due (e.g. +0.04 when 12.46 is paid as 12.50 in cash). */
  readonly rounding: Money;
}

export type SettleErrorCode = 'underpaid' | 'overpaid' | 'invalid_argument' | 'currency_mismatch';

/**
 * Matches tenders to the amount due. Cards and vouchers pay exact amounts and may not go over
 * what is due; cash comes last, is rounded to the smallest coin when the venue says so, and
 * is the only tender that gives change. Settled means the tenders equal the amount due.
 */
export function settleTenders(
  due: Money,
  inputs: readonly TenderInput[],
  newId: IdSource,
  cashIncrement?: number,
): Result<Settlement, SettleErrorCode> {
  const currency = due.currency;
  const cashInputs = inputs.filter((t) => t.kind === 'cash');
  if (cashInputs.length > 1) {
    return err('invalid_argument', 'Enter cash once, as the total the customer handed over.');
  }
  for (const t of inputs) {
    const m = t.kind === 'cash' ? t.tendered : t.amount;
    if (m.currency !== currency) {
      return err(
        'currency_mismatch',
        `This sale is in ${currency}; a ${m.currency} payment cannot be taken.`,
      );
    }
  }
  const records: TenderRecord[] = [];
  let nonCash = 0;
  for (const t of inputs) {
    if (t.kind === 'cash') continue;
    nonCash += t.amount.amount;
    records.push(
      t.kind === 'card'
        ? {
            tenderId: newId(),
            kind: 'card',
            amount: t.amount,
            approvalCode: t.approvalCode,
            last4: t.last4,
            ...(t.scheme ? { scheme: t.scheme } : {}),
            ...(t.paymentId !== undefined ? { paymentId: t.paymentId } : {}),
          }
        : { tenderId: newId(), kind: 'voucher', amount: t.amount, voucherId: t.voucherId },
    );
  }
  if (nonCash > due.amount) {
    return err(
      'overpaid',
      `Card and voucher payments (${describeMoney(money(nonCash, currency))}) are more than the ${describeMoney(due)} due. Only cash gives change.`,
    );
  }
  const remaining = money(due.amount - nonCash, currency);
  const cash = cashInputs[0];
  if (remaining.amount === 0) {
    if (cash) return err('overpaid', 'Nothing is left to pay in cash: remove the cash payment.');
    return ok({ tenders: records, paid: due, change: zero(currency), rounding: zero(currency) });
  }
  const { rounded, adjustment } = roundCash(remaining, cashIncrement);
  if (!cash || cash.kind !== 'cash') {
    return err('underpaid', `${describeMoney(remaining)} is still to pay.`, { remaining });
  }
  if (cash.tendered.amount < rounded.amount) {
    return err(
      'underpaid',
      `The customer gave ${describeMoney(cash.tendered)} in cash but ${describeMoney(rounded)} is due in cash.`,
      { remaining: rounded },
    );
  }
  const change = money(cash.tendered.amount - rounded.amount, currency);
  records.push({
    tenderId: newId(),
    kind: 'cash',
    amount: rounded,
    tendered: cash.tendered,
    change,
  });
  return ok({
    tenders: records,
    paid: money(due.amount + adjustment.amount, currency),
    change,
    rounding: adjustment,
  });
}

export function tendersTotal(currency: Currency, tenders: readonly { amount: Money }[]): Money {
  let n = 0;
  for (const t of tenders) n += t.amount.amount;
  return money(n, currency);
}
