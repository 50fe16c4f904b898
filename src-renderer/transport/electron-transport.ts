import type { BoxOfficeBridgeApi } from '../../shared/ipc/bridge-api';
import type { ContractTransport } from '../../shared/ipc/client';

/** Electron: preload already exposes the contract as window.boxOffice; just tag it. */
export function electronTransport(api: BoxOfficeBridgeApi): ContractTransport {
  return {
    kind: 'electron',
    invoke: (method, args) => api.invoke(method, args),
    on: (event, listener) => api.on(event, listener),
  };
}
