import type { ContractClient } from '../../shared/ipc/client';
import { err } from '../../shared/util/result';
import type { CardTerminal } from './card-terminal';

const NOT_WIRED = 'This build has no card payment terminal.';

/**
 * The card terminal over the contract. Until main's payment methods are wired into the
 * contract (issue 15 item 3), every call answers that there is no terminal, so the kiosk
 * says it cannot take cards and charges nobody.
 */
export function cardTerminalThrough(client: ContractClient): CardTerminal {
  void client;
  const none = () => Promise.resolve(err('not_configured' as const, NOT_WIRED));
  return {
    start: none,
    status: none,
    reverse: none,
    terminal: none,
    onUpdated: () => () => undefined,
    onTerminal: () => () => undefined,
  };
}
