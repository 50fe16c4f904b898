import { join } from 'node:path';
import { z } from 'zod';
import { paymentIdSchema, paymentStatusSchema, type PaymentStatus } from '../../shared/ipc/payment';
import { readTextIfExists, writeFileDurable } from '../devices/durable-file';
import type { Quarantine } from '../services/quarantine';
import type { Logger } from '../services/logger';

/**
 * Main's durable record of every payment it asked the terminal for (`payments.json`). It is
 * written — file and folder fsynced — BEFORE a request goes to the terminal and after each
 * outcome, so a main that dies mid-payment finds the payment `pending`/`unknown` at its next
 * start and settles it with a status query instead of forgetting a possible charge.
 */
export const paymentLedgerFileName = 'payments.json';

export const paymentRecordSchema = paymentStatusSchema.extend({
  reference: z.string().min(1).max(80),
  originalPaymentId: paymentIdSchema.optional(),
  /** a reversal was asked for and not yet confirmed by the terminal: main keeps sending it */
  reversalPending: z.boolean().optional(),
  updatedAt: z.iso.datetime(),
});
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

const ledgerFileSchema = z.object({
  version: z.literal(1),
  payments: z.array(paymentRecordSchema),
});

/** Settled records older than this are dropped; the terminal's own journal keeps them too. */
const keepSettledMs = 90 * 24 * 60 * 60 * 1000;

export interface PaymentLedger {
  get(paymentId: string): PaymentRecord | undefined;
  all(): readonly PaymentRecord[];
  /** stores the record (replacing one with the same id) and returns once it is on disk */
  put(record: PaymentRecord): Promise<void>;
}

export async function openPaymentLedger(opts: {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly quarantine: Quarantine;
  readonly now: () => Date;
}): Promise<PaymentLedger> {
  const path = join(opts.dataDir, paymentLedgerFileName);
  const records = new Map<string, PaymentRecord>();
  const text = await readTextIfExists(path);
  if (text !== null) {
    const parsed = ledgerFileSchema.safeParse(safeJson(text));
    if (parsed.success) {
      for (const record of parsed.data.payments) records.set(record.paymentId, record);
    } else {
      // Never a silent fresh start: the file is kept for a technician and the log says that
      // payments open at the time must be checked on the terminal's own journal.
      await opts.quarantine.moveAside(path, 'payment records do not parse');
      opts.logger.error(
        'Payment records were damaged: check the card terminal journal for payments open before this start',
      );
    }
  }
  let writing: Promise<void> = Promise.resolve();

  function serialise(): string {
    const cutoff = opts.now().getTime() - keepSettledMs;
    const kept = [...records.values()].filter(
      (r) => !isSettled(r) || Date.parse(r.updatedAt) >= cutoff,
    );
    return JSON.stringify({ version: 1, payments: kept });
  }

  return {
    get: (id) => records.get(id),
    all: () => [...records.values()],
    put(record) {
      records.set(record.paymentId, record);
      // One write at a time, each with the latest map: the file never goes backwards.
      writing = writing.then(
        () => writeFileDurable(path, serialise()),
        () => writeFileDurable(path, serialise()),
      );
      return writing;
    },
  };
}

/** Nothing more will happen to it at the terminal (and no reversal is owed). */
export function isSettled(record: PaymentStatus & { reversalPending?: boolean }): boolean {
  return (
    record.state !== 'pending' && record.state !== 'unknown' && record.reversalPending !== true
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
