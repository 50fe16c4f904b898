import type { Locator, Page } from 'playwright-core';

/** The sell screen through its accessible names, like a cashier using a screen reader. */
export class SellPage {
  constructor(readonly page: Page) {}

  /** The nth performance on sale whose button matches (earliest first; cancelled ones are disabled). */
  async pickPerformance(name: RegExp, nth = 0): Promise<void> {
    await this.page.getByRole('button', { name, disabled: false }).nth(nth).click();
  }

  seatMap(): Locator {
    return this.page.getByRole('group', { name: /Seat map|Схема залу|座位图/ });
  }

  seat(name: RegExp): Locator {
    return this.seatMap().getByRole('checkbox', { name });
  }

  async toggleSeat(name: RegExp): Promise<void> {
    await this.seat(name).click();
  }

  quickCash(): Locator {
    return this.page.getByRole('group', { name: /^(Cash|Готівка|现金)$/ }).getByRole('button');
  }

  async tenderCash(amount: string): Promise<void> {
    await this.page.getByLabel(/Cash received|Отримано готівкою|收到现金/).fill(amount);
  }

  changeDue(): Locator {
    return this.page.getByRole('status', { name: /^(Payment|Оплата|付款)$/ });
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: /Confirm sale|Підтвердити продаж|确认/ }).click();
  }

  done(): Locator {
    return this.page.locator('.sale-done');
  }

  /**
   * Sells `seats` of the nth performance matching `performance` for cash (the largest quick
   * amount), waits for the done screen and goes on to the next customer; the receipt number.
   */
  async sellForCash(performance: RegExp, seats: readonly RegExp[], nth = 0): Promise<string> {
    await this.page.keyboard.press('F1');
    await this.pickPerformance(performance, nth);
    for (const s of seats) await this.toggleSeat(s);
    // Seats are held asynchronously: the quick-cash amounts follow the total, so read them once
    // every seat is in the cart (with three of four held, "the last button" is another one).
    await this.page.getByText(new RegExp(`^${seats.length} tickets?$`)).waitFor();
    return this.payCashAndNext();
  }

  /**
   * Pays the cart in cash with the largest quick-cash amount, confirms, waits for "Sale … done"
   * and goes on to the next customer. Returns the receipt number.
   */
  async payCashAndNext(): Promise<string> {
    const quick = this.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await this.confirm();
    const done = this.done().filter({ hasText: /Sale T1-\d{6} done/ });
    await done.waitFor({ timeout: 15_000 });
    const receipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    await this.page.getByRole('button', { name: 'Next customer' }).click();
    return receipt;
  }
}
