import { join } from 'node:path';
import { z } from 'zod';
import { roleSchema } from '../../shared/catalog/roles';
import { approvalBindingSchema } from '../../shared/commands/approval';
import { appendLineDurable, readTextIfExists, writeFileDurable } from '../devices/durable-file';
import type { Logger } from '../services/logger';
import type { Redemption } from './approval-tokens';

/**
 * Main's record of the approvals it redeemed, kept on disk. The page commits an approval
 * entry after main redeemed its token, and main checks that entry when the page reports it;
 * if main restarted in between (a crash, an update) an in-memory list would have forgotten
 * the redemption and the till would refuse its own genuine entry as forged. So each
 * redemption is appended (fsynced) before main answers, and read back at start.
 */
export const REDEMPTION_LEDGER = 'approval-redemptions.jsonl';

/** Redemptions remembered: far more than can wait between a commit and its report. */
export const REDEMPTIONS_KEPT = 1_000;

const tokenIdSchema = z.string().min(1).max(64);
const seqSchema = z.number().int().positive();

const redemptionSchema = z.strictObject({
  tokenId: tokenIdSchema,
  binding: approvalBindingSchema,
  approver: z.strictObject({
    staffId: z.string().min(1).max(64),
    role: roleSchema,
  }),
  /** Written when the file is compacted: the journal entry that spent it. */
  spentSeq: seqSchema.optional(),
});

/** Appended when main's journal anchor accepts the approval entry that spends a redemption. */
const spendSchema = z.strictObject({ spent: tokenIdSchema, seq: seqSchema });

export interface RedemptionLedger {
  /** The newest REDEMPTIONS_KEPT redemptions on file, oldest first. */
  readonly loaded: readonly Redemption[];
  /** Appends one redemption durably; resolves once it is on disk. */
  record(redemption: Redemption): Promise<void>;
  /** Appends that the approval entry at `seq` spent `tokenId`; resolves once it is on disk. */
  recordSpend(tokenId: string, seq: number): Promise<void>;
}

/**
 * Opens the ledger in `dataDir`. A torn or edited line is skipped and logged (a damaged line
 * never stops the till; the approval it held is then refused at report, which is the safe
 * side). A torn spend line can only be the last one, appended before the anchor moved its head:
 * the page reports that entry again and it spends the redemption again. A file grown past twice the kept number is rewritten with the newest ones only.
 */
export async function openRedemptionLedger(
  dataDir: string,
  logger: Logger,
): Promise<RedemptionLedger> {
  const path = join(dataDir, REDEMPTION_LEDGER);
  const text = (await readTextIfExists(path)) ?? '';
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const byToken = new Map<string, Redemption>();
  let skipped = 0;
  for (const line of lines) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const redemption = redemptionSchema.safeParse(json);
    const spend = redemption.success ? null : spendSchema.safeParse(json);
    if (redemption.success) byToken.set(redemption.data.tokenId, redemption.data);
    else if (spend?.success && byToken.has(spend.data.spent)) {
      byToken.set(spend.data.spent, {
        ...byToken.get(spend.data.spent)!,
        spentSeq: spend.data.seq,
      });
    } else skipped++;
  }
  const loaded = [...byToken.values()];
  if (skipped > 0) logger.warn(`Approval ledger: ${skipped} damaged line(s) skipped in ${path}`);
  const kept = loaded.slice(-REDEMPTIONS_KEPT);
  if (lines.length > 2 * REDEMPTIONS_KEPT) {
    await writeFileDurable(path, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  // A torn last line has no newline: the next record starts on a line of its own.
  let torn = text.length > 0 && !text.endsWith('\n');
  const append = async (value: unknown): Promise<void> => {
    await appendLineDurable(path, `${torn ? '\n' : ''}${JSON.stringify(value)}`);
    torn = false;
  };
  return {
    loaded: kept,
    record: (redemption) => append(redemption),
    recordSpend: (tokenId, seq) => append({ spent: tokenId, seq }),
  };
}
