// Screenshots of the sell, refund, exchange and shift screens at 1280×800 in en, uk and zh-Hans,
// saved under docs/screenshots/. Runs the production renderer behind the device bridge on
// loopback and drives Debian's Chromium (headless) with a fresh profile per language.
//   npx tsx scripts/screenshots.ts
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium';
import { startCashierStack } from '../tests/e2e/cashier-stack';
import { CashierPage } from '../tests/e2e/page-models/cashier-page';
import { RefundPage } from '../tests/e2e/page-models/refund-page';
import { SellPage } from '../tests/e2e/page-models/sell-page';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const LOCALES = ['en', 'uk', 'zh-Hans'] as const;
const FILE_TAG: Record<(typeof LOCALES)[number], string> = { en: 'en', uk: 'uk', 'zh-Hans': 'zh' };

// The seat-map checkbox of row r, seat s in the stalls, whatever the language of its name.
function seat(page: Page, row: number, s: number) {
  return new SellPage(page).seatMap().getByRole('checkbox', {
    name: new RegExp(`^(Row ${row} seat ${s},|Ряд ${row} місце ${s},|${row} 排 ${s} 座，) ?Stalls`),
  });
}

const SHOW_X = /^(Show X report|Показати X-звіт|查看 X 报表)$/;

async function capture(page: Page, locale: (typeof LOCALES)[number]): Promise<void> {
  const tag = FILE_TAG[locale];
  await page.getByLabel('Language').selectOption(locale);
  await page.getByRole('radio', { name: /^Olena/ }).check();
  await page.getByLabel(/^(PIN|PIN 码)$/).fill('1111');
  await page.getByLabel(/^(PIN|PIN 码)$/).press('Enter');
  await new CashierPage(page).openShift('1000');
  await page.getByRole('status', { name: 'Shift status' }).getByText(/T|\d/).waitFor();

  const sell = new SellPage(page);
  // A first sale, so the refund and exchange screens have an order to show.
  await page.keyboard.press('F1');
  await sell.pickPerformance(/The Forest Song/);
  await seat(page, 8, 10).click();
  await seat(page, 8, 11).click();
  const quick = sell.quickCash();
  await quick.nth((await quick.count()) - 1).click();
  await sell.confirm();
  await page.locator('.sale-done').waitFor();
  await page
    .getByRole('button', { name: /^(Next customer|Наступний покупець|下一位顾客)$/ })
    .click();

  // Sell: seats chosen on the map, change due shown.
  await sell.pickPerformance(/The Forest Song/);
  await seat(page, 5, 9).click();
  await seat(page, 5, 10).click();
  await quick.nth((await quick.count()) - 1).click();
  await page.screenshot({ path: join(outDir, `sell-${tag}.png`) });
  await page.getByRole('button', { name: /^(Clear cart|Очистити кошик|清空购物车)$/ }).click();

  const refund = new RefundPage(page);
  await page.keyboard.press('F2');
  await refund.find('T1-000001');
  await page.getByRole('checkbox').first().check();
  await refund.decision().waitFor();
  await page.screenshot({ path: join(outDir, `refund-${tag}.png`) });

  await page.keyboard.press('F3');
  await refund.find('T1-000001');
  await page.getByRole('checkbox').nth(1).check();
  await sell.pickPerformance(/The Forest Song/, 1);
  await seat(page, 5, 10).click();
  await page.locator('.total').waitFor();
  await page.screenshot({ path: join(outDir, `exchange-${tag}.png`) });

  // Shift: the X report on screen, line for line what the printer prints.
  await page.keyboard.press('F9');
  await page.getByRole('button', { name: SHOW_X }).click();
  await page.locator('.slip-preview').waitFor();
  await page.screenshot({ path: join(outDir, `shift-${tag}.png`) });
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  // A till of its own per language: main anchors the journal, so a fresh profile on the
  // same main would (rightly) be a till whose records are gone.
  for (const locale of LOCALES) {
    const stack = await startCashierStack();
    const profile = await mkdtemp(join(tmpdir(), 'screenshots-'));
    const context = await launchChromium(profile);
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(stack.pageUrl);
      await capture(page, locale);
      console.log(`screenshots: ${locale} done`);
    } finally {
      await context.close();
      await stack.close();
      await rm(profile, { recursive: true, force: true });
    }
  }
}

main().catch((cause: unknown) => {
  console.error('screenshots: failed:', cause);
  process.exit(1);
});
