import type { Locator, Page } from 'playwright-core';
import { ApprovalDialog } from './approval-dialog';

export class RefundPage {
  constructor(readonly page: Page) {}

  async find(query: string): Promise<void> {
    await this.page.getByLabel(/^(Find order|Знайти замовлення|查找订单)$/).fill(query);
    await this.page.getByRole('button', { name: /^(Find|Знайти|查找)$/ }).click();
  }

  ticket(name: RegExp): Locator {
    return this.page.getByRole('checkbox', { name });
  }

  decision(): Locator {
    return this.page.getByRole('list', { name: /Policy decision|Рішення за правилами|政策结论/ });
  }

  method(name: RegExp): Locator {
    return this.page.getByRole('radio', { name });
  }

  async confirm(): Promise<void> {
    await this.page
      .getByRole('button', { name: /^(Confirm refund|Підтвердити повернення|确认退款)$/ })
      .click();
  }

  approvalDialog(): Locator {
    return new ApprovalDialog(this.page).dialog();
  }

  async approve(supervisor: RegExp, pin: string): Promise<void> {
    await new ApprovalDialog(this.page).approve(supervisor, pin);
  }

  done(): Locator {
    return this.page.locator('.sale-done');
  }
}
