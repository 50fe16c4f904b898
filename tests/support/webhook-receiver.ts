/**
 * A venue CRM's webhook endpoint on loopback (port 0) for the webhook tests: records every
 * delivery (headers and raw body) and answers what the test says for each one in turn — a
 * status, or `cut` (the connection destroyed mid-request, as a crash would leave it), with a
 * hook run on arrival (e.g. to kill the delivering worker).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly n: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** What the receiver answered: a status, or `cut`. */
  readonly answered: number | 'cut';
}

export type ReceiverDecision = { readonly status: number } | { readonly kind: 'cut' };

export interface WebhookReceiver {
  readonly url: string;
  readonly received: readonly ReceivedDelivery[];
  waitForCount(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  decide: (n: number, body: string) => ReceiverDecision = () => ({ status: 200 }),
): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = received.length + 1;
      const decision = decide(n, body);
      if ('kind' in decision) {
        received.push({ n, headers: req.headers, body, answered: 'cut' });
        req.socket.destroy();
        return;
      }
      received.push({ n, headers: req.headers, body, answered: decision.status });
      res.writeHead(decision.status, { 'content-type': 'text/plain' });
      res.end(decision.status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/box-office`,
    received,
    async waitForCount(count, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until)
          throw new Error(`${received.length} of ${count} deliveries in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
