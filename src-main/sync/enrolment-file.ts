import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists } from '../devices/durable-file';
import { writeJsonAtomic } from '../services/json-file';
import { parseJsonSafely } from '../services/quarantine';

/**
 * The till's enrolment with a server: where the server is, which venue and terminal the till
 * is, and its bearer token. Main's alone: the page never reads this file or the token (it asks
 * main to sync), and the file is created readable by its owner only (0600).
 */
export const enrolmentFileName = 'sync-enrolment.json';

const enrolmentFileSchema = z.strictObject({
  v: z.literal(1),
  server: z.url(),
  venueId: z.string().min(1),
  terminalId: z.string().min(1),
  token: z.string().min(1),
  enrolledAt: z.string(),
});
export type Enrolment = z.infer<typeof enrolmentFileSchema>;

/** An enrolment file that exists but cannot be read: the till must not quietly stop syncing. */
export class EnrolmentFileError extends Error {
  override name = 'EnrolmentFileError';
}

export async function loadEnrolment(dataDir: string): Promise<Enrolment | null> {
  const path = join(dataDir, enrolmentFileName);
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const json = parseJsonSafely(text);
  const parsed = json.ok ? enrolmentFileSchema.safeParse(json.value) : null;
  if (!parsed?.success) {
    throw new EnrolmentFileError(
      `The server enrolment at ${path} is unreadable. Restore the file, or delete it and enrol the till again with a code from a manager.`,
    );
  }
  return parsed.data;
}

export async function saveEnrolment(
  dataDir: string,
  enrolment: Omit<Enrolment, 'v'>,
): Promise<Enrolment> {
  const record: Enrolment = { v: 1, ...enrolment };
  await writeJsonAtomic(join(dataDir, enrolmentFileName), record, { mode: 0o600 });
  return record;
}
