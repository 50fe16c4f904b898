import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCashierApp, type CashierApp } from './cashier-stack';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CashierPage } from './page-models/cashier-page';
import { ExchangePage } from './page-models/exchange-page';
import { RefundPage } from './page-models/refund-page';
import { SellPage } from './page-models/sell-page';
import { ShiftPage } from './page-models/shift-page';
import { journalOf, readStore } from './page-models/till-store';
import { walkUpCashRefund } from './page-models/walk-up-refund';

// Issue 10 on the refund, exchange and shift screens, in Chromium at 1280×800 (and once each
// at 1366×768 and 1920×1080): every step's confirm is in the window with no page scroll; a
// walk-up cash refund from a scanned ticket in a few keys; a non-refundable ticket says why
// and offers the policy's exception; an exchange shows the change and says why no performance
// can be chosen; the blind count; drawer amounts bounded and refused in words; a seat held by
// an exchange abandoned by closing the page is free again when the till starts.

let app: CashierApp;
let page: Page;

beforeAll(async () => {
  app = await openCashierApp('cashier-flows-layout');
  page = app.page;
  await page.goto(app.stack.pageUrl);
  await new CashierPage(page).startDay('2000');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** Heights measured per step, reported by the test (issue 10 asks for the figures). */
const heights: string[] = [];

/**
 * The step's confirm is inside the viewport as it stands (nothing scrolled) and the page
 * itself does not scroll: lists scroll inside their panels.
 */
async function inView(step: string, confirm: Locator): Promise<void> {
  await confirm.waitFor({ timeout: 15_000 });
  const box = await confirm.boundingBox();
  const m = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? Infinity,
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  heights.push(`${step} ${m.innerWidth}×${m.innerHeight}: page ${m.scrollHeight}px`);
  expect(m.scrollY, step).toBe(0);
  expect(m.scrollHeight, step).toBeLessThanOrEqual(m.innerHeight);
  expect(box, step).not.toBeNull();
  expect(box!.y, step).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, step).toBeLessThanOrEqual(m.innerHeight);
  expect(box!.x + box!.width, step).toBeLessThanOrEqual(m.innerWidth);
  // Touch targets: at least 44 px each way.
  expect(box!.height, step).toBeGreaterThanOrEqual(44);
  // Every action of the side panel (confirm, payment) and of the title row (Cancel, Change the
  // new seats) is wholly in its box as it stands: none clipped by the panel's edge or left for
  // the cashier to scroll to. A button inside a closed <details> is not shown, so not counted.
  const hidden = await page.evaluate(() =>
    [...document.querySelectorAll('aside.flow-side, .screen-actions')].flatMap((box) => {
      const edge = box.getBoundingClientRect();
      return [...box.querySelectorAll('button')]
        .filter((b) => b.checkVisibility())
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.top < edge.top - 1 || r.bottom > edge.bottom + 1 || r.bottom > innerHeight;
        })
        .map((b) => (b.textContent ?? '').trim());
    }),
  );
  expect(hidden, `${step}: actions out of view`).toEqual([]);
}

/**
 * Issue 12 item 6: the cart (its heading, every line, Clear cart) is seen as it stands — not
 * scrolled out of its panel nor covered — and the status bar is one line no wider than the
 * window (an item that does not fit is cut short, its words in the tooltip).
 */
async function cartAndStatusBarInView(step: string): Promise<void> {
  const unseen = await page.locator('aside.sell-side section.cart').evaluate((cart) =>
    [...cart.querySelectorAll('h3, li, button')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return at !== null && el.contains(at) ? [] : [(el.textContent ?? '').trim()];
    }),
  );
  expect(unseen, `${step}: cart out of view`).toEqual([]);
  const bar = await page.locator('footer.status-bar').evaluate((footer) => ({
    height: footer.getBoundingClientRect().height,
    pageWidth: document.scrollingElement?.scrollWidth ?? Infinity,
    innerWidth: window.innerWidth,
  }));
  expect(bar.height, `${step}: status bar lines`).toBeLessThanOrEqual(48);
  expect(bar.pageWidth, `${step}: page width`).toBeLessThanOrEqual(bar.innerWidth);
  expect(await page.getByRole('status', { name: 'App version' }).getAttribute('title')).toMatch(
    /^Version /,
  );
}

/**
 * Issue 10 build 1 on one step at 1280×800, measured in the page as it stands: (a) the amount
 * due (`.amount-due`) is on screen, wholly inside the viewport; (b) it is the largest text on
 * the screen — its font-size is above that of every other visible text; (c) every visible
 * button and input (select, summary, role=button) is a touch target at least 44 px tall (a
 * checkbox or radio inside a label by its label, which takes the touch). The seat map's seats
 * are not buttons here: they have their own ≥ 24 px rule (item 6).
 */
async function amountAndTargets(step: string): Promise<void> {
  expectAmountAndTargets(step, await measureScreen());
}

interface ScreenMeasure {
  readonly vw: number;
  readonly vh: number;
  readonly amountBoxes: { top: number; bottom: number; left: number; right: number }[];
  readonly amountSize: number;
  readonly other: { size: number; text: string };
  readonly small: string[];
}

async function measureScreen(): Promise<ScreenMeasure> {
  await page.locator('.amount-due').first().waitFor({ state: 'attached', timeout: 15_000 });
  return page.evaluate(() => {
    const shown = (e: Element): boolean => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true });
    };
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const amounts = [...document.querySelectorAll('.amount-due')].filter(shown);
    const amountBoxes = amounts.map((a) => {
      const r = a.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    });
    const amountSize = Math.max(0, ...amounts.map((a) => parseFloat(getComputedStyle(a).fontSize)));
    // Every other text on screen: a text node with letters whose own boxes fall in the window
    // (a visually hidden 1 px label is not on screen; neither is text scrolled out of a panel).
    let other = { size: 0, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const t = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (t === '' || el === null || !shown(el)) continue;
      if (amounts.some((a) => a.contains(el))) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 2 || box.height < 2) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const onScreen = [...range.getClientRects()].some(
        (r) =>
          r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw,
      );
      if (!onScreen) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size > other.size) other = { size, text: t.slice(0, 60) };
    }
    const small: string[] = [];
    for (const e of document.querySelectorAll(
      'button, input:not([type="hidden"]), select, textarea, summary, [role="button"]',
    )) {
      if (!shown(e)) continue;
      // A checkbox or radio in a label is hit through its whole label (label.choice).
      const tick = e instanceof HTMLInputElement && (e.type === 'radio' || e.type === 'checkbox');
      const r = ((tick ? e.closest('label') : null) ?? e).getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) continue;
      if (r.height < 44) {
        const name =
          e.getAttribute('aria-label') ||
          (e.textContent ?? '').trim().slice(0, 40) ||
          (e as HTMLInputElement).name;
        small.push(`${e.tagName.toLowerCase()} “${name}” ${r.height.toFixed(1)} px`);
      }
    }
    return { vw, vh, amountBoxes, amountSize, other, small };
  });
}

function expectAmountAndTargets(step: string, m: ScreenMeasure): void {
  expect(m.amountBoxes.length, `${step}: an amount due on screen`).toBeGreaterThan(0);
  for (const b of m.amountBoxes) {
    expect(b.top, `${step}: amount due top`).toBeGreaterThanOrEqual(0);
    expect(b.left, `${step}: amount due left`).toBeGreaterThanOrEqual(0);
    expect(b.bottom, `${step}: amount due bottom`).toBeLessThanOrEqual(m.vh);
    expect(b.right, `${step}: amount due right`).toBeLessThanOrEqual(m.vw);
  }
  expect(
    m.amountSize,
    `${step}: amount due ${m.amountSize}px vs “${m.other.text}” ${m.other.size}px`,
  ).toBeGreaterThan(m.other.size);
  expect(m.small, `${step}: touch targets under 44 px`).toEqual([]);
}

async function atSize(width: number, height: number, check: () => Promise<void>): Promise<void> {
  await page.setViewportSize({ width, height });
  try {
    await check();
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

const button = (name: RegExp) => page.getByRole('button', { name });
const confirmRefund = () => button(/^Confirm refund$/);
const findButton = () => button(/^Find$/);
const nextCustomer = () => button(/^Next customer$/);

async function sellGa(tier: string): Promise<string> {
  const sell = new SellPage(page);
  await page.keyboard.press('F1');
  await sell.pickPerformance(/^Sell Dnipro Lights/, 1);
  await button(new RegExp(`^One more ${tier}$`)).click();
  await page.getByText(/^1 ticket$/).waitFor();
  const quick = sell.quickCash();
  await quick.nth((await quick.count()) - 1).click();
  await sell.confirm();
  const done = sell.done().filter({ hasText: /Sale T1-\d{6} done/ });
  await done.waitFor({ timeout: 15_000 });
  const receipt = /T1-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
  await nextCustomer().click();
  return receipt;
}

/** The first amount in a line (₴1,080.00 → 1080). */
function amountIn(text: string): number {
  const m = /(\d[\d,]*\.\d{2})/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

interface StoredTicket {
  readonly id: string;
  readonly code: string;
  readonly seatId?: string;
}

describe('refund, exchange and shift at a busy window (issue 10)', () => {
  it('sell: the amount due in view and the largest text, touch targets ≥ 44 px', async () => {
    const sell = new SellPage(page);
    await page.keyboard.press('F1');
    await sell.pickPerformance(/^Sell The Forest Song/);
    await sell.toggleSeat(/^Row 12 seat 1, Stalls/);
    await sell.toggleSeat(/^Row 12 seat 2, Stalls/);
    await page.getByText(/^2 tickets$/).waitFor();
    await inView('sell: cart', button(/^Confirm sale/));
    await page.getByLabel('Cash received').focus();
    await cartAndStatusBarInView('sell: cart, cursor in Cash received');
    // Measured now, asserted once the sale is through (a failure leaves no seats in the cart).
    const measured = await measureScreen();
    const quick = sell.quickCash();
    await quick.nth((await quick.count()) - 1).click();
    await sell.confirm();
    await sell
      .done()
      .filter({ hasText: /Sale T1-\d{6} done/ })
      .waitFor({ timeout: 15_000 });
    await nextCustomer().click();
    expectAmountAndTargets('sell: cart', measured);
  }, 180_000);

  it('refund: each step’s confirm is in view at 1280×800, and at 1366×768 and 1920×1080', async () => {
    const receipt = await new SellPage(page).sellForCash(/^Sell The Forest Song/, [
      /^Row 8 seat 10, Stalls/,
      /^Row 8 seat 11, Stalls/,
    ]);
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await inView('refund: find', findButton());
    await refund.find(receipt);
    await refund.ticket(/row 8 seat 10\b/i).check();
    await expect.poll(() => refund.decision().textContent()).toMatch(/50/);
    await inView('refund: decision', confirmRefund());
    // The amount is in view and the largest text on screen; every control a finger's size.
    await amountAndTargets('refund: decision');
    await atSize(1366, 768, () => inView('refund: decision', confirmRefund()));
    await atSize(1920, 1080, () => inView('refund: decision', confirmRefund()));
    await refund.method(/^Cash/).check();
    await refund.confirm();
    await expect
      .poll(() => refund.done().textContent(), { timeout: 15_000 })
      .toMatch(/Refund T1-\d{6} done/);
    await inView('refund: done', nextCustomer());
    // F10 starts the next customer wherever the focus went (as on the sell screen).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('F10');
    // The next customer starts at the search field.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder') ?? ''))
      .not.toBe('');
  }, 180_000);

  it('a walk-up cash refund from a scanned ticket takes 2 keys after the scan (3 to the next customer)', async () => {
    await new SellPage(page).sellForCash(/^Sell The Forest Song/, [/^Row 9 seat 10, Stalls/]);
    const tickets = await readStore<StoredTicket>(page, 'tickets');
    const ticket = tickets.find((t) => t.seatId === 'stalls-9-10');
    // A scanner delivers the code whole unless it starts or ends with a space (see cashier-scan).
    expect(ticket?.code).toMatch(/^\S.*\S$/);
    const before = (await journalOf(page)).length;
    await page.keyboard.press('F2');
    const run = await walkUpCashRefund(page, app.stack, ticket!.code);
    expect(run.done).toMatch(/^Refund T1-\d{6} done/);
    expect(run.keysToRefund).toBe(2);
    expect(run.keysToNextCustomer).toBeLessThanOrEqual(4);
    const added = (await journalOf(page)).slice(before);
    const refundEntry = added.find((e) => e.type === 'refund');
    expect(refundEntry?.payload).toMatchObject({ method: 'cash' });
    expect(
      (refundEntry?.payload as { payouts: { kind: string }[] }).payouts.every(
        (p) => p.kind === 'cash',
      ),
    ).toBe(true);
  }, 180_000);

  it('a non-refundable ticket: Confirm disabled with the reason, and the policy’s exception offered', async () => {
    const receipt = await sellGa('Fan zone');
    const refund = new RefundPage(page);
    await page.keyboard.press('F2');
    await refund.find(receipt);
    await refund.ticket(/Fan zone/).check();
    await expect.poll(() => refund.decision().textContent()).toMatch(/refund/i);
    await inView('refund: non-refundable', confirmRefund());
    expect(await confirmRefund().isDisabled()).toBe(true);
    const why = page.locator('#refund-blocked');
    await expect.poll(() => why.textContent()).toMatch(/No refund/);
    expect(await confirmRefund().getAttribute('aria-describedby')).toBe('refund-blocked');
    // The strict policy lets a manager refund up to 50 % after the deadline: offered, in words.
    const exception = page.getByRole('group', { name: 'Refund as an exception' });
    expect(await exception.textContent()).toMatch(/up to 50% back, approved by a manager/);
    await exception.getByLabel(/^Reason for the exception/).fill('Flight cancelled');
    await exception.getByRole('button', { name: 'Ask for the exception' }).click();
    await expect
      .poll(() => exception.textContent())
      .toMatch(/Exception asked for: “Flight cancelled”/);
    await expect.poll(() => page.locator('.amount-due').textContent()).toMatch(/Refund .*[1-9]/);
    // Asked for, the exception still needs the manager: the approval then says so, not Confirm.
    await expect.poll(() => why.count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel refund' }).click();

    // The same ticket cannot be exchanged: the screen says why instead of offering shows.
    await page.keyboard.press('F3');
    const exchange = new ExchangePage(page);
    await exchange.find(receipt);
    await exchange.ticket(/Fan zone/).check();
    const reason = page.getByRole('status', { name: 'Why no performance can be chosen' });
    await expect
      .poll(() => reason.textContent(), { timeout: 15_000 })
      .toMatch(/sold as non-exchangeable/);
    expect(
      await page
        .getByRole('region', { name: 'Choose the new performance' })
        .getByRole('button')
        .count(),
    ).toBe(0);
  }, 180_000);

  it('exchange: only allowed performances, each step in view, and the change for ₴600 handed over', async () => {
    const receipt = await new SellPage(page).sellForCash(/^Sell The Forest Song/, [
      /^Row 10 seat 10, Stalls/,
    ]);
    const exchange = new ExchangePage(page);
    await page.keyboard.press('F3');
    await inView('exchange: find', findButton());
    await exchange.find(receipt);
    await exchange.ticket(/row 10 seat 10\b/i).check();
    // The standard policy: the same event only; the cancelled date is not offered at all.
    const offered = page
      .getByRole('region', { name: 'Choose the new performance' })
      .getByRole('button');
    await expect.poll(() => offered.count(), { timeout: 15_000 }).toBe(2);
    expect((await offered.allTextContents()).every((t) => t.startsWith('The Forest Song'))).toBe(
      true,
    );
    await new SellPage(page).pickPerformance(/^Sell The Forest Song/, 1);
    await new SellPage(page).toggleSeat(/^Row 5 seat 12, Stalls/);
    await expect.poll(() => exchange.quote().textContent()).toMatch(/Customer pays/);
    const due = amountIn((await exchange.quote().textContent()) ?? '');
    expect(due).toBeGreaterThan(0);
    expect(due).toBeLessThan(600);
    const confirm = button(/^Confirm exchange$/);
    await inView('exchange: settle', confirm);
    await amountAndTargets('exchange: settle');
    await atSize(1366, 768, () => inView('exchange: settle', confirm));
    await atSize(1920, 1080, () => inView('exchange: settle', confirm));
    await new SellPage(page).tenderCash('600');
    await exchange.confirmExchange();
    await expect
      .poll(() => exchange.done().textContent(), { timeout: 15_000 })
      .toMatch(/Exchange T1-\d{6} done/);
    const change = page.getByRole('status', { name: 'Change' });
    await expect.poll(() => change.textContent()).toMatch(/Cash received .*600\.00/);
    const changeDue = /Change due: (.*)$/.exec((await change.textContent()) ?? '')?.[1] ?? '';
    expect(amountIn(changeDue)).toBeCloseTo(600 - due, 2);
    await inView('exchange: done', nextCustomer());
  }, 180_000);

  it('a seat held by an exchange abandoned by closing the page is free when the till starts again', async () => {
    const receipt = await new SellPage(page).sellForCash(/^Sell The Forest Song/, [
      /^Row 11 seat 1, Stalls/,
    ]);
    const exchange = new ExchangePage(page);
    const sell = new SellPage(page);
    await page.keyboard.press('F3');
    await exchange.find(receipt);
    await exchange.ticket(/row 11 seat 1\b/i).check();
    await sell.pickPerformance(/^Sell The Forest Song/, 1);
    await sell.toggleSeat(/^Row 7 seat 10, Stalls/);
    await expect
      .poll(() => exchange.quote().textContent(), { timeout: 15_000 })
      .toMatch(/Customer pays|Customer gets|Even/);
    type Row = { state: string; holdId?: string; seatId: string };
    const heldNow = (await readStore<Row>(page, 'seatStates')).filter((r) => r.state === 'held');
    expect(heldNow).toHaveLength(1);
    // The page goes away mid-exchange, as when the window is closed.
    await page.close({ runBeforeUnload: false });
    page = await app.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.stack.pageUrl);
    await page.getByRole('button', { name: /^Sell F1/ }).waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => (await readStore<Row>(page, 'seatStates')).filter((r) => r.state === 'held'),
        { timeout: 15_000 },
      )
      .toHaveLength(0);
    await page.keyboard.press('F1');
    const fresh = new SellPage(page);
    await fresh.pickPerformance(/^Sell The Forest Song/, 1);
    await expect
      .poll(() => fresh.seat(/^Row 7 seat 10, Stalls/).getAttribute('aria-label'))
      .toMatch(/Available$/);
    await button(/^Change performance$/).click();
  }, 180_000);

  it('shift: blind count, bounded amounts in words, each task’s confirm in view', async () => {
    const shift = new ShiftPage(page);
    await page.keyboard.press('F9');
    await inView('shift: paid in/out/drop', button(/^Record cash movement$/));
    await shift.cashMovement(/^Paid in/, '1000000000000', 'Float top-up');
    const alert = page.getByRole('alert').first();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Amount: more than .*1,000,000\.00 is more than a drawer holds/);
    await shift.task('noSale');
    await inView('shift: no sale', shift.noSaleButton());
    // The X report shows the expected cash; the close task hides it until the count is in.
    await shift.task('movement');
    await button(/^Show X report$/).click();
    await expect
      .poll(() => shift.previewLines())
      .toContainEqual(expect.stringMatching(/^Expected cash/));
    await shift.task('close');
    await inView('shift: close', shift.closeButton());
    await atSize(1366, 768, () => inView('shift: close', shift.closeButton()));
    await atSize(1920, 1080, () => inView('shift: close', shift.closeButton()));
    expect(await page.getByText(/Expected cash|should (now )?hold/).count()).toBe(0);
    expect(await shift.preview().count()).toBe(0);
    expect(await button(/^(Show|Print) X report$/).count()).toBe(0);
    // A short count with no note: the message names the field and the fix, not the amount.
    await shift.fillClose('1', '');
    await shift.closeButton().click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/Type why in the Note field, then close again/);
    expect(await page.getByRole('alert').first().textContent()).not.toMatch(
      /Something entered is not valid|short by/,
    );
    // The count went to the close once: it is kept as typed and cannot be typed again, so the
    // message cannot be used to home in on the expected cash.
    const count = page.getByLabel(/blind count/);
    expect(await count.isEditable()).toBe(false);
    expect(await count.inputValue()).toBe('1');
    // With the note the short close asks a supervisor; in the dialog no "call a supervisor".
    await shift.fillClose('1', 'Counted twice, still short');
    await shift.closeButton().click();
    const approval = new ApprovalDialog(page);
    await approval.dialog().waitFor({ timeout: 15_000 });
    await approval.approve(/^Taras/, '9999');
    await expect
      .poll(() => approval.error().textContent(), { timeout: 15_000 })
      .toMatch(/Wrong PIN/);
    expect(await approval.dialog().textContent()).not.toMatch(/call a supervisor/i);
    await approval.approve(/^Taras/, '2222');
    // Closed: the Z shows the expected cash now, after the count was confirmed.
    await expect.poll(() => shift.previewLines(), { timeout: 15_000 }).toContain('Z REPORT');
    expect(await shift.previewLines()).toContainEqual(expect.stringMatching(/^Expected cash/));
    // The Z has gone to the printer (queued: this rig's printer is unreachable); the screen
    // takes one action at a time, so the next one waits for that answer.
    await expect
      .poll(() => shift.printNote().textContent(), { timeout: 30_000 })
      .toMatch(/Z report 0001 is (printed|waiting to print)/);
    // Opening again: a float of 1,000,000,000,000 is refused, naming the field.
    await inView('shift: open', button(/^Open shift$/));
    // Nothing typed is not a float of zero: refused in words, no shift opened.
    await page.getByLabel(/^Float counted into the drawer$/).fill('');
    await button(/^Open shift$/).click();
    await expect
      .poll(() => page.locator('.error-banner').first().textContent())
      .toMatch(/Float counted into the drawer: type an amount.*type 0 if the drawer is empty/);
    expect((await journalOf(page)).filter((e) => e.type === 'shift_open')).toHaveLength(1);
    await page.getByLabel(/^Float counted into the drawer$/).fill('1000000000000');
    await button(/^Open shift$/).click();
    // (The Z waiting for the printer is an alert too: the refusal is the error banner's.)
    await expect
      .poll(() => page.locator('.error-banner').first().textContent())
      .toMatch(/Float counted into the drawer: more than .*1,000,000\.00/);
    expect((await journalOf(page)).filter((e) => e.type === 'shift_open')).toHaveLength(1);
    console.log(`issue 10 page heights:\n  ${heights.join('\n  ')}`);
  }, 180_000);
});
