import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { SlipColumns, SlipDocument } from '../../shared/slips/document';
import { shiftReport } from '../../shared/slips';
import { zCopyView } from '../../shared/shift/report-view';
import { tillPrintJobsResponseSchema, type TillPrintJob } from '../../shared/sync/contract';
import type { Result } from '../../shared/util/result';
import { z } from 'zod';
import type { Logger } from '../services/logger';

/**
 * A copy of a Z a manager sent to this till (issue 13 item 4), laid out by the same shared
 * layout the till prints its own Z with, for this till's printer width, marked COPY.
 */
export function zCopyDocument(job: TillPrintJob, columns: SlipColumns): SlipDocument {
  return shiftReport(
    zCopyView(job, {
      locale: job.locale,
      columns,
      timeZone: job.timeZone,
      venueName: job.venueName,
    }),
  );
}

/** The print queue's id for a job: a job fetched twice is queued, and printed, once. */
export const zCopyJobId = (job: TillPrintJob): string => `zcopy-${job.jobId}`;

type Send = <T>(
  method: 'GET' | 'POST',
  path: string,
  answer: z.ZodType<T>,
) => Promise<Result<T, IpcErrorCode>>;

export interface ZCopyRunnerOptions {
  readonly send: Send;
  /** Queues one job on this till's printer (durable: main's print queue). */
  readonly print: (job: TillPrintJob) => Promise<Result<unknown, IpcErrorCode>>;
  readonly logger: Logger;
}

/**
 * Fetches the jobs waiting for this till and queues each on its printer, then tells the
 * server. One run at a time; a run asked for while one goes runs once more after it (a job
 * queued meanwhile is not left waiting for the next event). A job whose print is refused
 * (no printer configured) stays waiting on the server and is tried at the next run.
 */
export function createZCopyRunner(options: ZCopyRunnerOptions): { run(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;

  async function once(): Promise<void> {
    const got = await options.send('GET', '/api/sync/print-jobs', tillPrintJobsResponseSchema);
    if (!got.ok) {
      options.logger.warn(`Z copies not fetched: ${got.error.message}`);
      return;
    }
    for (const job of got.value.jobs) {
      const printed = await options.print(job);
      if (!printed.ok) {
        options.logger.warn(`Z copy ${job.jobId} not printed: ${printed.error.message}`);
        continue;
      }
      const said = await options.send(
        'POST',
        `/api/sync/print-jobs/${job.jobId}/queued`,
        z.object({ queuedAt: z.string() }),
      );
      // Printed (or queued) all the same; the next run sees it again and the print queue's
      // job id keeps it from printing twice.
      if (!said.ok) options.logger.warn(`Z copy ${job.jobId} printed, server not told`);
    }
  }

  function run(): Promise<void> {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await once();
        } while (again);
      } catch (cause) {
        options.logger.error('Z copies not printed', cause);
      } finally {
        running = null;
      }
    })();
    return running;
  }
  return { run };
}
