import { Socket } from 'node:net';
import { err, ok } from '../../shared/util/result';
import type { LinkFactory, PrinterLink } from './printer-link';

/** Raw TCP (port 9100) to a network printer: one connection per job or status check. */
export function tcpLinkFactory(host: string, port: number, connectTimeoutMs = 3000): LinkFactory {
  return {
    description: `tcp://${host}:${port}`,
    open() {
      return new Promise((resolve) => {
        const socket = new Socket();
        let settled = false;
        const fail = () => {
          if (settled) return;
          settled = true;
          socket.destroy();
          resolve(err('device_offline', `No connection to the printer at ${host}:${port}.`));
        };
        socket.setTimeout(connectTimeoutMs, fail);
        socket.once('error', fail);
        socket.connect(port, host, () => {
          if (settled) return;
          settled = true;
          socket.setTimeout(0);
          socket.removeListener('error', fail);
          resolve(ok(socketLink(socket)));
        });
      });
    },
  };
}

function socketLink(socket: Socket): PrinterLink {
  let closed = false;
  socket.on('error', () => {
    closed = true;
  });
  socket.on('close', () => {
    closed = true;
  });
  return {
    canRead: true,
    write(bytes) {
      return new Promise((resolve) => {
        if (closed) {
          resolve(err('device_offline', 'The printer closed the connection.'));
          return;
        }
        socket.write(bytes, (error) => {
          resolve(error ? err('device_offline', error.message) : ok(undefined));
        });
      });
    },
    onData(listener) {
      socket.on('data', listener);
    },
    onClose(listener) {
      if (closed) listener();
      else socket.once('close', listener);
    },
    close() {
      return new Promise((resolve) => {
        if (closed) {
          resolve();
          return;
        }
        socket.end(() => {
          socket.destroy();
          resolve();
        });
        // end() waits for the peer; a printer that never closes must not hang shutdown.
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 1000).unref();
      });
    },
  };
}
