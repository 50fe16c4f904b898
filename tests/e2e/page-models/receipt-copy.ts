import type { Locator, Page } from 'playwright-core';

/** "Print a copy of the receipt" and what it says, on the sell done view or the refund order view. */
export class ReceiptCopy {
  constructor(readonly page: Page) {}

  button(): Locator {
    return this.page.getByRole('button', {
      name: /^(Print a copy of the receipt|Надрукувати копію чека|打印收据副本)$/,
    });
  }

  /** The copy's answer: printed, waiting for the printer, or why not. */
  said(): Locator {
    return this.page
      .locator('.receipt-copy')
      .getByRole('status')
      .or(this.page.locator('.receipt-copy').getByRole('alert'));
  }
}
