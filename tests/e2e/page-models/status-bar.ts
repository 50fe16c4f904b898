import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The status bar as the cashier reads it all day, measured in the page as it stands: every
 * item is shown in full — none cut short with an ellipsis (its text wider than its box) nor
 * clipped by its line's edge — and the two lines stay in the height the language switch's
 * touch target takes (≤ 48 px). The version is for support, not the cashier: it alone may give
 * way (its words are in its tooltip). A warning sentence that takes a line of its own is
 * measured like the rest.
 */
export async function expectStatusBarReadable(page: Page, step: string): Promise<void> {
  const m = await page.locator('footer.status-bar').evaluate((bar) => {
    const items = [...bar.querySelectorAll('[role="status"], [role="alert"]')].filter(
      (el) => !el.classList.contains('version'),
    );
    return {
      height: bar.getBoundingClientRect().height,
      banners: bar.querySelectorAll('.status-banner, .load-banner').length,
      barRight: bar.getBoundingClientRect().right,
      innerWidth: window.innerWidth,
      items: items.map((el) => (el.textContent ?? '').trim()),
      // Cut short: its box narrower than its words laid out at full width (a copy of it, out of
      // the flow, on the same line). scrollWidth alone misses a sub-pixel squeeze, and a
      // quarter of a pixel less already turns "Last sync 12:05 PM" into "Last sync 12:05 …".
      cut: items
        .filter((el) => {
          const line = (el.parentElement ?? bar).getBoundingClientRect();
          const box = el.getBoundingClientRect();
          // A warning sentence on a line of its own wraps by design: only its edges count.
          if (el.matches('.status-banner, .load-banner'))
            return el.scrollWidth > el.clientWidth || box.right > line.right + 0.5;
          const copy = el.cloneNode(true) as HTMLElement;
          copy.removeAttribute('role');
          copy.setAttribute('aria-hidden', 'true');
          copy.style.cssText = 'position:absolute;visibility:hidden;width:max-content;';
          el.after(copy);
          const full = copy.getBoundingClientRect().width;
          copy.remove();
          return (
            box.width + 0.05 < full ||
            el.scrollWidth > el.clientWidth ||
            box.right > line.right + 0.5 ||
            box.width < 1
          );
        })
        .map((el) => `${el.getAttribute('aria-label') ?? ''}: ${(el.textContent ?? '').trim()}`),
    };
  });
  expect(m.cut, `${step}: status items cut short (of ${m.items.join(' | ')})`).toEqual([]);
  expect(m.barRight, `${step}: status bar width`).toBeLessThanOrEqual(m.innerWidth);
  if (m.banners === 0) expect(m.height, `${step}: status bar height`).toBeLessThanOrEqual(48);
}
