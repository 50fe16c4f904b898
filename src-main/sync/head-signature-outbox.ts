import { join } from 'node:path';
import { z } from 'zod';
import type { SignedHead } from '../../shared/journal/anchor';
import type { HeadSignatureRequest } from '../../shared/sync/contract';
import { headSignatureRequestSchema } from '../../shared/sync/contract';
import { readTextIfExists } from '../devices/durable-file';
import { writeJsonAtomic } from '../services/json-file';
import type { Logger } from '../services/logger';
import { parseJsonSafely } from '../services/quarantine';

export const headSignatureOutboxFileName = 'z-signatures-pending.json';

const fileSchema = z.strictObject({ pending: z.array(headSignatureRequestSchema) });

/**
 * The Z head signatures main made (`journal.signHead`) and the server has not answered yet
 * (issue 11 item 8). A Z is often closed offline, and its signature is made after the shift
 * close was sealed, so it travels on its own (`POST /api/sync/head-signature`) once the
 * server holds the chain up to its seq. Kept in main's data folder, written before the Z's
 * code is handed to the page, so a restart before the till is back online loses none.
 */
export interface HeadSignatureOutbox {
  add(signed: SignedHead): Promise<void>;
  /** The signatures whose seq the server's chain has reached (`serverHeadSeq`). */
  due(serverHeadSeq: number): readonly HeadSignatureRequest[];
  /** Answered by the server (verified or raised there): no longer sent. */
  done(sent: HeadSignatureRequest): Promise<void>;
}

export async function openHeadSignatureOutbox(
  dataDir: string,
  logger: Logger,
): Promise<HeadSignatureOutbox> {
  const path = join(dataDir, headSignatureOutboxFileName);
  const text = await readTextIfExists(path);
  const json = text === null ? null : parseJsonSafely(text);
  const parsed = json?.ok ? fileSchema.safeParse(json.value) : null;
  if (text !== null && !parsed?.success) {
    // Not worth refusing to start over: the Z slips carry their codes on paper, and main's
    // log holds every signature it made (journal-anchor.ts).
    logger.warn(`${headSignatureOutboxFileName} is unreadable; pending Z signatures dropped`);
  }
  let pending: HeadSignatureRequest[] = parsed?.success ? parsed.data.pending : [];
  const save = () => writeJsonAtomic(path, { pending });
  const same = (a: HeadSignatureRequest, b: HeadSignatureRequest) =>
    a.head.seq === b.head.seq && a.signature === b.signature;

  return {
    async add({ head, signature }) {
      // The genesis head (a Z with nothing journalled) has no entry to be checked against.
      if (head.seq === 0) return;
      const request = {
        head: { seq: head.seq, hash: head.hash, lastReceiptNo: head.lastReceiptNo },
        signature,
      };
      if (pending.some((p) => same(p, request))) return;
      pending = [...pending, request];
      await save();
    },
    due: (serverHeadSeq) => pending.filter((p) => p.head.seq <= serverHeadSeq),
    async done(sent) {
      pending = pending.filter((p) => !same(p, sent));
      await save();
    },
  };
}
