/**
 * The payment-provider port's HTTP adapter against real loopback servers: what it makes of
 * each kind of answer. Only a 2xx refund in the documented shape is "refunded"; a 4xx with an
 * error body is "failed"; everything else — 5xx, an answer it cannot read, a connection
 * refused, no answer in time — is "unknown", which the caller retries with the same key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpPaymentProvider } from '../../src-server/payments/http-payment-provider';

const ORDER = {
  idempotencyKey: 'req-1',
  amount: { amount: 28_500, currency: 'UAH' as const },
  approvalCode: 'AB1234',
  last4: '4242',
  reference: 'Refund req-1',
};

let server: Server | null = null;
afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
  }
  server = null;
});

async function answering(status: number, body: string, delayMs = 0): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    }, delayMs);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('httpPaymentProvider', () => {
  it('reads a refund, a refusal, and treats every other answer as unknown', async () => {
    const cases: [number, string, string][] = [
      [201, '{"refundId":"rf_9","status":"refunded"}', 'refunded'],
      [402, '{"error":{"code":"card_closed","message":"Closed."}}', 'failed'],
      [500, '{"error":{"code":"boom","message":"oops"}}', 'unknown'],
      [200, '{"ok":true}', 'unknown'],
      [400, 'not json', 'unknown'],
    ];
    for (const [status, body, expected] of cases) {
      const url = await answering(status, body);
      const outcome = await httpPaymentProvider({ baseUrl: url, apiKey: 'k' }).refund(ORDER);
      expect(outcome.status, `${status} ${body}`).toBe(expected);
      if (outcome.status === 'refunded') expect(outcome.refundId).toBe('rf_9');
      if (outcome.status === 'failed') expect(outcome.code).toBe('card_closed');
      server!.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
      server = null;
    }
  });

  it('no answer in time, or nobody listening: unknown', async () => {
    const slow = await answering(201, '{"refundId":"rf_1","status":"refunded"}', 2_000);
    const late = await httpPaymentProvider({ baseUrl: slow, apiKey: 'k', timeoutMs: 200 }).refund(
      ORDER,
    );
    expect(late.status).toBe('unknown');
    const closed = await httpPaymentProvider({
      baseUrl: 'http://127.0.0.1:1',
      apiKey: 'k',
    }).refund(ORDER);
    expect(closed.status).toBe('unknown');
  });
});
