import { z } from 'zod';
import {
  availabilityResponseSchema,
  holdResponseSchema,
  leaseResponseSchema,
} from '../../shared/inventory/contract';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { HandlersFor } from '../services/handlers';
import type { ServerRefusal } from './server-client';

/** Sends one request as this terminal (the sync agent's `send`: token, status, errors). */
export type SendAsTerminal = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  answer: z.ZodType<T>,
  body?: unknown,
) => Promise<Result<T, IpcErrorCode>>;

/**
 * The inventory's refusals that are answers about places, not about the terminal: the server
 * sends some as 403/404 (`not_your_hold`, `hold_not_found`), which the server client reads as
 * "token refused" / "older server". For the page they are all the same kind: the server said
 * no to this request, here is why (`invalid_argument`, the code in `details.code`).
 */
const PLACE_REFUSALS: ReadonlySet<string> = new Set([
  'not_your_hold',
  'not_your_lease',
  'hold_not_found',
  'lease_not_found',
  'unknown_performance',
]);

function asPlaceRefusal<T>(result: Result<T, IpcErrorCode>): Result<T, IpcErrorCode> {
  if (result.ok) return result;
  const code = (result.error.details as Partial<ServerRefusal> | undefined)?.code;
  if (code !== undefined && PLACE_REFUSALS.has(code)) {
    return err('invalid_argument', result.error.message, result.error.details);
  }
  return result;
}

const hold = (id: string) => `/api/inventory/holds/${encodeURIComponent(id)}`;

/**
 * `inventory.*` (shared/ipc/inventory.ts): each maps to one `/api/inventory` route. Bodies
 * were validated against the contract by the dispatcher; answers are parsed against the
 * server contract by the server client before the page sees them.
 */
export function inventoryHandlers(send: SendAsTerminal): HandlersFor<'inventory.'> {
  return {
    'inventory.hold': async (body) =>
      asPlaceRefusal(await send('POST', '/api/inventory/holds', holdResponseSchema, body)),
    'inventory.renewHold': async ({ holdId, ...body }) =>
      asPlaceRefusal(await send('POST', `${hold(holdId)}/renew`, holdResponseSchema, body)),
    'inventory.shrinkHold': async ({ holdId, ...body }) =>
      asPlaceRefusal(await send('POST', `${hold(holdId)}/release`, holdResponseSchema, body)),
    'inventory.releaseHold': async ({ holdId }) => {
      const result = asPlaceRefusal(await send('DELETE', hold(holdId), z.unknown()));
      return result.ok ? ok({}) : result;
    },
    'inventory.checkoutLease': async (body) =>
      asPlaceRefusal(await send('POST', '/api/inventory/leases', leaseResponseSchema, body)),
    'inventory.returnLease': async ({ leaseId }) =>
      asPlaceRefusal(
        await send(
          'POST',
          `/api/inventory/leases/${encodeURIComponent(leaseId)}/return`,
          leaseResponseSchema,
        ),
      ),
    'inventory.availability': async ({ performanceId }) =>
      asPlaceRefusal(
        await send(
          'GET',
          `/api/inventory/performances/${encodeURIComponent(performanceId)}`,
          availabilityResponseSchema,
        ),
      ),
  };
}
