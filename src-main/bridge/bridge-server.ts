import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  bridgeAuthMessageSchema,
  bridgeCallMessageSchema,
  bridgeCloseCodes,
} from '../../shared/ipc/bridge-protocol';
import type { Dispatch } from '../services/dispatch';
import type { EventHub } from '../services/event-hub';
import type { Logger } from '../services/logger';
import { consoleLogger } from '../services/logger';
import { isLoopbackHost, loopbackBindHost } from './loopback';
import { LaunchCodes } from './launch-codes';
import { createBridgeSecret, secretMatches } from './secret';

export type BridgeOptions = {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  /** exact origins (scheme://host:port) of the renderer pages allowed to connect */
  readonly allowedOrigins: readonly string[];
  readonly host?: string;
  readonly port?: number;
  /** defaults to a fresh random secret; pass one only in tests */
  readonly secret?: string;
  readonly maxPayloadBytes?: number;
  readonly authTimeoutMs?: number;
  readonly logger?: Logger;
};

export type Bridge = {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** main's own credential (in-process clients, tests); never printed, logged or on a command line */
  readonly secret: string;
  /** a one-time code for one page launch (see launch-codes.ts) */
  issueLaunchCode(): string;
  close(): Promise<void>;
};

/**
 * The device bridge: the same services Electron hosts, over a WebSocket on loopback.
 * Three gates, cheapest first: the Host header must be loopback (DNS rebinding), the Origin
 * must be the renderer's (other web pages), and the first message must carry the per-launch
 * secret (any other local process), compared in constant time.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const host = loopbackBindHost(opts.host ?? '127.0.0.1');
  const secret = opts.secret ?? createBridgeSecret();
  const logger = opts.logger ?? consoleLogger;
  const authTimeoutMs = opts.authTimeoutMs ?? 5_000;
  const allowed = new Set(opts.allowedOrigins);
  const launchCodes = new LaunchCodes();
  // Set once listening: the Host header must name exactly the address and port we bound.
  let boundHost = '';
  // Calls main is still carrying out (a journal anchor or a print job being written). close()
  // waits for them: a window that quits mid-command must not leave a half-done write behind,
  // and whoever removes the data folder after close() must find nobody still writing in it.
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayloadBytes ?? 1024 * 1024,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, allowed, boundHost);
    if (refusal !== null) {
      logger.warn(`bridge refused a connection: ${refusal}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, req));
  });

  function serveConnection(ws: WebSocket, req: IncomingMessage): void {
    const caller = `ws ${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    let unsubscribe: (() => void) | null = null;
    const authTimer = setTimeout(
      () => ws.close(bridgeCloseCodes.unauthorized, 'auth timeout'),
      authTimeoutMs,
    );

    const send = (message: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const message = isBinary ? undefined : parseJson(data);
      if (unsubscribe === null) {
        const auth = bridgeAuthMessageSchema.safeParse(message);
        const presented = auth.success ? auth.data.auth : '';
        let session: string | null = null;
        const accepted =
          auth.success &&
          (secretMatches(secret, presented) ||
            launchCodes.isSession(presented) ||
            (session = launchCodes.exchange(presented)) !== null);
        if (!accepted) {
          logger.warn(`bridge refused ${caller}: missing, used or wrong credential`);
          ws.close(bridgeCloseCodes.unauthorized, 'unauthorized');
          return;
        }
        clearTimeout(authTimer);
        unsubscribe = opts.events.subscribe((event, payload) => send({ event, payload }));
        send(session === null ? { ready: true } : { ready: true, session });
        return;
      }
      const call = bridgeCallMessageSchema.safeParse(message);
      if (!call.success) {
        ws.close(bridgeCloseCodes.badMessage, 'expected {id, method, args}');
        return;
      }
      const { id, method, args } = call.data;
      if (closing) {
        send({
          id,
          result: {
            ok: false,
            error: { code: 'unavailable', message: 'The till is shutting down.' },
          },
        });
        return;
      }
      const running: Promise<void> = opts
        .dispatch(method, args, { transport: 'bridge', caller })
        .then((result) => send({ id, result }))
        .catch((cause: unknown) => {
          // dispatch never rejects by design; log loudly if that ever changes.
          logger.error('bridge dispatch rejected', cause);
          send({
            id,
            result: { ok: false, error: { code: 'internal', message: 'Internal error.' } },
          });
        })
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    });
    ws.on('close', () => {
      clearTimeout(authTimer);
      unsubscribe?.();
    });
    ws.on('error', (cause) => logger.warn(`bridge socket error (${caller})`, cause.message));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  boundHost = `${urlHost}:${address.port}`;

  return {
    url: `ws://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    secret,
    issueLaunchCode: () => launchCodes.issue(),
    async close() {
      closing = true;
      await Promise.allSettled([...inFlight]);
      for (const client of wss.clients)
        client.close(bridgeCloseCodes.shuttingDown, 'bridge stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function upgradeRefusal(
  req: IncomingMessage,
  allowed: ReadonlySet<string>,
  boundHost: string,
): string | null {
  const hostHeader = req.headers.host ?? '';
  const hostname = hostHeader.replace(/:\d+$/, '');
  if (!isLoopbackHost(hostname)) return `Host header "${hostHeader}" is not loopback`;
  // DNS rebinding: a name that resolves to 127.0.0.1 is still not the address we bound.
  if (hostHeader !== boundHost) return `Host header "${hostHeader}" is not ${boundHost}`;
  const origin = req.headers.origin;
  if (origin === undefined) return 'no Origin header';
  if (!allowed.has(origin)) return `Origin "${origin}" is not the renderer`;
  return null;
}

function parseJson(data: RawData): unknown {
  try {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.from(new Uint8Array(data)).toString('utf8');
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
