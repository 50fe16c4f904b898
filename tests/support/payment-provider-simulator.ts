/**
 * A card acquirer's refund API on loopback (port 0) for tests and the e2e: what
 * `httpPaymentProvider` speaks to. Idempotent on the `Idempotency-Key` header like a real
 * provider: the first request with a key decides; every later one with that key answers the
 * stored outcome and moves no money again. What the next new refund does is set on command:
 * approve, fail (card closed) or time out (the refund IS made, the answer never comes in
 * time — the lost-answer case a retry with the same key must resolve without refunding twice).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimulatorMode = 'approve' | 'fail' | 'timeout';

export interface SimulatedRefund {
  readonly refundId: string;
  readonly idempotencyKey: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly approvalCode: string;
  readonly last4: string;
}

export interface PaymentProviderSimulator {
  readonly url: string;
  readonly apiKey: string;
  /** Refunds made (money moved), once per key. */
  readonly refunds: readonly SimulatedRefund[];
  /** Every POST received, retries included. */
  readonly calls: number;
  /** What the next new key does (then back to approve unless `sticky`). */
  next(mode: SimulatorMode, sticky?: boolean): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export async function startPaymentProviderSimulator(
  options: { timeoutDelayMs?: number } = {},
): Promise<PaymentProviderSimulator> {
  const apiKey = 'sim-key-' + Math.random().toString(36).slice(2);
  const refunds: SimulatedRefund[] = [];
  const outcomes = new Map<string, { status: number; body: unknown }>();
  let mode: SimulatorMode = 'approve';
  let sticky = false;
  let calls = 0;
  const pending = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || req.url !== '/v1/refunds') {
        return send(404, { error: { code: 'not_found', message: 'no such route' } });
      }
      calls++;
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return send(401, { error: { code: 'unauthorized', message: 'bad API key' } });
      }
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0) {
        return send(400, {
          error: { code: 'no_idempotency_key', message: 'Idempotency-Key needed' },
        });
      }
      const known = outcomes.get(key);
      if (known) return send(known.status, known.body);
      const input = JSON.parse(body) as {
        amountMinor: number;
        currency: string;
        approvalCode: string;
        last4: string;
      };
      const now = mode;
      if (!sticky) mode = 'approve';
      if (now === 'fail') {
        const failed = { code: 'card_closed', message: 'The card account is closed.' };
        outcomes.set(key, { status: 402, body: { error: failed } });
        return send(402, { error: failed });
      }
      const refund: SimulatedRefund = {
        refundId: `rf_${refunds.length + 1}`,
        idempotencyKey: key,
        amountMinor: input.amountMinor,
        currency: input.currency,
        approvalCode: input.approvalCode,
        last4: input.last4,
      };
      refunds.push(refund);
      const answer = { refundId: refund.refundId, status: 'refunded' };
      outcomes.set(key, { status: 201, body: answer });
      if (now === 'timeout') {
        const t = setTimeout(() => {
          pending.delete(t);
          send(201, answer);
        }, options.timeoutDelayMs ?? 5_000);
        pending.add(t);
        return;
      }
      send(201, answer);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    refunds,
    get calls() {
      return calls;
    },
    next(m, s = false) {
      mode = m;
      sticky = s;
    },
    async close() {
      for (const t of pending) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
