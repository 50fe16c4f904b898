import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../services/logger';
import { createQuarantine } from '../services/quarantine';
import { openPaymentLedger, paymentLedgerFileName, type PaymentRecord } from './payment-ledger';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const day = 24 * 60 * 60 * 1000;
const record = (n: number, state: PaymentRecord['state'], at: Date): PaymentRecord => ({
  paymentId: `0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a${String(n).padStart(2, '0')}`,
  kind: 'sale',
  state,
  amount: { amount: 100 * n, currency: 'UAH' },
  reference: `order-${n}`,
  updatedAt: at.toISOString(),
});

describe('payment ledger (payments.jsonl)', () => {
  it('keeps the latest state of each payment across a restart, compacted to one line each', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'payment-ledger-'));
    dirs.push(dataDir);
    let now = new Date('2026-11-01T10:00:00.000Z');
    const open = () =>
      openPaymentLedger({
        dataDir,
        logger: silentLogger,
        quarantine: createQuarantine(dataDir, silentLogger),
        now: () => now,
      });
    const ledger = await open();
    await ledger.put(record(1, 'pending', now));
    await ledger.put(record(1, 'approved', now));
    await ledger.put(record(2, 'pending', now));
    await ledger.put(record(2, 'unknown', now));
    const path = join(dataDir, paymentLedgerFileName);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(4);

    const again = await open();
    expect(again.all().map((r) => [r.paymentId.slice(-2), r.state])).toEqual([
      ['01', 'approved'],
      ['02', 'unknown'],
    ]);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);

    // a month on: the settled one is dropped, the open one never is
    now = new Date(now.getTime() + 31 * day);
    expect((await open()).all().map((r) => r.paymentId.slice(-2))).toEqual(['02']);
  });
});
