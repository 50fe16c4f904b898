import type { Locator, Page } from 'playwright-core';

/** Sign-in, shift and navigation: what every cashier scenario starts with. */
export class CashierPage {
  constructor(readonly page: Page) {}

  async signIn(name: RegExp, pin: string): Promise<void> {
    await this.page.getByRole('radio', { name }).check();
    await this.page.getByLabel(/^(PIN|PIN 码)$/).fill(pin);
    await this.page.getByLabel(/^(PIN|PIN 码)$/).press('Enter');
  }

  status(name: string): Locator {
    return this.page.getByRole('status', { name });
  }

  /** After sign-in the till shows the shift screen when no shift is open. */
  async openShift(float: string): Promise<void> {
    const button = this.page.getByRole('button', { name: /^(Open shift|Відкрити зміну|开班)$/ });
    await button.waitFor({ timeout: 15_000 });
    await this.page.getByLabel(/Float|Розмінна|备用金/).fill(float);
    await button.click();
  }

  /** Olena signs in and opens a shift with this float; returns once the status bar says so. */
  async startDay(float: string): Promise<void> {
    await this.signIn(/Olena/, '1111');
    await this.openShift(float);
    await this.status('Shift status')
      .getByText(/Shift .* open/)
      .waitFor({ timeout: 15_000 });
  }

  async go(screen: 'F1' | 'F2' | 'F3' | 'F9'): Promise<void> {
    await this.page.keyboard.press(screen);
  }
}
