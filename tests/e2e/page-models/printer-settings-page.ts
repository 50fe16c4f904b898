import type { Locator, Page } from 'playwright-core';
import { ApprovalDialog } from './approval-dialog';

/** The printer settings on the shift screen (F9), through their accessible names (English). */
export class PrinterSettingsPage {
  constructor(readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Printer settings' });
  }

  /** Opens the collapsed panel from the keyboard: focus its summary and press Enter. */
  async open(): Promise<void> {
    const summary = this.page.locator('summary', { hasText: 'Printer settings' });
    await summary.focus();
    await this.page.keyboard.press('Enter');
    await this.section().waitFor();
  }

  async networkPrinter(host: string, port: number): Promise<void> {
    // A select's name includes its chosen option: "Printer Network printer (host and port)".
    await this.section()
      .getByRole('combobox', { name: /^Printer(?! type)/ })
      .selectOption('net');
    await this.section().getByRole('textbox', { name: 'Host name or IP address' }).fill(host);
    await this.section().getByRole('textbox', { name: 'Port' }).fill(String(port));
  }

  async paperWidth(mm: 58 | 80): Promise<void> {
    await this.section()
      .getByRole('combobox', { name: /^Paper width/ })
      .selectOption(String(mm));
  }

  save(): Locator {
    return this.section().getByRole('button', { name: 'Save printer settings' });
  }

  testPage(): Locator {
    return this.section().getByRole('button', { name: 'Print a test page' });
  }

  note(): Locator {
    return this.section().getByRole('status');
  }

  approval(): ApprovalDialog {
    return new ApprovalDialog(this.page);
  }
}
