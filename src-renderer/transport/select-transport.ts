import type { BoxOfficeBridgeApi } from '../../shared/ipc/bridge-api';
import { parseBridgeFragment, type BridgeLaunchParams } from '../../shared/ipc/bridge-protocol';
import type { ContractTransport } from '../../shared/ipc/client';
import { connectBridgeTransport, type WebSocketFactory } from './bridge-transport';
import { electronTransport } from './electron-transport';

declare global {
  interface Window {
    /** set by the Electron preload; absent in a plain browser */
    boxOffice?: BoxOfficeBridgeApi;
  }
}

const storageKey = 'box-office.bridge';

export type TransportEnvironment = {
  readonly boxOffice: BoxOfficeBridgeApi | undefined;
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url: string): void };
  readonly sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  readonly createSocket?: WebSocketFactory;
};

export class NoTransportError extends Error {
  override name = 'NoTransportError';
}

/**
 * Electron if preload is there; otherwise the bridge named in the URL fragment by the
 * launcher. The fragment carries a one-time launch code: it is removed from the address bar
 * at once and exchanged for a session, which sessionStorage keeps so a reload of this tab
 * reconnects (the code itself would be refused a second time).
 */
export async function selectTransport(env: TransportEnvironment): Promise<ContractTransport> {
  if (env.boxOffice !== undefined) return electronTransport(env.boxOffice);
  const params = bridgeParamsFrom(env);
  if (params === null) {
    throw new NoTransportError(
      'No device connection: open this page from `npm start` (it passes the bridge address) or in the Electron app.',
    );
  }
  return connectBridgeTransport(params, env.createSocket, (session) =>
    env.sessionStorage.setItem(storageKey, JSON.stringify({ url: params.url, secret: session })),
  );
}

export function bridgeParamsFrom(env: TransportEnvironment): BridgeLaunchParams | null {
  const fromHash = parseBridgeFragment(env.location.hash);
  if (fromHash !== null) {
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}`);
    return fromHash;
  }
  const stored = env.sessionStorage.getItem(storageKey);
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as { url?: unknown; secret?: unknown };
    return typeof value.url === 'string' && typeof value.secret === 'string'
      ? { url: value.url, secret: value.secret }
      : null;
  } catch {
    return null;
  }
}
