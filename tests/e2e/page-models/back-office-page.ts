import type { Page } from 'playwright-core';

/**
 * The back office (/manage) as a manager uses it: sign in, pick a section from the menu,
 * switch language. Locators by role and label only, so a renamed class never breaks a test
 * and a control without an accessible name does.
 */
export class BackOfficePage {
  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.origin}/manage/`);
  }

  async signIn(email: string, password: string, venueId = 'podil-stage'): Promise<void> {
    const venue = this.page.getByLabel(/Venue ID|Ідентифікатор закладу|场馆 ID/);
    await venue.fill(venueId);
    await this.page.getByLabel(/^(E-mail|Ел\. пошта|电子邮箱)$/).fill(email);
    await this.page.getByLabel(/^(Password|Пароль|密码)$/).fill(password);
    await this.page.keyboard.press('Enter');
  }

  /** Sign-in by staff ID and the PIN used at the tills (the radio, then the two fields). */
  async signInByPin(staffId: string, pin: string, venueId = 'podil-stage'): Promise<void> {
    await this.page.getByRole('radio', { name: /Staff ID and PIN|员工 ID 和 PIN/ }).check();
    await this.page.getByLabel(/Venue ID|Ідентифікатор закладу|场馆 ID/).fill(venueId);
    await this.page.getByLabel(/^(Staff ID|员工 ID)$/).fill(staffId);
    await this.page.getByLabel(/^(PIN|PIN（)/).fill(pin);
    await this.page.keyboard.press('Enter');
  }

  heading() {
    return this.page.locator('#bo-heading');
  }

  async section(name: string | RegExp): Promise<void> {
    await this.page
      .getByRole('navigation')
      .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name })
      .click();
  }

  async language(label: string): Promise<void> {
    await this.page
      .getByRole('combobox', { name: /^(Language|Мова|语言)/ })
      .selectOption({ label });
  }

  figure(name: string) {
    return this.page.locator(`[data-figure="${name}"]`);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /Sign out|Вийти|退出/ }).click();
  }
}
