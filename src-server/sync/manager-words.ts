import { formatMoney } from '../../shared/money/format-money';
import type { Money } from '../../shared/money/money';

/**
 * The language of the sentences the server writes for a venue's managers (a reconciliation
 * exception's suggested action): English, as the sentences are, until managers have a
 * language of their own. The sentence is written when the exception is raised.
 */
export const MANAGER_LOCALE = 'en';

/** Money in those sentences as the product shows it everywhere else: "₴600.00", not "600.00 UAH". */
export const moneyForManagers = (amount: Money): string => formatMoney(MANAGER_LOCALE, amount);
