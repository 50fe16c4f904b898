import { checkDrawerAmount, type DrawerAmountField } from '../../../shared/commands/cash-bounds';
import { parseMoney, type Money } from '../../../shared/money';
import { err, ok, type Result } from '../../../shared/util/result';
import type { MessageKey } from '../../i18n';
import type { ShownError } from '../error-banner';
import type { Text } from '../use-text';

/** The field each drawer amount is typed into, by the label the cashier reads. */
const FIELD_LABEL: Readonly<Record<DrawerAmountField, MessageKey>> = {
  float: 'ui.shift.float',
  counted: 'ui.shift.counted',
  amount: 'ui.cash.amount',
};

export function fieldLabel(text: Text, field: DrawerAmountField): string {
  return text(FIELD_LABEL[field]);
}

/**
 * A drawer amount as typed (float, count, paid in/out/drop), checked before anything is sent:
 * a number typed (never an empty field), not below zero (zero only where `allowZero`, typed as 0), and within the domain's drawer bound
 * (`checkDrawerAmount`, the same check the commands make). A refusal names the field and the fix.
 */
export function drawerAmount(
  text: Text,
  raw: string,
  field: DrawerAmountField,
  currency: Money['currency'],
  options: { readonly allowZero: boolean },
): Result<Money, string> {
  const typed = raw.trim();
  const label = fieldLabel(text, field);
  // Nothing typed is never zero: an Enter on an empty float or blind count would otherwise
  // open a shift with no float, or record (and lock) a count of nothing. Zero is typed as 0.
  if (typed === '')
    return err(
      'ui',
      options.allowZero
        ? text('ui.amount.missingZero', { field: label })
        : text('ui.amount.missing', { field: label }),
    );
  const parsed = parseMoney(typed, currency, { allowZero: options.allowZero });
  if (!parsed.ok) return err('ui', text('ui.amount.invalid', { field: label }));
  const bounded = checkDrawerAmount(field, parsed.value);
  if (!bounded.ok) {
    const { max } = bounded.error.details as { max: Money };
    return err('ui', text('ui.amount.tooLarge', { field: label, max }));
  }
  return ok(parsed.value);
}

/** A domain refusal of a drawer amount (its details name the field) in the cashier's words. */
export function drawerRefusal(text: Text, error: ShownError): ShownError {
  const d = error.details as { field?: string; max?: Money } | undefined;
  if (error.code === 'invalid_argument' && d?.max !== undefined && d.field !== undefined) {
    const field = d.field as DrawerAmountField;
    if (field in FIELD_LABEL)
      return {
        code: 'ui',
        message: text('ui.amount.tooLarge', { field: fieldLabel(text, field), max: d.max }),
      };
  }
  return error;
}
