import { err } from '../../shared/util/result';
import { eventChannel, invokeChannel } from '../../shared/ipc/channels';
import { isEventName, isMethodName } from '../../shared/ipc/contract';
import type { BoxOfficeBridgeApi } from '../../shared/ipc/bridge-api';
import { ipcErrorMessages } from '../../shared/ipc/errors';

/** The part of ipcRenderer preload uses (Electron's ipcRenderer fits; tests pass a fake). */
export type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
};

/**
 * Builds `window.boxOffice`. Preload is a dumb, narrow pipe (no app logic runs with its
 * privileges): it forwards only contract method names over the single invoke channel and
 * delivers only contract events. Electron's IPC event object is never handed to the page.
 */
export function createPreloadApi(ipc: IpcRendererLike): BoxOfficeBridgeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  ipc.on(eventChannel, (_event, message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  });

  return {
    invoke(method, args) {
      if (!isMethodName(method)) {
        return Promise.resolve(
          err('unknown_method', `${ipcErrorMessages.unknown_method} (${String(method)})`),
        );
      }
      return ipc.invoke(invokeChannel, method, args);
    },
    on(event, listener) {
      if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  };
}
