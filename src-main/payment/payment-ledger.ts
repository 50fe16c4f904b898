import { join } from 'node:path';
import { z } from 'zod';
import { paymentIdSchema, paymentStatusSchema, type PaymentStatus } from '../../shared/ipc/payment';
import { copyFile } from 'node:fs/promises';
import { appendLineDurable, readTextIfExists, writeFileDurable } from '../devices/durable-file';
import type { Quarantine } from '../services/quarantine';
import type { Logger } from '../services/logger';

/**
 * Main's durable record of every payment it asked the terminal for (`payments.jsonl`): each
 * change is one line — the whole record — appended and fsynced BEFORE a request goes to the
 * terminal and after each outcome, so a main that dies mid-payment finds the payment
 * `pending`/`unknown` at its next start and settles it with a status query instead of
 * forgetting a possible charge. Appending keeps a write as small as one record however many
 * payments the kiosk has taken; the file is compacted (atomic rewrite) at start and when it
 * has grown to several lines per payment.
 */
export const paymentLedgerFileName = 'payments.jsonl';

export const paymentRecordSchema = paymentStatusSchema.extend({
  reference: z.string().min(1).max(80),
  originalPaymentId: paymentIdSchema.optional(),
  /** a reversal was asked for and not yet confirmed by the terminal: main keeps sending it */
  reversalPending: z.boolean().optional(),
  updatedAt: z.iso.datetime(),
});
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

/**
 * Settled records older than this are dropped at compaction: a repeated start of the same id
 * is answered from here for that long (and the terminal keeps its own journal beyond it).
 */
const keepSettledMs = 30 * 24 * 60 * 60 * 1000;

export interface PaymentLedger {
  get(paymentId: string): PaymentRecord | undefined;
  all(): readonly PaymentRecord[];
  /** stores the record (replacing one with the same id) and returns once it is on disk */
  put(record: PaymentRecord): Promise<void>;
  /** resolves once every record put so far is on disk */
  flushed(): Promise<void>;
}

export async function openPaymentLedger(opts: {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly quarantine: Quarantine;
  readonly now: () => Date;
}): Promise<PaymentLedger> {
  const path = join(opts.dataDir, paymentLedgerFileName);
  const records = new Map<string, PaymentRecord>();
  const lines = ((await readTextIfExists(path)) ?? '').split('\n').filter((l) => l !== '');
  const damaged = lines.filter((line) => {
    const parsed = paymentRecordSchema.safeParse(safeJson(line));
    if (parsed.success) records.set(parsed.data.paymentId, parsed.data);
    return !parsed.success;
  });
  if (damaged.length > 0) {
    // Never a silent fresh start: the file as it was goes to a technician, and the log says
    // that a payment open at the time must be checked on the terminal's own journal.
    await copyFile(path, `${path}.damaged`);
    await opts.quarantine.moveAside(
      `${path}.damaged`,
      `${damaged.length} payment line(s) do not parse`,
    );
    opts.logger.error(
      'Payment records were damaged: check the card terminal journal for payments open before this start',
    );
  }
  let writing: Promise<void> = Promise.resolve();
  let appended = 0;

  async function compact(): Promise<void> {
    const cutoff = opts.now().getTime() - keepSettledMs;
    for (const [id, r] of records) {
      if (isSettled(r) && Date.parse(r.updatedAt) < cutoff) records.delete(id);
    }
    const text = [...records.values()].map((r) => `${JSON.stringify(r)}\n`).join('');
    await writeFileDurable(path, text);
    appended = 0;
  }
  if (lines.length > 0) await compact();

  return {
    get: (id) => records.get(id),
    all: () => [...records.values()],
    put(record) {
      records.set(record.paymentId, record);
      // One write at a time, in order: the last line of a payment is its latest state.
      const next = async () => {
        if (appended > 4 * records.size + 100) return compact();
        await appendLineDurable(path, JSON.stringify(record));
        appended += 1;
      };
      writing = writing.then(next, next);
      return writing;
    },
    flushed: () => writing.catch(() => undefined),
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
