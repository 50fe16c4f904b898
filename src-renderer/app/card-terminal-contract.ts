import type { ContractClient } from '../../shared/ipc/client';
import type { CardTerminal } from './card-terminal';

/**
 * The card terminal over the contract (shared/ipc/payment.ts): main drives the terminal,
 * keeps each payment idempotent on the page's payment id and resolves a lost answer itself;
 * the page only asks and listens.
 */
export function cardTerminalThrough(client: ContractClient): CardTerminal {
  return {
    start: (request) =>
      client.call('payment.start', {
        paymentId: request.paymentId,
        kind: request.kind,
        amount: request.amount,
        reference: request.reference,
        ...(request.originalPaymentId !== undefined
          ? { originalPaymentId: request.originalPaymentId }
          : {}),
      }),
    status: (paymentId) => client.call('payment.status', { paymentId }),
    reverse: (paymentId) => client.call('payment.reverse', { paymentId }),
    terminal: () => client.call('payment.terminal', {}),
    onUpdated: (listener) => client.on('payment.updated', listener),
    onTerminal: (listener) => client.on('payment.terminal', listener),
  };
}
