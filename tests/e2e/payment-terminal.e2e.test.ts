import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSimulator } from '../../src-main/payment/terminal-simulator';
import { callInPage } from '../support/page-contract';
import { openCashierApp, type CashierApp } from './cashier-stack';

// The payment methods from a page in real Chromium, through the device bridge, to main and on
// to the loopback terminal simulator the e2e stack starts when asked (`payment`).

let app: CashierApp;
let sim: TerminalSimulator;

beforeAll(async () => {
  app = await openCashierApp('payment-terminal', { payment: { customerDelayMs: 50 } });
  const simulator = app.stack.paymentSimulator;
  if (simulator === undefined) throw new Error('the stack started no terminal simulator');
  sim = simulator;
  await app.page.goto(app.stack.pageUrl);
  await app.page.waitForFunction(() => sessionStorage.getItem('box-office.bridge') !== null);
});
afterAll(async () => {
  await app?.close();
});

describe('card payment from the page', () => {
  it('a lost answer is settled by main: the page sees approved once, the card is charged once', async () => {
    expect(await callInPage(app.page, 'payment.terminal', {})).toEqual({
      ok: true,
      value: { state: 'ready' },
    });
    sim.next({ outcome: 'lose_answer' });
    const paymentId = randomUUID();
    const request = {
      paymentId,
      kind: 'sale',
      amount: { amount: 90_000, currency: 'UAH' },
      reference: 'kiosk-order-1',
    };
    expect(await callInPage(app.page, 'payment.start', request)).toMatchObject({
      ok: true,
      value: { state: 'pending' },
    });
    // what a kiosk does with `pending`/`unknown`: ask again until the outcome is final
    for (let tries = 0; ; tries += 1) {
      const status = (await callInPage(app.page, 'payment.status', { paymentId })) as {
        value?: { state?: string };
      };
      if (status.value?.state === 'approved') break;
      expect(tries, JSON.stringify(status)).toBeLessThan(100);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // the page asking again (a retry after a reload) changes nothing
    expect(await callInPage(app.page, 'payment.start', request)).toMatchObject({
      ok: true,
      value: { state: 'approved', last4: '0119' },
    });
    expect(sim.charges()).toHaveLength(1);
    expect(sim.requestCount()).toBe(1);
    // a page cannot name a terminal: the contract has no such field
    expect(
      await callInPage(app.page, 'payment.start', { ...request, terminal: '10.0.0.66:80' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
