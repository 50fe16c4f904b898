import { mkdir, rename } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { QuarantinedFile } from '../../shared/ipc/health';
import type { Logger } from './logger';

/**
 * A damaged file never stops the till. Whatever main reads at start (print jobs, printer and
 * terminal settings) that does not parse is moved — not deleted, a technician may want it — to
 * `<data>/quarantine/<timestamp>-<name>`, logged, and listed for `health.get`; start goes on.
 */
export interface Quarantine {
  moveAside(path: string, reason: string): Promise<void>;
  list(): QuarantinedFile[];
}

export function createQuarantine(
  dataDir: string,
  logger: Logger,
  now: () => Date = () => new Date(),
): Quarantine {
  const found: QuarantinedFile[] = [];
  const dir = join(dataDir, 'quarantine');
  return {
    async moveAside(path, reason) {
      const at = now().toISOString();
      // Colons are not allowed in Windows file names.
      const target = join(dir, `${at.replace(/[:.]/g, '-')}-${basename(path)}`);
      await mkdir(dir, { recursive: true });
      await rename(path, target);
      const entry = {
        file: relative(dataDir, path),
        movedTo: relative(dataDir, target),
        reason,
        at,
      };
      found.push(entry);
      logger.warn(`Damaged file moved to quarantine: ${entry.file} (${reason})`, entry);
    },
    list: () => [...found],
  };
}

/**
 * Parses `text` as JSON without throwing: a torn write or random bytes is a damaged file,
 * not a reason to crash.
 */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
