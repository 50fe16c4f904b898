import { join } from 'node:path';
import { appendLineDurable, readTextIfExists } from './durable-file';

/**
 * Every drawer opening, fsynced before we report it: the key (`sale:<id>`, `void:<journal ref>` or
 * `no_sale:<journal ref>`) makes a second request for the same sale a no-op, even after a
 * restart, so one sale never opens the drawer twice.
 */
export class DrawerLog {
  private readonly keys = new Set<string>();

  private constructor(private readonly path: string) {}

  static async open(dataDir: string): Promise<DrawerLog> {
    const log = new DrawerLog(join(dataDir, 'drawer-log.jsonl'));
    const text = await readTextIfExists(log.path);
    // A crash mid-append can leave a torn last line; end it so the next entry starts clean.
    if (text && !text.endsWith('\n')) await appendLineDurable(log.path, '');
    for (const line of (text ?? '').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { key?: unknown; state?: unknown };
        if (typeof entry.key !== 'string') continue;
        if (entry.state === 'failed') log.keys.delete(entry.key);
        else log.keys.add(entry.key);
      } catch {
        // a torn last line from a crash mid-append: that opening was never acknowledged
      }
    }
    return log;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * Claims the key before the kick is sent (`sending`), and releases it only when the printer
   * provably did not take the kick (`failed`). A crash in between leaves the key claimed: we
   * would rather make the cashier do a logged no-sale open than open the drawer twice.
   */
  async claim(key: string, at: Date): Promise<boolean> {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    await appendLineDurable(
      this.path,
      JSON.stringify({ key, state: 'sending', at: at.toISOString() }),
    );
    return true;
  }

  async release(key: string, at: Date): Promise<void> {
    await appendLineDurable(
      this.path,
      JSON.stringify({ key, state: 'failed', at: at.toISOString() }),
    );
    this.keys.delete(key);
  }
}
