import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { PaymentTerminalAddress } from './terminal-address';
import {
  terminalHealthSchema,
  terminalPaths,
  terminalPaymentResultSchema,
  terminalRefusalSchema,
  type TerminalHealth,
  type TerminalPaymentRequest,
  type TerminalPaymentResult,
  type TerminalRefusal,
} from './terminal-protocol';

/**
 * Main's side of the terminal protocol (terminal-protocol.ts). The one distinction that
 * matters for money is whether a request may have reached the terminal: a refused connection
 * means it did not (nothing can have been charged), while anything after the connection was
 * made — a reset, a timeout, a garbled answer — means main cannot know, and the payment
 * becomes `unknown` until a status query settles it.
 */
export type Answer<T> =
  | { readonly kind: 'answered'; readonly value: T }
  | { readonly kind: 'refused'; readonly refusal: TerminalRefusal; readonly status: number }
  /** never reached the terminal: nothing happened there */
  | { readonly kind: 'unreachable'; readonly detail: string }
  /** reached it (or may have) but no usable answer came back */
  | { readonly kind: 'lost'; readonly detail: string };

export type Call<T> = {
  /** resolves once the connection is made (true) or refused (false) */
  readonly sent: Promise<boolean>;
  readonly answer: Promise<Answer<T>>;
};
export type PaymentCall = Call<TerminalPaymentResult>;

export interface TerminalClient {
  pay(request: TerminalPaymentRequest, deadlineMs: number): PaymentCall;
  status(paymentId: string, deadlineMs: number): Promise<Answer<TerminalPaymentResult>>;
  reverse(paymentId: string, deadlineMs: number): Promise<Answer<TerminalPaymentResult>>;
  health(deadlineMs: number): Promise<Answer<TerminalHealth>>;
}

const notSentCodes = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function createTerminalClient(address: PaymentTerminalAddress): TerminalClient {
  function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    deadlineMs: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Call<T> {
    let connected = false;
    let markSent: (sent: boolean) => void = () => undefined;
    const sent = new Promise<boolean>((resolve) => (markSent = resolve));
    const answer = new Promise<Answer<T>>((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest({
        host: address.host,
        port: address.port,
        method,
        path,
        // A fresh connection per request: a pooled socket the terminal already closed would
        // turn a request it never saw into an ambiguous one.
        agent: false,
        headers: {
          accept: 'application/json',
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
      });
      const timer = setTimeout(() => req.destroy(new Error('deadline')), deadlineMs);
      const finish = (result: Answer<T>): void => {
        clearTimeout(timer);
        markSent(connected || result.kind !== 'unreachable');
        resolve(result);
      };
      req.on('socket', (socket) => {
        socket.once('connect', () => {
          connected = true;
          markSent(true);
        });
      });
      req.on('error', (cause: NodeJS.ErrnoException) => {
        const detail = cause.code ?? cause.message;
        finish(
          !connected && (notSentCodes.has(cause.code ?? '') || cause.message === 'deadline')
            ? { kind: 'unreachable', detail }
            : { kind: 'lost', detail },
        );
      });
      req.on('response', (res) => {
        readJson(res)
          .then((json) => finish(interpret(res.statusCode ?? 0, json, schema)))
          .catch((cause: unknown) => finish({ kind: 'lost', detail: String(cause) }));
      });
      req.end(payload);
    });
    return { sent, answer };
  }

  return {
    pay: (request, deadlineMs) =>
      call('POST', terminalPaths.payments, terminalPaymentResultSchema, deadlineMs, request, {
        'idempotency-key': request.paymentId,
      }),
    status: (id, deadlineMs) =>
      call('GET', terminalPaths.payment(id), terminalPaymentResultSchema, deadlineMs).answer,
    reverse: (id, deadlineMs) =>
      call('POST', terminalPaths.reversal(id), terminalPaymentResultSchema, deadlineMs, {}).answer,
    health: (deadlineMs) =>
      call('GET', terminalPaths.status, terminalHealthSchema, deadlineMs).answer,
  };
}

function interpret<T>(status: number, json: unknown, schema: z.ZodType<T>): Answer<T> {
  if (status === 200) {
    const parsed = schema.safeParse(json);
    return parsed.success
      ? { kind: 'answered', value: parsed.data }
      : { kind: 'lost', detail: 'the terminal answered outside the protocol' };
  }
  const refusal = terminalRefusalSchema.safeParse(json);
  return refusal.success
    ? { kind: 'refused', refusal: refusal.data, status }
    : { kind: 'lost', detail: `HTTP ${status}` };
}

async function readJson(res: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('answer too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
