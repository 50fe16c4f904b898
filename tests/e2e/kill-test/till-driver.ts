import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { CashierPage } from '../page-models/cashier-page';
import { SellPage } from '../page-models/sell-page';

/**
 * Drives one cash sale of one GA "Standing" ticket for the Dnipro Lights concert through
 * the sell screen by accessible roles and names, from whatever state the till reopened in
 * (sign-in, no shift, a resumed cart, a finished sale on screen).
 */
export class TillDriver {
  private readonly cashier: CashierPage;
  private readonly sell: SellPage;

  /**
   * The newest receipt number the test knows of (confirmed by the UI, or found in the store
   * after a restart); a "done" screen for it or an older one is not a new confirmation.
   */
  lastReceipt = 0;

  constructor(readonly page: Page) {
    this.cashier = new CashierPage(page);
    this.sell = new SellPage(page);
  }

  private get nextCustomer(): Locator {
    return this.page.getByRole('button', { name: 'Next customer' });
  }
  private get changePerformance(): Locator {
    return this.page.getByRole('button', { name: 'Change performance' });
  }
  private get concert(): Locator {
    return this.page.getByRole('button', { name: /^Sell Dnipro Lights/, disabled: false }).first();
  }
  private get signInChoice(): Locator {
    return this.page.getByRole('radio', { name: /Olena/ });
  }
  private get openShiftButton(): Locator {
    return this.page.getByRole('button', { name: 'Open shift' });
  }
  private get standingQuantity(): Locator {
    return this.page.getByLabel('Standing: Quantity');
  }

  /** Brings the till to the concert's sell screen with exactly one Standing ticket in the cart. */
  async fillCart(): Promise<void> {
    // Bounded: 200 × ≥ 50 ms; a till that never reaches the sell screen fails the test.
    let idle = 0;
    for (let step = 0; step < 200; step++) {
      // Each step is one short action; the screen can re-render under a click (an element
      // detached mid-click), so a failed action is simply looked at again on the next step.
      const ready = await this.step(++idle % 10 === 0).catch(() => false);
      if (ready) return;
      await sleep(50);
    }
    throw new Error(
      `the till never reached the sell screen with one ticket in the cart; it shows:\n${await this.shown()}`,
    );
  }

  /** One look at the screen and at most one action; true when the cart is ready. */
  private async step(pressF1: boolean): Promise<boolean> {
    const quick = { timeout: 2_000 };
    if (await this.sell.done().isVisible()) {
      await this.nextCustomer.click(quick);
    } else if (await this.signInChoice.isVisible()) {
      await this.cashier.signIn(/Olena/, '1111');
    } else if (await this.openShiftButton.isVisible()) {
      await this.cashier.openShift('1000');
    } else if (await this.changePerformance.isVisible()) {
      return this.setStandingToOne();
    } else if (await this.concert.isVisible()) {
      await this.concert.click(quick);
    } else if (pressF1) {
      // Another screen (e.g. the shift screen right after opening a shift): F1 is Sell.
      await this.cashier.go('F1');
    }
    return false;
  }

  /** true once the cart holds exactly one Standing ticket (a resumed cart may hold more). */
  private async setStandingToOne(): Promise<boolean> {
    if (!(await this.standingQuantity.isVisible())) return false;
    const q = Number((await this.standingQuantity.textContent()) ?? '');
    if (q === 1) return true;
    const name = q < 1 ? 'One more Standing' : 'One fewer Standing';
    const button = this.page.getByRole('button', { name });
    if (await button.isEnabled()) await button.click({ timeout: 2_000 });
    return false;
  }

  /**
   * Types the exact amount due (as the quick-cash "Exact" button offers it) into "Cash
   * received" and clicks "Confirm sale"; resolves once the click was delivered. Typing, not
   * clicking the quick-cash button: the quick-cash row changes as soon as cash is entered,
   * and a retried click could land on whatever moved under the pointer. The tender panel
   * sometimes remounts (dropping the cash typed) just as it settles, so tender and click are
   * retried together until a click lands on an enabled confirm button.
   */
  async payExactCashAndConfirm(): Promise<void> {
    const exact = this.sell.quickCash().filter({ hasText: /^Exact / });
    const cash = this.page.getByLabel('Cash received');
    const confirm = this.page.getByRole('button', { name: 'Confirm sale', disabled: false });
    // Bounded: 20 tries of ≤ 5 s + 5 s + 3 s.
    for (let attempt = 0; attempt < 20; attempt++) {
      // A click that timed out on a busy page may still have been delivered: never sell twice.
      const shown = await this.shownReceipt();
      if (shown > this.lastReceipt) return;
      if (shown > 0) {
        // An earlier sale's "done" is still on screen (a "Next customer" click that timed
        // out was not delivered): move on to the next cart.
        await this.nextCustomer.click({ timeout: 2_000 }).catch(() => undefined);
        continue;
      }
      const label = await exact.textContent({ timeout: 5_000 }).catch(() => null);
      const amount = /([\d,]+\.\d{2})/.exec(label ?? '')?.[1]?.replace(/,/g, '');
      if (amount !== undefined) await cash.fill(amount, { timeout: 5_000 }).catch(() => undefined);
      const clicked = await confirm
        .click({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (clicked) return;
      await this.sell
        .done()
        .waitFor({ timeout: 3_000 })
        .catch(() => undefined);
    }
    throw new Error(`the sale never became payable; the till shows:\n${await this.shown()}`);
  }

  private async shown(): Promise<string> {
    return (
      await this.page
        .locator('main')
        .innerText()
        .catch(() => '')
    ).slice(0, 800);
  }

  /** The receipt number on the "Sale … done" screen, or 0 when it is not shown. */
  private async shownReceipt(): Promise<number> {
    const done = this.sell.done();
    if (!(await done.isVisible())) return 0;
    const text = (await done.textContent({ timeout: 1_000 }).catch(() => null)) ?? '';
    const match = /Sale T1-(\d+) done/.exec(text);
    return match?.[1] === undefined ? 0 : Number.parseInt(match[1], 10);
  }

  /**
   * Waits for the UI's "Sale T1-000042 done" with a receipt newer than `lastReceipt` and
   * returns 42: the sale is confirmed. Only a newer number counts: the previous sale's
   * "done" may still be on screen (each cart has its own flow actor, so a late print outcome
   * can no longer bring it back, but a lost "Next customer" click leaves it there).
   */
  async confirmedReceipt(): Promise<number> {
    // Bounded: 150 × 100 ms = 15 s.
    for (let i = 0; i < 150; i++) {
      const receipt = await this.shownReceipt().catch(() => 0);
      if (receipt > this.lastReceipt) {
        this.lastReceipt = receipt;
        return receipt;
      }
      await sleep(100);
    }
    throw new Error(`no new sale confirmation within 15 s; the till shows:\n${await this.shown()}`);
  }
}
