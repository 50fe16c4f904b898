import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback port bound with port 0 and released: free now, so a connection is refused. Tests
 * point a printer here when nothing should receive its jobs — never at 9100, where a developer's
 * `npm start` virtual printer listens.
 */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
