import {
  bridgeCloseCodes,
  bridgeServerMessageSchema,
  type BridgeLaunchParams,
} from '../../shared/ipc/bridge-protocol';
import type { ContractTransport } from '../../shared/ipc/client';

/** The subset of the browser WebSocket used here, so Node tests can pass ws's client. */
export type WebSocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    listener: (ev: { data?: unknown; code?: number; reason?: string }) => void,
  ): void;
};
export type WebSocketFactory = (url: string) => WebSocketLike;

export type BridgeTransport = ContractTransport & {
  /** resolves with the close code when the bridge connection ends */
  readonly closed: Promise<number>;
  close(): void;
};

const OPEN = 1;

/**
 * Connects to the device bridge and authenticates with the per-launch secret. Resolves once
 * the bridge answers `{ready: true}`; rejects if the socket closes first (e.g. 4401 for a
 * wrong secret). Pending calls reject when the socket closes; the contract client turns
 * that into an `unavailable` result.
 */
export function connectBridgeTransport(
  params: BridgeLaunchParams,
  createSocket: WebSocketFactory = (url) => new WebSocket(url),
  /** called with the session the bridge hands out for a one-time launch code */
  onSession: (session: string) => void = () => undefined,
): Promise<BridgeTransport> {
  const socket = createSocket(params.url);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let resolveClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    resolveClosed = resolve;
  });

  const transport: BridgeTransport = {
    kind: 'bridge',
    closed,
    close: () => socket.close(1000, 'page closing'),
    invoke(method, args) {
      if (socket.readyState !== OPEN)
        return Promise.reject(new Error('bridge connection is closed'));
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, args }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  };

  return new Promise<BridgeTransport>((resolve, reject) => {
    let ready = false;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ auth: params.secret })));
    socket.addEventListener('message', (ev) => {
      let message: unknown;
      try {
        message = typeof ev.data === 'string' ? JSON.parse(ev.data) : undefined;
      } catch {
        message = undefined;
      }
      const parsed = bridgeServerMessageSchema.safeParse(message);
      if (!parsed.success) return;
      const m = parsed.data;
      if ('ready' in m) {
        if (m.session !== undefined) onSession(m.session);
        ready = true;
        resolve(transport);
      } else if ('id' in m) {
        const call = pending.get(m.id);
        pending.delete(m.id);
        call?.resolve(m.result);
      } else {
        for (const listener of [...(listeners.get(m.event) ?? [])]) listener(m.payload);
      }
    });
    socket.addEventListener('close', (ev) => {
      const code = ev.code ?? 1006;
      for (const call of pending.values()) call.reject(new Error(`bridge closed (${code})`));
      pending.clear();
      resolveClosed(code);
      if (!ready)
        reject(
          new Error(
            code === bridgeCloseCodes.unauthorized
              ? // Said before any catalog loads, so in plain English: what happened and what to do.
                'This till window was opened with a link that has already been used (or has expired). ' +
                  'Close this window and start the till again to get a fresh one.'
              : `bridge refused the connection (${code}${ev.reason ? `: ${ev.reason}` : ''})`,
          ),
        );
    });
  });
}
