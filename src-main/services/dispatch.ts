import { z } from 'zod';
import { err, type Result } from '../../shared/util/result';
import { contractMethods, isMethodName } from '../../shared/ipc/contract';
import { ipcErrorMessages, type IpcErrorCode } from '../../shared/ipc/errors';
import type { CallContext, Handlers } from './handlers';
import type { Logger } from './logger';

export type Dispatch = (
  method: unknown,
  args: unknown,
  ctx: CallContext,
) => Promise<Result<unknown, IpcErrorCode>>;

/**
 * The single entry point both transports (Electron IPC and the WebSocket bridge) call.
 * Everything arriving here is untrusted: the method name and arguments are checked against
 * the contract, a handler's throw becomes `internal` without leaking a stack to the page, and
 * the reply is checked against its schema so main cannot send what the contract does not say.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (method, args, ctx) => {
    if (!isMethodName(method)) {
      return err('unknown_method', `${ipcErrorMessages.unknown_method} (${describe(method)})`);
    }
    const def = contractMethods[method];
    const request = def.request.safeParse(args);
    if (!request.success) {
      return err(
        'invalid_argument',
        `Invalid arguments for ${method}: ${z.prettifyError(request.error)}`,
        {
          issues: request.error.issues.map((i) => ({
            path: i.path.map(String),
            message: i.message,
          })),
        },
      );
    }
    let result: Result<unknown, IpcErrorCode>;
    try {
      // The request was parsed by this method's own schema; TypeScript cannot correlate the
      // union of handlers with the union of requests, hence `never`.
      result = await handlers[method](request.data as never, ctx);
    } catch (cause) {
      logger.error(`handler for ${method} threw (caller ${ctx.caller})`, cause);
      return err('internal', ipcErrorMessages.internal);
    }
    if (!result.ok) return result;
    const response = def.response.safeParse(result.value);
    if (!response.success) {
      logger.error(
        `handler for ${method} returned a reply outside the contract`,
        z.prettifyError(response.error),
      );
      return err('internal', ipcErrorMessages.internal);
    }
    return { ok: true, value: response.data };
  };
}

function describe(method: unknown): string {
  if (typeof method === 'string') return JSON.stringify(method.slice(0, 64));
  return typeof method;
}
