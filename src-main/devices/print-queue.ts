import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { slipDocumentSchema, type SlipDocument } from '../../shared/slips/document';
import { parseJsonSafely, type Quarantine } from '../services/quarantine';
import { readTextIfExists, removeIfExists, writeFileDurable } from './durable-file';

/**
 * The durable print queue: one JSON file per job under `<dataDir>/print-queue`, written
 * (fsync + rename) before the first byte goes to the printer. A job is keyed by its jobId,
 * so asking twice never prints twice; it stays `queued` until the printer confirms it
 * printed everything, and survives a restart of the service or the whole machine.
 */

const jobRecordSchema = z.object({
  jobId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  /** monotonic per queue, so jobs print in the order they were asked for */
  seq: z.number().int(),
  document: slipDocumentSchema,
  copy: z.boolean(),
  reprintOf: z.string().optional(),
  state: z.enum(['queued', 'printed']),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  printedAt: z.string().optional(),
});

export type PrintJobRecord = z.infer<typeof jobRecordSchema>;

export interface NewJob {
  readonly jobId: string;
  readonly document: SlipDocument;
  readonly copy: boolean;
  readonly reprintOf?: string;
}

export class PrintQueue {
  private readonly jobs = new Map<string, PrintJobRecord>();
  private seq = 0;

  private constructor(
    private readonly dir: string,
    private readonly now: () => Date,
  ) {}

  static async open(
    dataDir: string,
    now: () => Date = () => new Date(),
    quarantine?: Quarantine,
  ): Promise<PrintQueue> {
    const queue = new PrintQueue(join(dataDir, 'print-queue'), now);
    await queue.load(quarantine);
    return queue;
  }

  private async load(quarantine: Quarantine | undefined): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const text = await readTextIfExists(join(this.dir, name));
      if (text === null) continue;
      const json = parseJsonSafely(text);
      const parsed = json.ok ? jobRecordSchema.safeParse(json.value) : null;
      // We write job files whole (temp + rename; temp files end in .tmp), so one that does not
      // parse, or names another job, is damage: set it aside and keep the rest of the queue.
      if (!parsed?.success || `${parsed.data.jobId}.json` !== name) {
        const reason = !json.ok
          ? 'not JSON (torn or overwritten)'
          : parsed && !parsed.success
            ? 'not a print job record'
            : 'its job id does not match its file name';
        await quarantine?.moveAside(join(this.dir, name), reason);
        continue;
      }
      this.jobs.set(parsed.data.jobId, parsed.data);
      this.seq = Math.max(this.seq, parsed.data.seq);
    }
  }

  get(jobId: string): PrintJobRecord | undefined {
    return this.jobs.get(jobId);
  }

  /** Adds a job unless one with this id exists; returns the stored record either way. */
  async enqueue(job: NewJob): Promise<{ record: PrintJobRecord; created: boolean }> {
    const existing = this.jobs.get(job.jobId);
    if (existing) return { record: existing, created: false };
    this.seq += 1;
    const record: PrintJobRecord = {
      jobId: job.jobId,
      title: job.document.title,
      createdAt: this.now().toISOString(),
      seq: this.seq,
      document: job.document,
      copy: job.copy,
      ...(job.reprintOf ? { reprintOf: job.reprintOf } : {}),
      state: 'queued',
      attempts: 0,
    };
    await this.persist(record);
    this.jobs.set(record.jobId, record);
    return { record, created: true };
  }

  pending(): PrintJobRecord[] {
    return [...this.jobs.values()]
      .filter((j) => j.state === 'queued')
      .sort((a, b) => a.seq - b.seq);
  }

  all(): PrintJobRecord[] {
    return [...this.jobs.values()].sort((a, b) => a.seq - b.seq);
  }

  async markAttempt(jobId: string, error: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const next = { ...job, attempts: job.attempts + 1, lastError: error };
    await this.persist(next);
    this.jobs.set(jobId, next);
  }

  async markPrinted(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const next: PrintJobRecord = {
      ...job,
      attempts: job.attempts + 1,
      state: 'printed',
      printedAt: this.now().toISOString(),
    };
    await this.persist(next);
    this.jobs.set(jobId, next);
  }

  /**
   * Retention: printed jobs hold names, seats and amounts, so they are deleted once they are
   * older than the venue's retention period. Queued jobs are kept whatever their age: a
   * receipt still owed to a customer is not ours to drop. Returns how many were deleted.
   */
  async prunePrinted(printedBefore: Date): Promise<number> {
    let pruned = 0;
    for (const job of [...this.jobs.values()]) {
      if (job.state !== 'printed' || job.printedAt === undefined) continue;
      if (new Date(job.printedAt).getTime() >= printedBefore.getTime()) continue;
      await removeIfExists(join(this.dir, `${job.jobId}.json`));
      this.jobs.delete(job.jobId);
      pruned += 1;
    }
    return pruned;
  }

  private persist(record: PrintJobRecord): Promise<void> {
    return writeFileDurable(join(this.dir, `${record.jobId}.json`), JSON.stringify(record));
  }
}
