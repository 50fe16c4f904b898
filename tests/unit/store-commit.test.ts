import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/journal/chain';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import { ok } from '../../shared/util/result';
import { openTestDb, projectSale, saleDraft } from './store-fixtures';
import { readEntries } from '../../src-renderer/store';

const dbs: BoxOfficeDb[] = [];
function db(options?: Parameters<typeof openTestDb>[0]): BoxOfficeDb {
  const d = openTestDb(options);
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

const clock = () => new Date('2026-11-22T18:00:00.000Z');

async function sell(writer: JournalWriter, n: number) {
  return writer.commitJournal((ctx) => ok([saleDraft(ctx, n)]), projectSale);
}

describe('commitJournal', () => {
  it('writes entry, outbox row, counter and projections together, chained and strict', async () => {
    const d = db();
    const writer = new JournalWriter(d, 'T1', clock);
    const first = await sell(writer, 1);
    const second = await sell(writer, 2);
    expect(first.ok && first.value.receiptNumber).toBe(1);
    expect(second.ok && second.value.receiptNumber).toBe(2);

    const journal = await readEntries(d, await d.journal.toArray());
    expect(journal.map((e) => e.seq)).toEqual([1, 2]);
    expect(await verifyChain(journal)).toEqual({ ok: true });
    expect(await d.outbox.count()).toBe(2);
    expect((await d.orders.get('order-2'))?.receiptNumber).toBe(2);
    expect(await d.tickets.where('orderId').equals('order-2').count()).toBe(2);
    expect(await d.seatStates.count()).toBe(4);
    expect((await d.counters.get('receipt:T1'))?.value).toBe(2);
  });

  it('refuses an entry the journal contract does not allow, after its writes were requested, and keeps nothing of it', async () => {
    const d = db();
    const writer = new JournalWriter(d, 'T1', clock);
    expect((await sell(writer, 1)).ok).toBe(true);

    // Seals fine (it is JSON) but is no sale the contract knows: its total is not money.
    const refused = await writer.commitJournal((ctx) => {
      const draft = saleDraft(ctx, 2);
      // Forged on purpose: the types would not let a command build it.
      const totals = { total: 'lots' } as unknown as typeof draft.payload.totals;
      return ok([{ ...draft, payload: { ...draft.payload, totals } }]);
    }, projectSale);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('invalid_argument');
    expect(!refused.ok && refused.error.message).toMatch(/^Entry 2 breaks the journal contract: /);

    // The check runs inside the commit transaction, after the entry, its outbox row, its
    // counter and the projections were requested: the refusal aborts all of them.
    expect(await d.journal.count()).toBe(1);
    expect(await d.outbox.count()).toBe(1);
    expect(await d.orders.get('order-2')).toBeUndefined();
    expect(await d.tickets.where('orderId').equals('order-2').count()).toBe(0);
    expect((await d.counters.get('receipt:T1'))?.value).toBe(1);
    expect((await d.checkpoints.get('T1'))?.seq).toBe(1);

    // The writer's view of the tail is intact: the next good sale takes seq 2 and receipt 2.
    const next = await sell(writer, 2);
    expect(next.ok && next.value.entries.map((e) => e.seq)).toEqual([2]);
    expect(next.ok && next.value.receiptNumber).toBe(2);
    expect(await verifyChain(await readEntries(d, await d.journal.toArray()))).toEqual({
      ok: true,
    });
  });

  it('leaves nothing behind when a projection throws midway', async () => {
    const d = db();
    const writer = new JournalWriter(d, 'T1', clock);
    expect((await sell(writer, 1)).ok).toBe(true);

    const failed = await writer.commitJournal(
      (ctx) => ok([saleDraft(ctx, 2)]),
      async (ctx) => {
        await projectSale(ctx); // order, tickets and seats are written…
        throw new Error('printer template missing'); // …then the projection fails
      },
    );
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error.code).toBe('projection_failed');

    expect(await d.journal.count()).toBe(1);
    expect(await d.outbox.count()).toBe(1);
    expect(await d.orders.get('order-2')).toBeUndefined();
    expect(await d.tickets.where('orderId').equals('order-2').count()).toBe(0);
    expect(await d.seatStates.count()).toBe(2);
    expect((await d.counters.get('receipt:T1'))?.value).toBe(1);

    // The failed attempt consumed no receipt number and no seq: the next sale is gapless.
    const next = await sell(writer, 3);
    expect(next.ok && next.value.receiptNumber).toBe(2);
    expect(next.ok && next.value.entries[0]?.seq).toBe(2);
  });

  it('refuses to write the journal in a transaction that is not strict', async () => {
    const d = db({ durability: 'default' });
    const writer = new JournalWriter(d, 'T1', clock);
    const result = await sell(writer, 1);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('not_strict');
    expect(await d.journal.count()).toBe(0);
    expect(await d.orders.count()).toBe(0);
  });

  it('refuses a direct journal write outside commitJournal unless strict (DBCore guard)', async () => {
    const relaxed = db({ durability: 'relaxed' });
    const entry = {
      terminalId: 'T1',
      seq: 1,
      at: clock().toISOString(),
      type: 'x',
      payload: {},
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    };
    await expect(relaxed.journal.add(entry)).rejects.toMatchObject({ code: 'not_strict' });
    expect(await relaxed.journal.count()).toBe(0);

    const strict = db();
    await strict.journal.add(entry);
    expect(await strict.journal.count()).toBe(1);
  });

  it('reports durability strict inside the commit transaction', async () => {
    const d = db();
    const writer = new JournalWriter(d, 'T1', clock);
    let seen: unknown;
    const { default: Dexie } = await import('dexie');
    await writer.commitJournal(
      [saleDraft({ receiptNumber: 1, trainingReceiptNumber: 1, now: clock().toISOString() }, 1)],
      () => {
        seen = (Dexie.currentTransaction as unknown as { idbtrans: { durability: string } })
          .idbtrans.durability;
      },
    );
    expect(seen).toBe('strict');
  });
});
