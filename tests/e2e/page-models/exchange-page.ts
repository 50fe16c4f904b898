import type { Locator, Page } from 'playwright-core';
import { RefundPage } from './refund-page';

export class ExchangePage extends RefundPage {
  constructor(page: Page) {
    super(page);
  }

  quote(): Locator {
    return this.page.getByRole('status', { name: /^(Quote|Розрахунок|报价)$/ });
  }

  async confirmExchange(): Promise<void> {
    await this.page
      .getByRole('button', { name: /^(Confirm exchange|Підтвердити обмін|确认换票)$/ })
      .click();
  }
}
