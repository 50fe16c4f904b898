import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventHub } from '../services/event-hub';
import { silentLogger } from '../services/logger';
import { createQuarantine } from '../services/quarantine';
import type { CallContext } from '../services/handlers';
import { paymentLedgerFileName } from './payment-ledger';
import { createPaymentService, type PaymentService } from './payment-service';
import type { Answer, TerminalClient } from './terminal-client';
import type { TerminalPaymentRequest, TerminalPaymentResult } from './terminal-protocol';

// The payment rules over an in-memory terminal whose every answer the test scripts; the real
// HTTP terminal is tests/integration/payment-terminal.test.ts.

const ctx: CallContext = { transport: 'bridge', caller: 'unit' };
const dirs: string[] = [];
const services: PaymentService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

type Script = {
  pay?: (r: TerminalPaymentRequest) => Answer<TerminalPaymentResult> | 'unreachable';
  status?: (id: string) => Answer<TerminalPaymentResult>;
  reverse?: (id: string) => Answer<TerminalPaymentResult>;
};

function fakeTerminal(script: Script) {
  const calls: string[] = [];
  const terminal: TerminalClient = {
    pay(request) {
      calls.push(`pay ${request.paymentId}`);
      const answer = script.pay?.(request) ?? approved(request);
      if (answer === 'unreachable') {
        return {
          sent: Promise.resolve(false),
          answer: Promise.resolve({ kind: 'unreachable', detail: 'ECONNREFUSED' }),
        };
      }
      return { sent: Promise.resolve(true), answer: Promise.resolve(answer) };
    },
    status: (id) => {
      calls.push(`status ${id}`);
      return Promise.resolve(script.status?.(id) ?? { kind: 'lost', detail: 'no script' });
    },
    reverse: (id) => {
      calls.push(`reverse ${id}`);
      return Promise.resolve(script.reverse?.(id) ?? { kind: 'lost', detail: 'no script' });
    },
    health: () => Promise.resolve({ kind: 'answered', value: { state: 'ready' } }),
  };
  return { terminal, calls };
}

function approved(r: Pick<TerminalPaymentRequest, 'paymentId' | 'kind' | 'amount'>) {
  return {
    kind: 'answered' as const,
    value: {
      paymentId: r.paymentId,
      kind: r.kind,
      amount: r.amount,
      state: 'approved' as const,
      approvalCode: 'X1',
    },
  };
}

async function service(terminal: TerminalClient | undefined, dir?: string) {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), 'payment-unit-')));
  if (dir === undefined) dirs.push(dataDir);
  const s = await createPaymentService({
    dataDir,
    events: createEventHub(silentLogger),
    logger: silentLogger,
    quarantine: createQuarantine(dataDir, silentLogger),
    checkEveryMs: 0,
    ...(terminal ? { terminal } : {}),
  });
  services.push(s);
  return { s, dataDir, h: s.handlers };
}

const uah = (amount: number) => ({ amount, currency: 'UAH' as const });
const sale = (amount = 1_000) => ({
  paymentId: randomUUID(),
  kind: 'sale' as const,
  amount: uah(amount),
  reference: 'order',
});
function expectRefused(result: { ok: boolean }, code: string): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
}
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('payment service rules', () => {
  it('a lost answer is settled by a status query, never a second payment request', async () => {
    const t = fakeTerminal({
      pay: () => ({ kind: 'lost', detail: 'ECONNRESET' }),
      status: (id) => approved({ paymentId: id, kind: 'sale', amount: uah(1_000) }),
    });
    const { h } = await service(t.terminal);
    const p = sale();
    expect(await h['payment.start'](p, ctx)).toMatchObject({ ok: true });
    await tick();
    expect(await h['payment.status']({ paymentId: p.paymentId }, ctx)).toMatchObject({
      ok: true,
      value: { state: 'approved' },
    });
    expect(t.calls).toEqual([`pay ${p.paymentId}`, `status ${p.paymentId}`]);
  });

  it('a status query the terminal answers 404 means nothing was charged: failed', async () => {
    const t = fakeTerminal({
      pay: () => ({ kind: 'lost', detail: 'ECONNRESET' }),
      status: () => ({ kind: 'refused', status: 404, refusal: { error: 'not_found' } }),
    });
    const { h } = await service(t.terminal);
    const p = sale();
    await h['payment.start'](p, ctx);
    await tick();
    expect(await h['payment.status']({ paymentId: p.paymentId }, ctx)).toMatchObject({
      ok: true,
      value: { state: 'failed', reason: 'terminal_offline' },
    });
  });

  it('an unknown payment the terminal cannot be asked about stays unknown and blocks new ones', async () => {
    const t = fakeTerminal({ pay: () => ({ kind: 'lost', detail: 'x' }) });
    const { h, s } = await service(t.terminal);
    const p = sale();
    await h['payment.start'](p, ctx);
    await tick();
    expect(await h['payment.status']({ paymentId: p.paymentId }, ctx)).toMatchObject({
      value: { state: 'unknown' },
    });
    expectRefused(await h['payment.start'](sale(), ctx), 'device_busy');
    expectRefused(await h['payment.reverse']({ paymentId: p.paymentId }, ctx), 'device_busy');
    expect(s.terminalState()).toEqual({ state: 'busy', unresolvedPaymentId: p.paymentId });
    expect(t.calls.filter((c) => c.startsWith('pay'))).toHaveLength(1);
  });

  it('a refused connection is device_offline; the same id may then be sent again', async () => {
    let offline = true;
    const t = fakeTerminal({ pay: (r) => (offline ? 'unreachable' : approved(r)) });
    const { h, s } = await service(t.terminal);
    const p = sale();
    expectRefused(await h['payment.start'](p, ctx), 'device_offline');
    expect(s.terminalState()).toEqual({ state: 'offline' });
    offline = false;
    expect(await h['payment.start'](p, ctx)).toMatchObject({ ok: true });
    await tick();
    expect(await h['payment.status']({ paymentId: p.paymentId }, ctx)).toMatchObject({
      value: { state: 'approved' },
    });
  });

  it('refunds go to an approved sale’s card and never for more than is left on it', async () => {
    const { h } = await service(fakeTerminal({}).terminal);
    const original = sale(1_000);
    await h['payment.start'](original, ctx);
    await tick();
    const refund = (amount: number) => ({
      paymentId: randomUUID(),
      kind: 'refund' as const,
      amount: uah(amount),
      reference: 'refund',
      originalPaymentId: original.paymentId,
    });
    expect(await h['payment.start'](refund(600), ctx)).toMatchObject({ ok: true });
    await tick();
    expectRefused(await h['payment.start'](refund(401), ctx), 'invalid_argument');
    expect(await h['payment.start'](refund(400), ctx)).toMatchObject({ ok: true });
    const { originalPaymentId: _none, ...orphan } = refund(1);
    expectRefused(await h['payment.start'](orphan, ctx), 'invalid_argument');
  });

  it('a reversal the terminal refuses keeps the payment approved and says so', async () => {
    const t = fakeTerminal({
      reverse: () => ({ kind: 'refused', status: 409, refusal: { error: 'not_reversible' } }),
    });
    const { h } = await service(t.terminal);
    const p = sale();
    await h['payment.start'](p, ctx);
    await tick();
    expect(await h['payment.reverse']({ paymentId: p.paymentId }, ctx)).toMatchObject({
      ok: true,
      value: { state: 'approved', reason: 'reversal_failed' },
    });
  });

  it('no terminal configured: not_configured and unconfigured', async () => {
    const { h } = await service(undefined);
    expectRefused(await h['payment.start'](sale(), ctx), 'not_configured');
    expect(await h['payment.terminal']({}, ctx)).toEqual({
      ok: true,
      value: { state: 'unconfigured' },
    });
  });

  it('a damaged payment line is quarantined; the records that parse are kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'payment-unit-'));
    dirs.push(dir);
    const good = sale();
    const line = { ...good, state: 'unknown', updatedAt: '2026-12-04T08:00:00.000Z' };
    await writeFile(join(dir, paymentLedgerFileName), `${JSON.stringify(line)}\n{"paymentId":"to`);
    const { s } = await service(
      fakeTerminal({ status: () => ({ kind: 'lost', detail: 'x' }) }).terminal,
      dir,
    );
    // the whole line still settles as before; the torn one is kept for a technician
    expect(s.terminalState()).toEqual({ state: 'busy', unresolvedPaymentId: good.paymentId });
    expect(await readdir(join(dir, 'quarantine'))).toEqual([
      expect.stringMatching(/payments\.jsonl\.damaged$/),
    ]);
  });
});
