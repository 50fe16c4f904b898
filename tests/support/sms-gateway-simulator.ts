/**
 * An SMS gateway's send API on loopback (port 0), shaped like real providers: `POST /v1/messages`
 * with a Bearer API key and an `Idempotency-Key`, JSON `{to, text, reference}`, answering
 * `{id, status}`. Idempotent like the payment-provider simulator: the first request with a key
 * decides; a later one with that key gets the stored answer and sends nothing again. What the
 * next new message meets is set on command: accept, `unavailable` (503, nothing sent),
 * `throttled` (429, nothing sent),
 * `timeout` (sent, the answer comes too late — the lost answer a retry must not double) or
 * `reject` (400, an invalid number: for good).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GatewayMode = 'accept' | 'unavailable' | 'throttled' | 'timeout' | 'reject';

export interface SentSms {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly to: string;
  readonly text: string;
}

export interface SmsGatewaySimulator {
  readonly url: string;
  readonly apiKey: string;
  /** Texts the gateway sent to phones: once per key. */
  readonly sent: readonly SentSms[];
  /** Every POST received, retries included. */
  readonly calls: number;
  /** What the next `count` new requests meet (then accept again). */
  next(mode: GatewayMode, count?: number): void;
  close(): Promise<void>;
}

export async function startSmsGatewaySimulator(
  options: { timeoutDelayMs?: number } = {},
): Promise<SmsGatewaySimulator> {
  const apiKey = 'sms-key-' + Math.random().toString(36).slice(2);
  const sent: SentSms[] = [];
  const answers = new Map<string, { status: number; body: unknown }>();
  const modes: GatewayMode[] = [];
  let calls = 0;
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, payload: unknown) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || req.url !== '/v1/messages') {
        return send(404, { error: { code: 'not_found', message: 'no such route' } });
      }
      calls++;
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return send(401, { error: { code: 'unauthorized', message: 'bad API key' } });
      }
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key === '') {
        return send(400, {
          error: { code: 'no_idempotency_key', message: 'Idempotency-Key needed' },
        });
      }
      const known = answers.get(key);
      if (known) return send(known.status, known.body);
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        to: string;
        text: string;
      };
      const mode = modes.shift() ?? 'accept';
      if (mode === 'unavailable') {
        return send(503, { error: { code: 'unavailable', message: 'try again later' } });
      }
      if (mode === 'throttled') {
        return send(429, { error: { code: 'rate_limited', message: 'too many requests' } });
      }
      if (mode === 'reject') {
        const body = {
          error: { code: 'invalid_number', message: `${input.to} is not a mobile number` },
        };
        answers.set(key, { status: 400, body });
        return send(400, body);
      }
      const message = {
        id: `SM${sent.length + 1}`,
        idempotencyKey: key,
        to: input.to,
        text: input.text,
      };
      sent.push(message);
      const body = { id: message.id, status: 'queued' };
      answers.set(key, { status: 201, body });
      if (mode === 'timeout') {
        const t = setTimeout(() => {
          timers.delete(t);
          send(201, body);
        }, options.timeoutDelayMs ?? 2_000);
        timers.add(t);
        return;
      }
      send(201, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    apiKey,
    sent,
    get calls() {
      return calls;
    },
    next(mode, count = 1) {
      for (let i = 0; i < count; i++) modes.push(mode);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
