import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { terminalIdSchema } from '../../shared/ipc/terminal-config';
import { writeJsonAtomic } from './json-file';
import type { Logger } from './logger';

/**
 * The terminal's identity, owned by main: generated once on first start, persisted beside
 * (not inside) the device settings, and never settable by the page. Later, enrolment with
 * the server replaces the generated id. A journal entry is keyed by (terminal, seq), so two
 * installs must never share an id: 40 random bits make a collision between two tills of a
 * venue practically impossible, where a fixed default made it certain.
 */

export const identityFileName = 'terminal-identity.json';

const identityFileSchema = z.strictObject({
  terminalId: terminalIdSchema,
  createdAt: z.string(),
});

/** Crockford base32: no I, L, O or U, so a technician can read an id aloud without doubt. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `T-` + 8 Crockford base32 characters from 40 random bits (5 bytes). */
export function newTerminalId(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let id = '';
  for (let i = 7; i >= 0; i--) id += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `T-${id}`;
}

/** An identity file that exists but cannot be read: the till must not silently become another. */
export class TerminalIdentityError extends Error {
  override name = 'TerminalIdentityError';
}

/**
 * Reads the terminal id, creating it on first start. `legacyId` is the id an older install
 * kept in its device settings file (when it had set one): it is adopted so that till's
 * journal stays its own.
 */
export async function loadTerminalId(
  dataDir: string,
  logger: Logger,
  legacyId?: string,
  random?: (n: number) => Uint8Array,
): Promise<string> {
  const path = join(dataDir, identityFileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    const terminalId = legacyId ?? newTerminalId(random);
    await writeJsonAtomic(path, { terminalId, createdAt: new Date().toISOString() });
    logger.info(`terminal identity ${terminalId} ${legacyId ? 'adopted' : 'created'} at ${path}`);
    return terminalId;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = identityFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new TerminalIdentityError(
      `The terminal identity at ${path} is unreadable. The till will not start as a new terminal on its own: restore the file or re-enrol the till.`,
    );
  }
  return parsed.data.terminalId;
}

/**
 * The terminal's Ed25519 key, held by main (the page never sees it): it signs the journal's
 * head at every Z report. Created with the first signature; the page's ticket-signing key in
 * IndexedDB is a separate key (see docs/DESIGN.md).
 */
export const terminalKeyFileName = 'terminal-key.json';

const keyFileSchema = z.strictObject({
  seed: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});

export async function loadTerminalKey(
  dataDir: string,
  logger: Logger,
  random: (n: number) => Uint8Array = randomBytes,
): Promise<Uint8Array> {
  const path = join(dataDir, terminalKeyFileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    const seed = Uint8Array.from(random(32));
    // The seed is the terminal's private key: readable by its owner only (0600).
    await writeJsonAtomic(
      path,
      { seed: Buffer.from(seed).toString('hex'), createdAt: new Date().toISOString() },
      { mode: 0o600 },
    );
    logger.info(`terminal signing key created at ${path}`);
    return seed;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    // A new key would sign heads no printed Z can be checked against: a technician decides.
    throw new TerminalIdentityError(
      `The terminal signing key at ${path} is unreadable. Restore the file or re-enrol the till.`,
    );
  }
  return Uint8Array.from(Buffer.from(parsed.data.seed, 'hex'));
}

/**
 * Takes the terminal id a server assigned at enrolment. Only for a till whose journal is still
 * empty (the caller checks main's head): a journal entry is keyed by (terminal, seq), so a till
 * with entries keeps the id they were sealed under.
 */
export async function adoptEnrolledTerminalId(dataDir: string, terminalId: string): Promise<void> {
  await writeJsonAtomic(join(dataDir, identityFileName), {
    terminalId: terminalIdSchema.parse(terminalId),
    createdAt: new Date().toISOString(),
  });
}
