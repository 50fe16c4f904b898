import WebSocket from 'ws';
import type { WebSocketLike } from '../../src-renderer/transport/bridge-transport';

/** A raw ws client to the bridge with a chosen Origin; resolves when it closes. */
export function rawBridgeSocket(
  url: string,
  origin: string | undefined,
  headers: Record<string, string> = {},
) {
  const ws = new WebSocket(url, origin === undefined ? { headers } : { origin, headers });
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse((data as Buffer).toString('utf8'))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const refused = new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
  });
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, messages, closed, refused, opened };
}

/** ws's client shaped as the browser WebSocket the renderer transport expects. */
export function wsFactory(origin: string) {
  return (url: string) => new WebSocket(url, { origin }) as unknown as WebSocketLike;
}

export function waitFor<T>(get: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = get();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}
