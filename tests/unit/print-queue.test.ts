import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saleReceipt } from '../../shared/slips';
import { DrawerLog } from '../../src-main/devices/drawer-log';
import { PrintQueue } from '../../src-main/devices/print-queue';
import { saleReceiptView } from '../support/slip-fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'queue-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const doc = saleReceipt(saleReceiptView('en'));

describe('durable print queue', () => {
  it('is idempotent on jobId and keeps the order jobs were asked for', async () => {
    const q = await PrintQueue.open(dir);
    expect((await q.enqueue({ jobId: 'b', document: doc, copy: false })).created).toBe(true);
    expect((await q.enqueue({ jobId: 'a', document: doc, copy: false })).created).toBe(true);
    expect((await q.enqueue({ jobId: 'b', document: doc, copy: true })).created).toBe(false);
    expect(q.pending().map((j) => j.jobId)).toEqual(['b', 'a']);
    expect(q.get('b')?.copy).toBe(false);
  });

  it('survives a reopen: queued stays queued, printed stays printed, no temp files left', async () => {
    const q = await PrintQueue.open(dir);
    await q.enqueue({ jobId: 'one', document: doc, copy: false });
    await q.enqueue({ jobId: 'two', document: doc, copy: false });
    await q.markAttempt('one', 'paper_out');
    await q.markPrinted('two');
    const files = await readdir(join(dir, 'print-queue'));
    expect(files.sort()).toEqual(['one.json', 'two.json']);
    // a crash mid-write leaves a temp file and maybe garbage: both are ignored
    await writeFile(join(dir, 'print-queue', 'three.json.1.2.tmp'), '{"jobId":');
    await writeFile(join(dir, 'print-queue', 'junk.json'), '{"not":"a job"}');
    const reopened = await PrintQueue.open(dir);
    expect(reopened.pending().map((j) => [j.jobId, j.attempts, j.lastError])).toEqual([
      ['one', 1, 'paper_out'],
    ]);
    expect(reopened.get('two')?.state).toBe('printed');
    expect(
      (await reopened.enqueue({ jobId: 'two', document: doc, copy: false })).record.state,
    ).toBe('printed');
    await reopened.enqueue({ jobId: 'four', document: doc, copy: false });
    expect(reopened.all().map((j) => j.jobId)).toEqual(['one', 'two', 'four']);
  });
});

describe('drawer log', () => {
  it('claims a key once, across reopen; a released key may be claimed again', async () => {
    const log = await DrawerLog.open(dir);
    const at = new Date('2026-01-01T00:00:00Z');
    expect(await log.claim('sale:1', at)).toBe(true);
    expect(await log.claim('sale:1', at)).toBe(false);
    expect(await log.claim('sale:2', at)).toBe(true);
    await log.release('sale:2', at);
    // a torn last line from a crash mid-append is ignored
    await appendFile(join(dir, 'drawer-log.jsonl'), '{"key":"sale:3","sta');
    const reopened = await DrawerLog.open(dir);
    expect(reopened.has('sale:1')).toBe(true);
    expect(reopened.has('sale:2')).toBe(false);
    expect(reopened.has('sale:3')).toBe(false);
    expect(await reopened.claim('sale:2', at)).toBe(true);
    expect((await DrawerLog.open(dir)).has('sale:2')).toBe(true);
  });
});
