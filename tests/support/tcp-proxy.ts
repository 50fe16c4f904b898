/**
 * A loopback TCP proxy a test switches off and on: the network cut of issue 12's multi-till
 * runs ("a loopback TCP proxy the test switches off … not a patched `fetch`"). Clients talk
 * to `url`; every connection is piped byte for byte to the target. `cut()` resets every open
 * connection (an SSE stream or a long poll ends at once, on both sides) and resets each new
 * one as soon as it is accepted, so a request fails fast instead of hanging; `restore()`
 * pipes again. It listens on 127.0.0.1 port 0: no test depends on a fixed port being free.
 *
 * Unlike tests/server/fault-proxy.ts (which misbehaves per HTTP request: drops, duplicates,
 * delays) this one knows nothing of HTTP: it only carries bytes, or refuses to.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: where clients connect. */
  readonly url: string;
  readonly port: number;
  /** True between `cut()` and `restore()`. */
  readonly isCut: boolean;
  /** Connections accepted and refused so far (refused: arrived while cut). */
  readonly stats: { readonly accepted: number; readonly refused: number };
  /** Resets every open connection and every new one until `restore()`. */
  cut(): void;
  /** Pipes new connections to the target again. */
  restore(): void;
  /** Resets every connection and stops listening. */
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const stats = { accepted: 0, refused: 0 };
  let isCut = false;

  const track = (socket: Socket): Socket => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A reset is what this proxy is for: an error on either side only ends that pipe.
    socket.on('error', () => undefined);
    return socket;
  };

  const server: Server = createServer((client) => {
    if (isCut) {
      stats.refused++;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    stats.accepted++;
    track(client);
    const upstream = track(connect(targetPort, targetHost));
    // Either side going away takes the other with it, as one TCP path would.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const resetAll = () => {
    for (const socket of open) {
      // resetAndDestroy throws on a socket that is not connected yet (upstream still
      // connecting): destroy that one plainly, it never carried a byte.
      if (socket.connecting || socket.destroyed) socket.destroy();
      else socket.resetAndDestroy();
    }
    open.clear();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get isCut() {
      return isCut;
    },
    stats,
    cut() {
      isCut = true;
      resetAll();
    },
    restore() {
      isCut = false;
    },
    async close() {
      isCut = true;
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
