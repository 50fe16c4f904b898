import type { Money } from '../../../shared/money';
import { compare, parseMoney } from '../../../shared/money';
import { cashTenderLimit } from '../../../shared/orders/cash-limit';
import { looksLikeCardNumber } from '../../../shared/orders/card';
import { cardTenderInputSchema } from '../../../shared/orders/tenders';
import type { Result } from '../../../shared/util/result';
import type { TenderSummary } from '../../flows/tender-math';
import type { Text } from '../use-text';

/**
 * The payment's problems in words: each names the field and the fix. The rules are the
 * domain's (the card schema, `cashTenderLimit`, `settleTenders` through the summary); this
 * only picks the sentence.
 */

/** The sell screen's pay keys (the help overlay lists them). */
export const TENDER_KEYS = { exactCash: 'F4', card: 'F6', pay: 'F8' } as const;

type ParsedCash = Result<Money, string> | null;

/** What is wrong with "Cash received", or null. */
export function cashProblem(text: Text, cash: ParsedCash, cashDue: Money): string | null {
  if (cash === null) return null;
  if (!cash.ok) return text('ui.tender.cashInvalid');
  const limit = cashTenderLimit(cashDue);
  if (cashDue.amount > 0 && compare(cash.value, limit) > 0)
    return text('ui.tender.cashTooMuch', { limit });
  return null;
}

/** Why "Confirm sale" cannot be pressed yet, or null when it can. */
export function confirmReason(
  text: Text,
  summary: TenderSummary,
  cash: ParsedCash,
  cashError: string | null,
): string | null {
  if (cashError !== null) return cashError;
  if (summary.settled) return null;
  if (summary.problem?.code === 'overpaid') return text('ui.tender.nonCashTooMuch');
  if (cash === null) return text('ui.tender.needPayment', { key: TENDER_KEYS.exactCash });
  return text('ui.tender.cashShort', { due: summary.cashDue });
}

/** What is wrong with the card payment typed in, or null. */
export function cardProblem(
  text: Text,
  card: {
    readonly amountText: string;
    readonly approval: string;
    readonly last4: string;
    readonly cashDue: Money;
  },
): string | null {
  if (card.cashDue.amount <= 0) return text('ui.tender.nothingLeft');
  if (card.amountText.trim() !== '') {
    const amount = parseMoney(card.amountText, card.cashDue.currency, { allowZero: false });
    if (!amount.ok) return text('ui.tender.cardAmountInvalid');
    if (compare(amount.value, card.cashDue) > 0)
      return text('ui.tender.cardTooMuch', { max: card.cashDue });
  }
  if (looksLikeCardNumber(card.approval) || looksLikeCardNumber(card.last4))
    return text('ui.tender.cardNumber');
  if (!cardTenderInputSchema.shape.approvalCode.safeParse(card.approval).success)
    return text('ui.tender.approvalInvalid');
  if (!cardTenderInputSchema.shape.last4.safeParse(card.last4).success)
    return text('ui.tender.last4Invalid');
  return null;
}
