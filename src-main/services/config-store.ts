import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  applyConfigPatch,
  defaultTerminalConfig,
  terminalConfigSchema,
  type TerminalConfig,
  type TerminalConfigPatch,
} from '../../shared/ipc/terminal-config';
import type { Logger } from './logger';
import type { Quarantine } from './quarantine';

export type ConfigListener = (config: TerminalConfig) => void;

/** The terminal config, kept in memory and persisted as JSON under the data dir. */
export type ConfigStore = {
  readonly path: string;
  get(): TerminalConfig;
  update(patch: TerminalConfigPatch): Promise<TerminalConfig>;
  onChange(listener: ConfigListener): () => void;
};

export const configFileName = 'terminal-config.json';

export async function openConfigStore(
  dataDir: string,
  logger: Logger,
  quarantine?: Quarantine,
): Promise<ConfigStore> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, configFileName);
  let current = await load(path, logger, quarantine);
  const listeners = new Set<ConfigListener>();
  // Serialises writes so two quick config.set calls cannot interleave their renames.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    path,
    get: () => current,
    update(patch) {
      const next = queue.then(async () => {
        const updated = terminalConfigSchema.parse(applyConfigPatch(current, patch));
        await writeJsonAtomic(path, updated);
        current = updated;
        for (const listener of [...listeners]) listener(updated);
        return updated;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

async function load(
  path: string,
  logger: Logger,
  quarantine: Quarantine | undefined,
): Promise<TerminalConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return defaultTerminalConfig;
    throw cause;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = terminalConfigSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  if (quarantine) {
    await quarantine.moveAside(
      path,
      json === undefined ? 'not JSON (torn or overwritten)' : 'not terminal settings',
    );
    return defaultTerminalConfig;
  }
  // Keep the unreadable file for a technician instead of overwriting it on the next save.
  const aside = `${path}.invalid-${Date.now()}`;
  await rename(path, aside);
  logger.warn(
    `terminal config at ${path} was invalid; moved to ${aside} and using defaults`,
    parsed.error ? z.prettifyError(parsed.error) : undefined,
  );
  return defaultTerminalConfig;
}

/** Write-then-rename with an fsync, so a crash leaves either the old or the new file, never half. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const handle = await open(tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}
