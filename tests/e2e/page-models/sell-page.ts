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
}
