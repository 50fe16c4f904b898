import type { Locator, Page } from 'playwright-core';
import { ApprovalDialog } from './approval-dialog';

/** The shift screen (F9) through its accessible names: reports, cash movements, close. */
export class ShiftPage {
  constructor(readonly page: Page) {}

  /** The supervisor's approval, when a movement or the close needs one. */
  approval(): ApprovalDialog {
    return new ApprovalDialog(this.page);
  }

  /** The report in its monospaced box, one string per line as on paper (padding trimmed). */
  async previewLines(): Promise<string[]> {
    const text = (await this.preview().locator('pre').textContent()) ?? '';
    const lines = text.split('\n').map((l) => l.trim());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  preview(): Locator {
    return this.page.getByRole('region', {
      name: /^(Report preview|Попередній перегляд звіту|报表预览)$/,
    });
  }

  /** What became of the last report print (printed, queued, failed). */
  printNote(): Locator {
    return this.page.getByLabel(/^(Report printing|Друк звіту|报表打印)$/);
  }

  /**
   * The side panel holds one drawer task at a time (issue 10: each step's confirm in view):
   * paid in/out/drop, no-sale or the blind count.
   */
  async task(which: 'movement' | 'noSale' | 'close'): Promise<void> {
    const names = {
      movement: /^(Paid in \/ out \/ drop|Внесення \/ виплата \/ інкасація|存入 \/ 支出 \/ 解款)$/,
      noSale: /^(No sale|Без продажу|无销售开箱)$/,
      close: /^(Close shift|Закрити зміну|结班)$/,
    } as const;
    const button = this.page.getByRole('button', { name: names[which] });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  }

  async cashMovement(kind: RegExp, amount: string, reason: string): Promise<void> {
    await this.task('movement');
    await this.page.getByRole('radio', { name: kind }).check();
    await this.page.getByLabel(/^(Amount|Сума|金额)$/).fill(amount);
    await this.page
      .getByLabel(/^(Reason for the cash movement|Причина руху готівки|现金存取原因)$/)
      .fill(reason);
    await this.page
      .getByRole('button', { name: /^(Record cash movement|Записати рух готівки|记录现金存取)$/ })
      .click();
  }

  noSaleButton(): Locator {
    return this.page.getByRole('button', {
      name: /^(Open drawer \(no sale\)|Відкрити шухляду \(без продажу\)|打开钱箱（无销售）)$/,
    });
  }

  async noSaleReason(reason: string): Promise<void> {
    await this.task('noSale');
    await this.page
      .getByLabel(/^(Reason for opening the drawer|Причина відкриття шухляди|打开钱箱的原因)$/)
      .fill(reason);
  }

  printX(): Locator {
    return this.page.getByRole('button', {
      name: /^(Print X report|Надрукувати X-звіт|打印 X 报表)$/,
    });
  }

  async fillClose(counted: string, note: string): Promise<void> {
    await this.task('close');
    const count = this.page.getByLabel(/blind count|сліпий підрахунок|盲点/);
    // Once taken to the close, the blind count is kept as typed (read-only).
    if (await count.isEditable()) await count.fill(counted);
    await this.page.getByLabel(/^(Note|Примітка|备注)/).fill(note);
  }

  closeButton(): Locator {
    return this.page.getByRole('button', {
      name: /^(Close shift and print Z report|Закрити зміну й надрукувати Z-звіт|结班并打印 Z 报表)$/,
    });
  }

  printCopy(): Locator {
    return this.page.getByRole('button', { name: /^(Print a copy|Надрукувати копію|打印副本)$/ });
  }
}
