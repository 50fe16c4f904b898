import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  applyConfigPatch,
  defaultDeviceSettings,
  deviceSettingsSchema,
  terminalIdSchema,
  type DeviceSettings,
  type TerminalConfig,
  type TerminalConfigPatch,
} from '../../shared/ipc/terminal-config';
import { writeJsonAtomic } from './json-file';
import type { Logger } from './logger';
import type { Quarantine } from './quarantine';
import { loadTerminalId } from './terminal-identity';

export { writeJsonAtomic } from './json-file';

export type ConfigListener = (config: TerminalConfig) => void;

/**
 * The terminal config: the device settings (kept in memory and persisted as JSON under the
 * data dir) plus the terminal id, which main owns (terminal-identity.ts) and no patch changes.
 */
export type ConfigStore = {
  readonly path: string;
  get(): TerminalConfig;
  update(patch: TerminalConfigPatch): Promise<TerminalConfig>;
  onChange(listener: ConfigListener): () => void;
};

export const configFileName = 'terminal-config.json';

/** Files written before main owned the id may still carry a `terminalId`: read, then dropped. */
const storedSettingsSchema = deviceSettingsSchema.extend({
  terminalId: terminalIdSchema.optional(),
});

export async function openConfigStore(
  dataDir: string,
  logger: Logger,
  options: {
    /** Where a settings file that does not parse is moved (and reported); start goes on. */
    readonly quarantine?: Quarantine;
    readonly random?: (n: number) => Uint8Array;
  } = {},
): Promise<ConfigStore> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, configFileName);
  const loaded = await load(path, logger, options.quarantine);
  const terminalId = await loadTerminalId(dataDir, logger, loaded.legacyTerminalId, options.random);
  let settings = loaded.settings;
  const current = (): TerminalConfig => ({ terminalId, ...settings });
  const listeners = new Set<ConfigListener>();
  // Serialises writes so two quick config.set calls cannot interleave their renames.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    path,
    get: current,
    update(patch) {
      const next = queue.then(async () => {
        const updated = deviceSettingsSchema.parse(applyConfigPatch(settings, patch));
        await writeJsonAtomic(path, updated);
        settings = updated;
        const config = current();
        for (const listener of [...listeners]) listener(config);
        return config;
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
): Promise<{ settings: DeviceSettings; legacyTerminalId?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      return { settings: defaultDeviceSettings };
    throw cause;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = storedSettingsSchema.safeParse(json);
  if (parsed.success) {
    const { terminalId, ...settings } = parsed.data;
    return terminalId === undefined ? { settings } : { settings, legacyTerminalId: terminalId };
  }
  if (quarantine) {
    await quarantine.moveAside(
      path,
      json === undefined ? 'not JSON (torn or overwritten)' : 'not terminal settings',
    );
    return { settings: defaultDeviceSettings };
  }
  // Keep the unreadable file for a technician instead of overwriting it on the next save.
  const aside = `${path}.invalid-${Date.now()}`;
  await rename(path, aside);
  logger.warn(
    `terminal config at ${path} was invalid; moved to ${aside} and using defaults`,
    parsed.error ? z.prettifyError(parsed.error) : undefined,
  );
  return { settings: defaultDeviceSettings };
}
