import { join } from 'node:path';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { enrolResponseSchema } from '../../shared/sync/contract';
import { readTextIfExists } from '../devices/durable-file';
import { headFileName } from '../services/journal-anchor';
import type { Logger } from '../services/logger';
import { parseJsonSafely } from '../services/quarantine';
import { adoptEnrolledTerminalId, loadTerminalKey } from '../services/terminal-identity';
import { loadEnrolment, saveEnrolment, type Enrolment } from './enrolment-file';
import { createServerClient } from './server-client';

/** How the till is told to enrol: a launch option of main, never something the page can send. */
export interface SyncLaunchOptions {
  /** The central server's base URL. */
  readonly server: string;
  /** A manager's one-time code: the till enrols at start unless it is enrolled already. */
  readonly enrol?: { readonly venueId: string; readonly code: string; readonly name?: string };
  /** Tests: a stand-in fetch (e.g. through a proxy). */
  readonly fetch?: typeof fetch;
}

export type EnrolmentAtStart =
  | { readonly enrolment: Enrolment; readonly error: null }
  | { readonly enrolment: null; readonly error: string | null };

/** Entries main has anchored for this data folder (0 when there is no head file yet). */
async function anchoredEntries(dataDir: string): Promise<number> {
  const text = await readTextIfExists(join(dataDir, headFileName));
  if (text === null) return 0;
  const json = parseJsonSafely(text);
  const seq = json.ok ? (json.value as { head?: { seq?: unknown } }).head?.seq : undefined;
  // An unreadable head is the anchor's to report; for enrolment it means "not known empty".
  return typeof seq === 'number' ? seq : Number.POSITIVE_INFINITY;
}

/**
 * Runs before the services open, because enrolment may give the till its terminal id (the
 * server numbers tills per venue: `<venue>-T01`…) and the journal anchor is opened under that
 * id. A failure is reported, not thrown: the till still starts and sells offline, and the
 * status bar says it is not connected and why.
 */
export async function enrolAtStart(
  dataDir: string,
  logger: Logger,
  launch: SyncLaunchOptions | undefined,
): Promise<EnrolmentAtStart> {
  const existing = await loadEnrolment(dataDir);
  if (existing !== null) {
    if (launch !== undefined && launch.server.replace(/\/+$/, '') !== existing.server) {
      logger.warn(
        `sync: enrolled with ${existing.server}; the launch option ${launch.server} is ignored (enrol again to move the till)`,
      );
    }
    return { enrolment: existing, error: null };
  }
  if (launch?.enrol === undefined) return { enrolment: null, error: null };
  const entries = await anchoredEntries(dataDir);
  if (entries > 0) {
    return {
      enrolment: null,
      error:
        'This till already has journal entries under its own terminal id, so it cannot take the id a server assigns. Enrol a till with an empty journal.',
    };
  }
  const seed = await loadTerminalKey(dataDir, logger);
  const client = createServerClient({
    server: launch.server,
    ...(launch.fetch ? { fetch: launch.fetch } : {}),
  });
  const { venueId, code, name } = launch.enrol;
  const request = {
    method: 'POST' as const,
    path: '/api/enrol',
    answer: enrolResponseSchema,
    body: {
      venueId,
      code,
      publicKey: Buffer.from(publicKeyFromSeed(seed)).toString('base64'),
      ...(name === undefined ? {} : { name }),
    },
  };
  // The server may still be starting beside the till (npm start): a few tries, a second apart.
  let answer = await client.send(request);
  for (
    let attempt = 1;
    attempt < 5 && !answer.ok && answer.error.code === 'unavailable';
    attempt++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    answer = await client.send(request);
  }
  if (!answer.ok) {
    logger.error(`sync: enrolment with ${client.server} failed: ${answer.error.message}`);
    return { enrolment: null, error: `Enrolment failed: ${answer.error.message}` };
  }
  // Identity first: a crash before the enrolment file is written leaves an unenrolled till
  // under the new id (enrol again with a new code), never an enrolment under the wrong id.
  await adoptEnrolledTerminalId(dataDir, answer.value.terminalId);
  const enrolment = await saveEnrolment(dataDir, {
    server: client.server,
    venueId: answer.value.venue.id,
    terminalId: answer.value.terminalId,
    token: answer.value.token,
    enrolledAt: new Date().toISOString(),
  });
  logger.info(`sync: enrolled with ${client.server} as ${enrolment.terminalId}`);
  return { enrolment, error: null };
}
