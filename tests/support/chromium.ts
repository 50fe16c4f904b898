import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium with a persistent profile (a non-persistent context keeps IndexedDB in
 * memory, so durability and reload tests need this). Shared by every e2e test.
 */
export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.BOX_OFFICE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
