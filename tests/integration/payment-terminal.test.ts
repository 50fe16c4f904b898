import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContractClient } from '../../shared/ipc/client';
import type { EventName } from '../../shared/ipc/contract';
import type { PaymentState } from '../../shared/ipc/payment';
import { paymentLedgerFileName } from '../../src-main/payment/payment-ledger';
import {
  startTerminalSimulator,
  type TerminalSimulator,
} from '../../src-main/payment/terminal-simulator';
import type { ServicesOptions } from '../../src-main/services/create-services';
import { startBridgeHost } from '../../src-main/bridge/bridge-host';
import { silentLogger } from '../../src-main/services/logger';
import { connectBridgeTransport } from '../../src-renderer/transport/bridge-transport';
import { waitFor, wsFactory } from '../support/bridge-client';
import { startMain, type MainUnderTest } from '../support/main-services';

// Main's payment service against the loopback terminal simulator over real HTTP on
// 127.0.0.1 (port 0), with its own data folder per test: nothing here is a fake.

type Rig = MainUnderTest & {
  readonly sim: TerminalSimulator;
  readonly dir: string;
  readonly events: { event: EventName; payload: unknown }[];
  reopen(): Promise<MainUnderTest>;
};
const rigs: Rig[] = [];

async function rig(
  payment: Omit<NonNullable<ServicesOptions['payment']>, 'terminal'> = {},
  customerDelayMs = 30,
): Promise<Rig> {
  const sim = await startTerminalSimulator({ port: 0, customerDelayMs });
  const dir = await mkdtemp(join(tmpdir(), 'payment-terminal-'));
  const events: Rig['events'] = [];
  const open = async () => {
    const main = await startMain(dir, {
      payment: { terminal: sim.address, checkEveryMs: 0, windowMs: 5_000, ...payment },
    });
    main.services.events.subscribe((event, payload) => events.push({ event, payload }));
    return main;
  };
  let main = await open();
  const r: Rig = {
    get services() {
      return main.services;
    },
    get client() {
      return main.client;
    },
    sim,
    dir,
    events,
    async reopen() {
      await main.services.close();
      main = await open();
      return main;
    },
  };
  rigs.push(r);
  return r;
}

afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.services.close();
    await r.sim.close();
    await rm(r.dir, { recursive: true, force: true });
  }
});

const uah = (amount: number) => ({ amount, currency: 'UAH' as const });
const sale = (paymentId = randomUUID(), amount = 45_000) => ({
  paymentId,
  kind: 'sale' as const,
  amount: uah(amount),
  reference: `order-${paymentId.slice(0, 8)}`,
});

function expectRefused(result: { ok: boolean }, code: string): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
}

/** asks payment.status (which asks the terminal for an open payment) until `state` */
async function settledAs(r: Rig, paymentId: string, state: PaymentState, timeoutMs = 5_000) {
  const started = Date.now();
  for (;;) {
    const status = await r.client.call('payment.status', { paymentId });
    if (status.ok && status.value.state === state) return status.value;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`payment ${paymentId} not ${state}: ${JSON.stringify(status)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('payment terminal port against the loopback simulator', () => {
  it('approves: pending at once, then approved with the slip details; one charge', async () => {
    const r = await rig({}, 150);
    const p = sale();
    const { reference: _printedOnTerminalJournal, ...asked } = p;
    const started = await r.client.call('payment.start', p);
    expect(started).toEqual({ ok: true, value: { ...asked, state: 'pending' } });
    const done = await settledAs(r, p.paymentId, 'approved');
    expect(done).toMatchObject({ approvalCode: 'A00001', last4: '0119', scheme: 'visa' });
    expect(r.sim.charges()).toEqual([
      { paymentId: p.paymentId, kind: 'sale', amount: uah(45_000), approvalCode: 'A00001' },
    ]);
    const updates = r.events.filter((e) => e.event === 'payment.updated');
    expect(updates.map((e) => (e.payload as { state: string }).state)).toEqual([
      'pending',
      'approved',
    ]);
  });

  it('declines with the reason and charges nothing', async () => {
    const r = await rig();
    r.sim.next({ outcome: 'decline', reason: 'insufficient_funds' });
    const p = sale();
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    const done = await settledAs(r, p.paymentId, 'declined');
    expect(done).toMatchObject({ reason: 'insufficient_funds' });
    expect(done).not.toHaveProperty('approvalCode');
    expect(r.sim.charges()).toEqual([]);
  });

  it('times out after the (shortened) window: timed_out, nothing charged', async () => {
    const r = await rig({ windowMs: 300, graceMs: 2_000 });
    r.sim.next({ outcome: 'time_out' });
    const p = sale();
    const t0 = Date.now();
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    expect(await settledAs(r, p.paymentId, 'timed_out')).toMatchObject({ reason: 'timed_out' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.sim.charges()).toEqual([]);
    expect(r.services.payment.terminalState()).toEqual({ state: 'ready' });
  });

  it('lost answer: unknown, settled by a status query as approved — exactly one charge', async () => {
    const r = await rig();
    r.sim.next({ outcome: 'lose_answer' });
    const p = sale();
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    await settledAs(r, p.paymentId, 'approved');
    const states = r.events
      .filter((e) => e.event === 'payment.updated')
      .map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(['pending', 'unknown', 'approved']);
    expect(r.sim.charges()).toHaveLength(1);
    // never a blind retry: the terminal saw the payment request once
    expect(r.sim.requestCount()).toBe(1);
  });

  it('the same paymentId again never charges twice; a different payment under it is refused', async () => {
    const r = await rig();
    const p = sale();
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    await settledAs(r, p.paymentId, 'approved');
    const again = await r.client.call('payment.start', p);
    expect(again).toMatchObject({ ok: true, value: { state: 'approved', approvalCode: 'A00001' } });
    const other = await r.client.call('payment.start', { ...p, amount: uah(1) });
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(r.sim.charges()).toHaveLength(1);
    expect(r.sim.requestCount()).toBe(1);
  });

  it('refuses a new payment while one is unresolved, and accepts it once settled', async () => {
    // The link is slower than main's deadline: main loses the answer while the customer is
    // still at the terminal; the status query says pending, so the payment stays unknown.
    const r = await rig({ windowMs: 150, graceMs: 100 }, 900);
    const a = sale();
    expect((await r.client.call('payment.start', a)).ok).toBe(true);
    await waitFor(
      () =>
        r.services.payment.terminalState().unresolvedPaymentId === a.paymentId ? true : undefined,
      'unresolved payment',
    );
    const b = sale();
    expectRefused(await r.client.call('payment.start', b), 'device_busy');
    expect(await r.client.call('payment.terminal', {})).toEqual({
      ok: true,
      value: { state: 'busy', unresolvedPaymentId: a.paymentId },
    });
    await settledAs(r, a.paymentId, 'approved');
    expect((await r.client.call('payment.start', b)).ok).toBe(true);
    await settledAs(r, b.paymentId, 'approved');
    expect(r.sim.charges().map((c) => c.paymentId)).toEqual([a.paymentId, b.paymentId]);
  });

  it('reverses an approved payment whose sale could not be committed (idempotent)', async () => {
    const r = await rig();
    const p = sale();
    await r.client.call('payment.start', p);
    await settledAs(r, p.paymentId, 'approved');
    expect(await r.client.call('payment.reverse', { paymentId: p.paymentId })).toMatchObject({
      ok: true,
      value: { state: 'reversed' },
    });
    expect(await r.client.call('payment.reverse', { paymentId: p.paymentId })).toMatchObject({
      ok: true,
      value: { state: 'reversed' },
    });
    expect(r.sim.reversals()).toEqual([p.paymentId]);
    // a declined one had nothing charged: nothing is reversed
    r.sim.next({ outcome: 'decline' });
    const d = sale();
    await r.client.call('payment.start', d);
    await settledAs(r, d.paymentId, 'declined');
    expect(await r.client.call('payment.reverse', { paymentId: d.paymentId })).toMatchObject({
      ok: true,
      value: { state: 'declined' },
    });
    expect(r.sim.reversals()).toEqual([p.paymentId]);
    expectRefused(await r.client.call('payment.reverse', { paymentId: randomUUID() }), 'not_found');
  });

  it('a reversal the terminal could not take is owed and sent when it is back', async () => {
    const r = await rig();
    const p = sale();
    await r.client.call('payment.start', p);
    await settledAs(r, p.paymentId, 'approved');
    await r.sim.setOffline(true);
    expectRefused(
      await r.client.call('payment.reverse', { paymentId: p.paymentId }),
      'device_offline',
    );
    expect(r.sim.reversals()).toEqual([]);
    await r.sim.setOffline(false);
    await r.services.payment.check();
    expect(r.sim.reversals()).toEqual([p.paymentId]);
    expect(await r.client.call('payment.status', { paymentId: p.paymentId })).toMatchObject({
      ok: true,
      value: { state: 'reversed' },
    });
  });

  it('terminal offline: device_offline and payment.terminal offline; ready again when it returns', async () => {
    const r = await rig({ checkEveryMs: 50 });
    await waitFor(
      () => (r.services.payment.terminalState().state === 'ready' ? true : undefined),
      'ready',
    );
    await r.sim.setOffline(true);
    const p = sale();
    expectRefused(await r.client.call('payment.start', p), 'device_offline');
    expect(await r.client.call('payment.terminal', {})).toEqual({
      ok: true,
      value: { state: 'offline' },
    });
    await r.sim.setOffline(false);
    await waitFor(
      () =>
        r.events.some(
          (e) =>
            e.event === 'payment.terminal' &&
            (e.payload as { state: string }).state === 'ready' &&
            r.events.some((o) => (o.payload as { state?: string }).state === 'offline'),
        )
          ? true
          : undefined,
      'payment.terminal ready after offline',
    );
    const terminalStates = r.events
      .filter((e) => e.event === 'payment.terminal')
      .map((e) => (e.payload as { state: string }).state);
    expect(terminalStates.slice(-2)).toEqual(['offline', 'ready']);
    // the refused start reached nothing, so the same id may be sent again
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    await settledAs(r, p.paymentId, 'approved');
    expect(r.sim.charges()).toHaveLength(1);
  });

  it('the link drops mid-payment: unknown while offline, settled once the terminal is back', async () => {
    const r = await rig({ checkEveryMs: 50 }, 400);
    const p = sale();
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    // the terminal has the request (before that, a cut link means it never got it: 404 → failed)
    await waitFor(() => (r.sim.requestCount() === 1 ? true : undefined), 'request received');
    await r.sim.setOffline(true); // the customer is still tapping; the terminal goes on
    await waitFor(
      () => (r.services.payment.terminalState().state === 'offline' ? true : undefined),
      'offline',
    );
    expect(r.services.payment.terminalState()).toEqual({
      state: 'offline',
      unresolvedPaymentId: p.paymentId,
    });
    expectRefused(await r.client.call('payment.start', sale()), 'device_busy');
    await new Promise((resolve) => setTimeout(resolve, 450)); // the charge happens meanwhile
    await r.sim.setOffline(false);
    await settledAs(r, p.paymentId, 'approved');
    expect(r.sim.charges()).toHaveLength(1);
    expect(r.sim.requestCount()).toBe(1);
  });

  it('a restart of main with a payment open settles it from the terminal, charging once', async () => {
    const r = await rig({}, 400);
    const p = sale();
    expect((await r.client.call('payment.start', p)).ok).toBe(true);
    // main stops while the customer is still at the terminal: the record is on disk, pending
    const onDisk = (await readFile(join(r.dir, paymentLedgerFileName), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { paymentId: string; state: string });
    expect(onDisk).toMatchObject([{ paymentId: p.paymentId, state: 'pending' }]);
    await r.reopen();
    // a new payment waits until the open one is settled …
    expectRefused(await r.client.call('payment.start', sale()), 'device_busy');
    // … which the new main does by asking the terminal, not by sending it again
    await settledAs(r, p.paymentId, 'approved');
    expect(r.sim.charges()).toHaveLength(1);
    expect(r.sim.requestCount()).toBe(1);
  });
});

describe('payment methods through the device bridge', () => {
  it('start, status and both events reach a bridge client', async () => {
    const sim = await startTerminalSimulator({ port: 0, customerDelayMs: 30 });
    const dir = await mkdtemp(join(tmpdir(), 'payment-bridge-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    const host = await startBridgeHost({
      dataDir: join(dir, 'data'),
      version: '0.0.1-test',
      rendererDir: join(dir, 'renderer'),
      logger: silentLogger,
      demo: true,
      payment: { terminal: sim.address, checkEveryMs: 0 },
    });
    try {
      const transport = await connectBridgeTransport(
        { url: host.bridge.url, secret: host.bridge.secret },
        wsFactory(host.rendererOrigin),
      );
      const client = createContractClient(transport);
      const updates: string[] = [];
      const terminal: string[] = [];
      client.on('payment.updated', (s) => updates.push(s.state));
      client.on('payment.terminal', (s) => terminal.push(s.state));
      const p = sale();
      expect(await client.call('payment.start', p)).toMatchObject({
        ok: true,
        value: { state: 'pending' },
      });
      await waitFor(() => (updates.includes('approved') ? true : undefined), 'approved event');
      expect(await client.call('payment.status', { paymentId: p.paymentId })).toMatchObject({
        ok: true,
        value: { state: 'approved', approvalCode: 'A00001' },
      });
      expect(updates).toEqual(['pending', 'approved']);
      expect(terminal).toEqual(['busy', 'ready']);
      transport.close();
    } finally {
      await host.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
