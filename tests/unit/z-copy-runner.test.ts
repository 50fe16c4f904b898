/**
 * Main's Z-copy runner (src-main/sync/z-copies.ts) over fakes: one run at a time, a run asked
 * for meanwhile runs once more after it, a copy whose print is refused is not reported as
 * queued (it stays waiting on the server), and the print queue's id is the job's.
 */
import { describe, expect, it } from 'vitest';
import type { TillPrintJob } from '../../shared/sync/contract';
import { err, ok } from '../../shared/util/result';
import { silentLogger } from '../../src-main/services/logger';
import { createZCopyRunner, zCopyJobId } from '../../src-main/sync/z-copies';

const job = (n: number) => ({ jobId: `00000000-0000-4000-8000-00000000000${n}` }) as TillPrintJob;

function rig(waiting: TillPrintJob[][], refuse: ReadonlySet<string> = new Set()) {
  const calls: string[] = [];
  const printed: string[] = [];
  let fetches = 0;
  const runner = createZCopyRunner({
    logger: silentLogger,
    send: async (method, path) => {
      calls.push(`${method} ${path}`);
      if (method === 'GET') {
        await new Promise((r) => setTimeout(r, 10));
        return ok({ jobs: waiting[fetches++] ?? [] }) as never;
      }
      return ok({ queuedAt: '2026-12-04T10:00:00.000Z' }) as never;
    },
    print: (j) => {
      if (refuse.has(j.jobId)) return Promise.resolve(err('not_configured', 'no printer'));
      printed.push(zCopyJobId(j));
      return Promise.resolve(ok({}));
    },
  });
  return { runner, calls, printed };
}

describe('Z copy runner', () => {
  it('runs once more when asked during a run, never two at once', async () => {
    const { runner, calls, printed } = rig([[job(1)], [job(2)]]);
    const first = runner.run();
    const second = runner.run();
    const third = runner.run();
    await Promise.all([first, second, third]);
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(2);
    expect(printed).toEqual([`zcopy-${job(1).jobId}`, `zcopy-${job(2).jobId}`]);
  });

  it('does not report a copy it could not print', async () => {
    const { runner, calls, printed } = rig([[job(1), job(2)]], new Set([job(1).jobId]));
    await runner.run();
    expect(printed).toEqual([`zcopy-${job(2).jobId}`]);
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([
      `POST /api/sync/print-jobs/${job(2).jobId}/queued`,
    ]);
  });
});
