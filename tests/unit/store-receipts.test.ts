import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/journal/chain';
import { draft } from '../../shared/journal/entry-types';
import { err, ok } from '../../shared/util/result';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { journalOf, journalTail, outboxLength } from '../../src-renderer/store/queries';
import { openTestDb, projectSale, saleDraft } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});
const clock = () => new Date('2026-11-22T18:00:00.000Z');

describe('receipt numbers and the chain under failures and concurrency', () => {
  it('stay gapless through failures, refusals and two windows writing at once', async () => {
    const d = openTestDb();
    dbs.push(d);
    // Two writers on one database stand for two windows of the same till.
    const a = new JournalWriter(d, 'T1', clock);
    const b = new JournalWriter(d, 'T1', clock);
    const outcomes: (number | null)[] = [];
    const sell = async (w: JournalWriter, n: number, fail = false) => {
      const r = await w.commitJournal(
        (ctx) => ok([saleDraft(ctx, n)]),
        async (ctx) => {
          await projectSale(ctx);
          if (fail) throw new Error('boom');
        },
      );
      if (r.ok) outcomes.push(r.value.receiptNumber);
      return r;
    };
    let n = 0;
    for (let round = 0; round < 10; round++) {
      // Interleaved: each writer's cached tail goes stale when the other commits.
      await Promise.all([sell(a, ++n), sell(b, ++n)]);
      await sell(a, ++n, round % 3 === 0);
      // A domain refusal from the draft builder takes no number either.
      const refused = await a.commitJournal(() => err('sold_out', 'Sold out.'), undefined);
      expect(!refused.ok && refused.error.code).toBe('sold_out');
    }
    // Every sale that was not made to fail went through (conflicts were retried, not lost):
    // 10 rounds × 2 concurrent + the 6 rounds whose third sale does not throw.
    expect(outcomes.length).toBe(26);
    const sorted = [...outcomes].sort((x, y) => (x ?? 0) - (y ?? 0));
    expect(sorted).toEqual(sorted.map((_, i) => i + 1));

    const orders = await d.orders.orderBy('[terminalId+receiptNumber]').toArray();
    expect(orders.map((o) => o.receiptNumber)).toEqual(sorted);
    const journal = await journalOf(d, 'T1');
    expect(journal.length).toBe(outcomes.length);
    expect(await verifyChain(journal)).toEqual({ ok: true });
    expect(journal.map((e) => ('receiptNo' in e.payload ? e.payload.receiptNo : null))).toEqual(
      sorted,
    );
    expect(await outboxLength(d)).toBe(outcomes.length);
    expect((await journalTail(d, 'T1', 3)).map((e) => e.seq)).toEqual([
      outcomes.length - 2,
      outcomes.length - 1,
      outcomes.length,
    ]);
  });

  it('keeps training receipts in their own sequence and refuses a receipt number that is not the next', async () => {
    const d = openTestDb();
    dbs.push(d);
    const w = new JournalWriter(d, 'T1', clock);
    const real1 = await w.commitJournal((ctx) => ok([saleDraft(ctx, 1)]), projectSale);
    const training1 = await w.commitJournal((ctx) => ok([saleDraft(ctx, 2, true)]), projectSale);
    const real2 = await w.commitJournal((ctx) => ok([saleDraft(ctx, 3)]), projectSale);
    expect([real1, training1, real2].map((r) => r.ok && r.value.receiptNumber)).toEqual([1, 1, 2]);
    expect((await d.counters.get('receipt:T1'))?.value).toBe(2);
    expect((await d.counters.get('receipt-training:T1'))?.value).toBe(1);

    // A payload built from a stale view (receipt 2 again, or skipping to 4) never lands.
    for (const receiptNumber of [2, 4]) {
      const stale = await w.commitJournal(
        (ctx) => ok([saleDraft({ ...ctx, receiptNumber }, 10 + receiptNumber)]),
        projectSale,
      );
      expect(!stale.ok && stale.error.code).toBe('invalid_argument');
    }
    expect(await d.journal.count()).toBe(3);
    expect((await d.counters.get('receipt:T1'))?.value).toBe(2);
    // Entries without a receipt number (a login, a shift opening) take none.
    const login = await w.commitJournal([
      draft('login', clock().toISOString(), { staff: { staffId: 's1', role: 'cashier' } }),
    ]);
    expect(login.ok && login.value.receiptNumber).toBeNull();
    expect((await d.counters.get('receipt:T1'))?.value).toBe(2);
  });

  it('rejects empty commits and unhashable payloads with typed codes, writing nothing', async () => {
    const d = openTestDb();
    dbs.push(d);
    const w = new JournalWriter(d, 'T1', clock);
    const empty = await w.commitJournal([]);
    expect(!empty.ok && empty.error.code).toBe('invalid_argument');
    const nan = await w.commitJournal([
      draft('shift_open', clock().toISOString(), {
        shiftId: 'shift-1',
        staff: { staffId: 's1', role: 'cashier' },
        float: { amount: Number.NaN, currency: 'UAH' },
        training: false,
      }),
    ]);
    expect(!nan.ok && nan.error.code).toBe('invalid_argument');
    expect(await d.journal.count()).toBe(0);
  });
});
