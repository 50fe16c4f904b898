import { customerRecordSchema, customerSearchAnswerSchema } from '../../shared/customers/contract';
import type { HandlersFor } from '../services/handlers';
import type { SendAsTerminal } from './inventory-handlers';

/** `customers.*` (shared/ipc/customers.ts): each one `/api/terminal/customers` route. */
export function customerHandlers(send: SendAsTerminal): HandlersFor<'customers.'> {
  return {
    'customers.search': ({ q }) =>
      send('GET', `/api/terminal/customers?q=${encodeURIComponent(q)}`, customerSearchAnswerSchema),
    'customers.record': ({ customerKey }) =>
      send(
        'GET',
        `/api/terminal/customers/${encodeURIComponent(customerKey)}`,
        customerRecordSchema,
      ),
    'customers.consent': (body) =>
      send('PUT', '/api/terminal/customer-consent', customerRecordSchema, body),
  };
}
