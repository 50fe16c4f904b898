import { mkdirSync } from 'node:fs';
import { openPgliteDb } from './pglite-db';
import type { Db } from './port';
import { openPostgresDb } from './postgres-db';

export type DbConfig =
  | { readonly kind: 'postgres'; readonly url: string }
  /** A folder path, or `memory://` for a database that lives as long as the process. */
  | { readonly kind: 'pglite'; readonly dataDir: string };

export async function openDb(config: DbConfig): Promise<Db> {
  if (config.kind === 'postgres') return openPostgresDb(config.url);
  if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
  return openPgliteDb(config.dataDir);
}
