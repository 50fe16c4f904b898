import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { indexedDbSwitch } from '../../src-main/electron/indexeddb-store';

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
      // The product's IndexedDB store (SQLite for a new profile), as every till window has it.
      indexedDbSwitch,
    ],
  });
}

export interface IndexedDbStores {
  /** origins (Chromium's folder names) whose IndexedDB is on the SQLite backing store */
  readonly sqlite: readonly string[];
  /** … and on LevelDB */
  readonly leveldb: readonly string[];
}

/**
 * Which backing store each origin's IndexedDB is on, read from the profile's folders:
 * LevelDB keeps `<origin>.indexeddb.leveldb` (and `.indexeddb.blob`), SQLite a plain
 * `<origin>` folder of database files. A bench or test says what it measured with this.
 */
export async function indexedDbStores(profileDir: string): Promise<IndexedDbStores> {
  const folder = join(profileDir, 'Default', 'IndexedDB');
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  return {
    leveldb: dirs
      .filter((d) => d.endsWith('.indexeddb.leveldb'))
      .map((d) => d.slice(0, -'.indexeddb.leveldb'.length)),
    sqlite: dirs.filter((d) => !d.includes('.indexeddb.')),
  };
}
