import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { paymentStatusSchema } from '../../shared/ipc/payment';
import type { Money } from '../../shared/money/money';
import {
  terminalPaymentRequestSchema,
  type TerminalHealth,
  type TerminalPaymentRequest,
  type TerminalPaymentResult,
} from './terminal-protocol';

/**
 * A card terminal on loopback for the demo kiosk and the tests (never a venue's config): it
 * speaks terminal-protocol.ts on one port and takes orders on a second, control port, so a
 * test — or a person at the demo with curl — decides what the next payment does:
 *
 *   POST /next     {"outcome":"approve"|"decline"|"time_out"|"lose_answer","reason"?}
 *   POST /offline  {"offline":true|false}   (offline: the terminal port refuses connections)
 *   POST /delay    {"ms":N}                 (how long the "customer" takes to tap)
 *   GET  /ledger   → {"charges":[…],"reversals":[…]}  (what really moved on the "card")
 *
 * `lose_answer` charges the card and then cuts the connection without answering — the case
 * a host must settle with a status query. Outcomes queue up; with none queued it approves.
 */
export const simulatedOutcomeSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('approve') }),
  z.strictObject({
    outcome: z.literal('decline'),
    reason: paymentStatusSchema.shape.reason.unwrap().optional(),
  }),
  z.strictObject({ outcome: z.literal('time_out') }),
  z.strictObject({ outcome: z.literal('lose_answer') }),
]);
export type SimulatedOutcome = z.infer<typeof simulatedOutcomeSchema>;

export type SimulatedCharge = {
  readonly paymentId: string;
  readonly kind: TerminalPaymentRequest['kind'];
  readonly amount: Money;
  readonly approvalCode: string;
};

export interface TerminalSimulator {
  readonly address: { readonly host: '127.0.0.1'; readonly port: number };
  readonly controlUrl: string;
  next(outcome: SimulatedOutcome): void;
  setOffline(offline: boolean): Promise<void>;
  setCustomerDelay(ms: number): void;
  /** every approved sale or refund, the lost-answer ones included */
  charges(): readonly SimulatedCharge[];
  /** payment ids reversed, once each */
  reversals(): readonly string[];
  /** payment requests received, repeats of an id included */
  requestCount(): number;
  close(): Promise<void>;
}

type Entry = {
  readonly request: TerminalPaymentRequest;
  result: TerminalPaymentResult;
  readonly done: Promise<TerminalPaymentResult>;
};

export async function startTerminalSimulator(
  opts: { readonly port?: number; readonly customerDelayMs?: number } = {},
): Promise<TerminalSimulator> {
  const entries = new Map<string, Entry>();
  const queue: SimulatedOutcome[] = [];
  const charges: SimulatedCharge[] = [];
  const reversals: string[] = [];
  let customerDelayMs = opts.customerDelayMs ?? 1_500;
  let requests = 0;
  let codeCounter = 0;
  const sockets = new Set<Socket>();

  const active = (): Entry | undefined =>
    [...entries.values()].find((e) => e.result.state === 'pending');

  function run(request: TerminalPaymentRequest, outcome: SimulatedOutcome): Entry {
    const pendingResult: TerminalPaymentResult = {
      paymentId: request.paymentId,
      kind: request.kind,
      amount: request.amount,
      state: 'pending',
    };
    let finish: (r: TerminalPaymentResult) => void = () => undefined;
    const entry: Entry = {
      request,
      result: pendingResult,
      done: new Promise((resolve) => (finish = resolve)),
    };
    const wait = outcome.outcome === 'time_out' ? request.timeoutMs : customerDelayMs;
    setTimeout(() => {
      entry.result = decide(request, outcome);
      if (entry.result.state === 'approved' && entry.result.approvalCode !== undefined) {
        charges.push({
          paymentId: request.paymentId,
          kind: request.kind,
          amount: request.amount,
          approvalCode: entry.result.approvalCode,
        });
      }
      finish(entry.result);
    }, wait).unref();
    return entry;
  }

  function decide(
    request: TerminalPaymentRequest,
    outcome: SimulatedOutcome,
  ): TerminalPaymentResult {
    const base = { paymentId: request.paymentId, kind: request.kind, amount: request.amount };
    if (outcome.outcome === 'time_out') return { ...base, state: 'timed_out', reason: 'timed_out' };
    if (outcome.outcome === 'decline') {
      return { ...base, state: 'declined', reason: outcome.reason ?? 'declined_by_issuer' };
    }
    const original = request.originalPaymentId && entries.get(request.originalPaymentId);
    if (request.kind === 'refund' && (!original || original.result.state !== 'approved')) {
      return { ...base, state: 'declined', reason: 'declined_by_issuer' };
    }
    codeCounter += 1;
    return {
      ...base,
      state: 'approved',
      approvalCode: `A${String(codeCounter).padStart(5, '0')}`,
      last4: '0119',
      scheme: 'visa',
    };
  }

  async function onTerminal(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://terminal');
    const match = /^\/v1\/payments\/([^/]+)(\/reversal)?$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/v1/status') {
      const now = active();
      const health: TerminalHealth = now
        ? { state: 'busy', activePaymentId: now.request.paymentId }
        : { state: 'ready' };
      return send(res, 200, health);
    }
    if (req.method === 'POST' && url.pathname === '/v1/payments') {
      const parsed = terminalPaymentRequestSchema.safeParse(await readBody(req));
      if (!parsed.success || req.headers['idempotency-key'] !== parsed.data.paymentId) {
        return send(res, 400, { error: 'invalid_request' });
      }
      requests += 1;
      const known = entries.get(parsed.data.paymentId);
      const busy = active();
      if (known === undefined && busy !== undefined) return send(res, 409, { error: 'busy' });
      const outcome = known ? null : (queue.shift() ?? { outcome: 'approve' as const });
      const entry = known ?? run(parsed.data, outcome ?? { outcome: 'approve' });
      entries.set(parsed.data.paymentId, entry);
      const result = await entry.done;
      // The charge is made; the answer never reaches the host.
      if (outcome?.outcome === 'lose_answer') return void res.socket?.destroy();
      return send(res, 200, result);
    }
    const entry = match?.[1] === undefined ? undefined : entries.get(decodeURIComponent(match[1]));
    if (match && req.method === 'GET' && match[2] === undefined) {
      return entry ? send(res, 200, entry.result) : send(res, 404, { error: 'not_found' });
    }
    if (match && req.method === 'POST' && match[2] === '/reversal') {
      await readBody(req);
      if (entry === undefined) return send(res, 404, { error: 'not_found' });
      if (entry.result.state === 'approved') {
        entry.result = { ...entry.result, state: 'reversed' };
        reversals.push(entry.request.paymentId);
      }
      return entry.result.state === 'reversed'
        ? send(res, 200, entry.result)
        : send(res, 409, { error: 'not_reversible' });
    }
    return send(res, 404, { error: 'not_found' });
  }

  const terminal = createServer((req, res) => void onTerminal(req, res).catch(() => res.destroy()));
  terminal.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(terminal, opts.port ?? 0);

  const api: TerminalSimulator = {
    address: { host: '127.0.0.1', port },
    controlUrl: '',
    next: (outcome) => void queue.push(simulatedOutcomeSchema.parse(outcome)),
    async setOffline(offline) {
      if (offline === !terminal.listening) return;
      if (offline) {
        const closing = new Promise<void>((resolve) => terminal.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closing;
      } else {
        await listen(terminal, port);
      }
    },
    setCustomerDelay: (ms) => void (customerDelayMs = Math.max(0, Math.floor(ms))),
    charges: () => [...charges],
    reversals: () => [...reversals],
    requestCount: () => requests,
    async close() {
      await api.setOffline(true);
      await new Promise<void>((resolve) => control.close(() => resolve()));
    },
  };

  const control = createServer((req, res) => {
    void onControl(api, req, res).catch(() => send(res, 400, { error: 'invalid_request' }));
  });
  const controlPort = await listen(control, 0);
  return { ...api, controlUrl: `http://127.0.0.1:${controlPort}` };
}

async function onControl(
  sim: TerminalSimulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://control').pathname;
  if (req.method === 'GET' && path === '/ledger') {
    return send(res, 200, { charges: sim.charges(), reversals: sim.reversals() });
  }
  if (req.method !== 'POST') return send(res, 404, { error: 'not_found' });
  const body = await readBody(req);
  if (path === '/next') sim.next(simulatedOutcomeSchema.parse(body));
  else if (path === '/offline')
    await sim.setOffline(z.object({ offline: z.boolean() }).parse(body).offline);
  else if (path === '/delay')
    sim.setCustomerDelay(z.object({ ms: z.number().int().min(0) }).parse(body).ms);
  else return send(res, 404, { error: 'not_found' });
  return send(res, 200, { ok: true });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
