import { z } from 'zod';
import {
  customerKeySchema,
  customerRecordSchema,
  customerSearchAnswerSchema,
  customerSearchQuerySchema,
  windowConsentBodySchema,
} from '../customers/contract';
import { defineMethods, method } from './define';

/**
 * A cashier looks a customer up (issue 14 item 7): main asks the server as this terminal
 * (`/api/terminal/customers`), so the answer is the till's venue's only. Online only — the
 * records live on the server: failures as for `sync.*` (`not_configured` not enrolled,
 * `unavailable`/`timeout` offline), which the till says in words.
 */
export const customerMethods = defineMethods({
  'customers.search': method(customerSearchQuerySchema, customerSearchAnswerSchema),
  'customers.record': method(
    z.strictObject({ customerKey: customerKeySchema }),
    customerRecordSchema,
  ),
  /** Consent given or withdrawn at the window, for the contact the customer gave. */
  'customers.consent': method(windowConsentBodySchema, customerRecordSchema),
});
