import type { ContractClient } from '../../shared/ipc/client';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { MethodRequest, MethodResponse } from '../../shared/ipc/contract';
import type { Result } from '../../shared/util/result';

type Call<M extends InventoryMethod> = (
  input: MethodRequest<M>,
) => Promise<Result<MethodResponse<M>, IpcErrorCode>>;
type InventoryMethod =
  | 'inventory.hold'
  | 'inventory.renewHold'
  | 'inventory.shrinkHold'
  | 'inventory.releaseHold'
  | 'inventory.checkoutLease'
  | 'inventory.returnLease'
  | 'inventory.availability';

/**
 * What the till's inventory needs from main, which holds the token and asks the server
 * (shared/ipc/inventory.ts). Unit tests put an in-memory server behind the same shape.
 */
export interface InventoryPort {
  readonly hold: Call<'inventory.hold'>;
  readonly renewHold: Call<'inventory.renewHold'>;
  readonly shrinkHold: Call<'inventory.shrinkHold'>;
  readonly releaseHold: Call<'inventory.releaseHold'>;
  readonly checkoutLease: Call<'inventory.checkoutLease'>;
  readonly returnLease: Call<'inventory.returnLease'>;
  readonly availability: Call<'inventory.availability'>;
}

export function inventoryThrough(client: ContractClient): InventoryPort {
  return {
    hold: (i) => client.call('inventory.hold', i),
    renewHold: (i) => client.call('inventory.renewHold', i),
    shrinkHold: (i) => client.call('inventory.shrinkHold', i),
    releaseHold: (i) => client.call('inventory.releaseHold', i),
    checkoutLease: (i) => client.call('inventory.checkoutLease', i),
    returnLease: (i) => client.call('inventory.returnLease', i),
    availability: (i) => client.call('inventory.availability', i),
  };
}

/** How a failed inventory request is read: which of the three sources answers now. */
export type PortFailure =
  /** Not enrolled: this till is the whole house (demo or stand-alone). */
  | { readonly kind: 'local' }
  /** The server was not reached: sell from this till's lease. */
  | { readonly kind: 'offline'; readonly message: string }
  /** The server said no: its code (`seat_taken`, `ga_sold_out`, …) and sentence. */
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

export function readFailure(error: {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}): PortFailure {
  if (error.code === 'not_configured') return { kind: 'local' };
  if (error.code === 'invalid_argument' || error.code === 'forbidden') {
    const code = (error.details as { code?: unknown } | undefined)?.code;
    return {
      kind: 'refused',
      code: typeof code === 'string' ? code : error.code,
      message: error.message,
    };
  }
  return { kind: 'offline', message: error.message };
}
