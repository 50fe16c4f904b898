import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import {
  contractEvents,
  contractMethods,
  isEventName,
  isMethodName,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodRequest,
  type MethodResponse,
  type TransportKind,
} from './contract';
import type { BoxOfficeBridgeApi } from './bridge-api';
import { ipcErrorMessages, isIpcErrorCode, type IpcErrorCode } from './errors';

/** A way to reach main: Electron preload or the WebSocket bridge. */
export type ContractTransport = BoxOfficeBridgeApi & { readonly kind: TransportKind };

export type ContractClient = {
  readonly transport: TransportKind;
  call<M extends MethodName>(
    method: M,
    args: MethodRequest<M>,
  ): Promise<Result<MethodResponse<M>, IpcErrorCode>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);

/**
 * The one typed client the renderer uses. It validates replies and events too: main is
 * trusted, but a version skew between a cached page and a new main must show up as a clear
 * `internal` error, not as undefined fields deep in the UI.
 */
export function createContractClient(transport: ContractTransport): ContractClient {
  async function call<M extends MethodName>(
    method: M,
    args: MethodRequest<M>,
  ): Promise<Result<MethodResponse<M>, IpcErrorCode>> {
    if (!isMethodName(method)) return err('unknown_method', ipcErrorMessages.unknown_method);
    let raw: unknown;
    try {
      raw = await transport.invoke(method, args);
    } catch (cause) {
      return err('unavailable', ipcErrorMessages.unavailable, { cause: String(cause) });
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) {
      return err('internal', `The reply to ${method} was not a result envelope.`);
    }
    if (!envelope.data.ok) {
      const { code, message, details } = envelope.data.error;
      return isIpcErrorCode(code)
        ? err(code, message, details)
        : err('internal', message, { code, details });
    }
    const parsed = contractMethods[method].response.safeParse(envelope.data.value);
    if (!parsed.success) {
      return err('internal', `The reply to ${method} did not match the contract.`, {
        issues: z.prettifyError(parsed.error),
      });
    }
    return ok(parsed.data as MethodResponse<M>);
  }

  function on<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void {
    if (!isEventName(event)) return () => undefined;
    const schema = contractEvents[event].payload;
    return transport.on(event, (payload) => {
      const parsed = schema.safeParse(payload);
      // A malformed event is dropped rather than delivered half-typed; main logs its own side.
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  }

  return { transport: transport.kind, call, on };
}
