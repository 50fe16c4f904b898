import type { MessageKey } from '../../i18n';
import { ticketVerdict } from '../../devices/scan-router';
import type { FlowError } from '../../flows/flow-types';
import type { TicketScanVerdict } from '../../scan';
import type { ShownError } from '../error-banner';
import { scanVerdictText } from '../scan-verdict-panel';
import type { Text } from '../use-text';

/**
 * Codes only the flows give (the domain's and the store's are in the shared catalog). Their
 * words are put in `message` under a code the catalog has no `error.` key for, so the error
 * banner shows them as they are, in the cashier's language.
 */
const FLOW_KEYS: Readonly<Record<string, MessageKey>> = {
  nothing_selected: 'ui.flow.error.nothingSelected',
  method_not_allowed: 'ui.flow.error.methodNotAllowed',
  internal: 'ui.flow.error.internal',
  store_error: 'ui.flow.error.storeError',
  print_failed: 'ui.flow.error.printFailed',
  empty_cart: 'ui.flow.error.emptyCart',
  not_settled: 'ui.flow.error.notSettled',
};

/** The ticket scanner's verdict a find refusal carries (see app/order-flow-actors). */
export function verdictOf(error: FlowError | null): TicketScanVerdict | null {
  const d = error?.details;
  if (typeof d !== 'object' || d === null || !('verdict' in d)) return null;
  const v = d.verdict;
  return typeof v === 'object' && v !== null && 'code' in v ? (v as TicketScanVerdict) : null;
}

/** A flow's error for the banner; `searched` is what the cashier searched for, if anything. */
export function shownFlowError(text: Text, error: FlowError, searched?: string): ShownError {
  const verdict = verdictOf(error);
  if (verdict !== null) {
    const v = ticketVerdict('find', searched ?? '', verdict);
    return { code: `scan_${verdict.code}`, message: scanVerdictText(text, v) };
  }
  if (error.code === 'not_found' && searched !== undefined && searched !== '')
    return { code: 'order_not_found', message: text('refund.notFound', { query: searched }) };
  const key = FLOW_KEYS[error.code];
  return key !== undefined ? { code: `flow_${error.code}`, message: text(key) } : error;
}
