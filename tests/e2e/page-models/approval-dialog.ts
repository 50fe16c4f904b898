import type { Locator, Page } from 'playwright-core';

/**
 * The supervisor approval dialog (ui/refund/flow-approval-dialog.tsx) wherever it opens: the
 * refund and exchange flows and the shift screen's cash movements and close.
 */
export class ApprovalDialog {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The refusal shown inside the dialog (a wrong PIN, a lockout, one's own request). */
  error(): Locator {
    return this.dialog().getByRole('alert');
  }

  /** The names offered as approvers, as the select lists them. */
  async approvers(): Promise<string[]> {
    return (await this.dialog().getByRole('option').allTextContents()).map((t) => t.trim());
  }

  async approve(supervisor: RegExp, pin: string): Promise<void> {
    const dialog = this.dialog();
    await dialog.getByRole('combobox').selectOption({
      label: (await dialog.getByRole('option', { name: supervisor }).textContent()) ?? '',
    });
    await dialog.getByLabel(/PIN/).fill(pin);
    await dialog.getByLabel(/PIN/).press('Enter');
  }

  async cancel(): Promise<void> {
    await this.dialog()
      .getByRole('button', { name: /^(Cancel|Скасувати|取消)$/ })
      .click();
  }
}
