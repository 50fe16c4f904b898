import { err } from '../../shared/util/result';
import { invokeChannel } from '../../shared/ipc/channels';
import { ipcErrorMessages } from '../../shared/ipc/errors';
import type { Dispatch } from '../services/dispatch';
import type { Logger } from '../services/logger';
import { checkSender, type SenderInfo, type SenderPolicy } from './hardening';

/** The part of an ipcMain invoke event the wrapper reads (Electron's IpcMainInvokeEvent fits). */
export type InvokeEventLike = {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
};

/** The part of ipcMain the wrapper needs, so tests pass a fake and main passes the real one. */
export type IpcMainLike = {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
};

export function senderInfoOf(event: InvokeEventLike): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
  };
}

/**
 * The ONE place main listens to the renderer: a single invoke channel carrying
 * (method, args). Sender checked first, then the shared dispatcher validates and answers.
 * It never throws to Electron (that would surface as an untyped rejection in the page).
 * Returns an unregister function.
 */
export function registerContractIpc(
  ipc: IpcMainLike,
  opts: {
    readonly dispatch: Dispatch;
    readonly senderPolicy: SenderPolicy;
    readonly logger: Logger;
  },
): () => void {
  ipc.handle(invokeChannel, async (event, ...params) => {
    const sender = senderInfoOf(event);
    const verdict = checkSender(sender, opts.senderPolicy);
    if (!verdict.allowed) {
      opts.logger.warn(`refused IPC call: ${verdict.reason}`);
      return err('forbidden', ipcErrorMessages.forbidden);
    }
    if (params.length !== 2) {
      return err('invalid_argument', 'A contract call takes exactly (method, args).');
    }
    const [method, args] = params;
    try {
      return await opts.dispatch(method, args, {
        transport: 'electron',
        caller: `webContents ${sender.webContentsId}`,
      });
    } catch (cause) {
      opts.logger.error('dispatch threw', cause);
      return err('internal', ipcErrorMessages.internal);
    }
  });
  return () => ipc.removeHandler(invokeChannel);
}
