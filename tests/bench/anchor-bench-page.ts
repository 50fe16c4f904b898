/**
 * The in-page half of tests/bench/anchor.bench.ts (bundled by esbuild, served on 127.0.0.1).
 * Seeds a journal through the store's one commit path (`commitJournal`: sealing, contract
 * check, hash chain, checkpoint), then times the start-up check (`checkRecords`: the store's
 * tail against main's head, and the chain from the last verified seq) and the full check
 * (`verifyStoredChain` from the first entry). Main is reached through `window.__anchorMain`,
 * a Playwright binding to the real services' dispatch in the bench process.
 */
import { sell } from '../../shared/commands';
import type { EntryDraft, SalePayload } from '../../shared/journal/entry-types';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { err, ok } from '../../shared/util/result';
import { openTill as openFixtureTill, STAFF, uah } from '../fixtures/domain';
import type { AnchorPort } from '../../src-renderer/app/journal-anchor';
import { checkRecords, verifyStoredChain } from '../../src-renderer/app/journal-anchor';
import { openStore } from '../../src-renderer/store';

const DB = 'anchor-bench';
const PER_COMMIT = 1_000;

declare global {
  interface Window {
    __anchorMain?: (
      method: string,
      args: unknown,
    ) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
    __anchorBench?: {
      seed: typeof seed;
      timeStart: typeof timeStart;
      timeFullVerify: typeof timeFullVerify;
      timeReadOnly: typeof timeReadOnly;
    };
  }
}

function mainPort(): AnchorPort {
  const call = window.__anchorMain!;
  return {
    async compare(tail) {
      const r = await call('journal.compare', { tail });
      return r.ok ? ok(r.value as never) : err('unreachable', r.error?.message ?? '');
    },
    async report(entries: readonly DomainEntry[]) {
      const r = await call('journal.report', { entries });
      if (!r.ok) return null;
      const v = r.value as { status: string; cash?: { seq: number }[]; message?: string };
      return v.status === 'accepted'
        ? { accepted: true, cashSeqs: (v.cash ?? []).map((c) => c.seq) }
        : { accepted: false, cashSeqs: [], message: v.message ?? '' };
    },
    openDrawer: () => Promise.resolve({ drawer: 'failed', message: 'not in the bench' }),
  };
}

/**
 * `count` entries: sign-in, shift open, then cash sales of two GA places. The first sale is
 * drafted by the domain's `sell`; the rest are copies with their own order id and the next
 * receipt number (the store checks receipt numbers are gapless), so every entry is a full-size
 * sale that the contract accepts.
 */
async function seed(
  count: number,
  terminalId: string,
): Promise<{
  journal: number;
  ms: number;
  tail: { seq: number; hash: string; lastReceiptNo: number };
}> {
  const t0 = performance.now();
  const fixture = openFixtureTill();
  fixture.take(
    await sell(
      fixture.base(),
      {
        items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 2 }],
        tenders: [{ kind: 'cash', tendered: uah(5000) }],
      },
      STAFF.olena,
      fixture.ports,
    ),
  );
  const [login, shiftOpen, firstSale] = fixture.entries as EntryDraft[];
  const opened = await openStore({ terminalId, name: DB });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  try {
    let written = 0;
    const at = (n: number) =>
      new Date(Date.parse('2026-04-01T08:00:00Z') + n * 1_000).toISOString();
    while (written < count) {
      const n = Math.min(PER_COMMIT, count - written);
      const r = await store.commitJournal((ctx) => {
        const drafts: EntryDraft[] = [];
        let receiptNo = ctx.receiptNumber;
        for (let i = 0; i < n; i++) {
          const k = written + i;
          if (k === 0) drafts.push({ ...login!, at: at(k) });
          else if (k === 1) drafts.push({ ...shiftOpen!, at: at(k) });
          else {
            const sale = firstSale as Extract<EntryDraft, { type: 'sale' }>;
            const payload: SalePayload = {
              ...sale.payload,
              orderId: `${sale.payload.orderId.slice(0, 24)}${String(k).padStart(12, '0')}`,
              receiptNo: receiptNo++,
            };
            drafts.push({ ...sale, at: at(k), payload });
          }
        }
        return ok(drafts);
      });
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      written += n;
    }
    const last = await store.db.journal.orderBy('[terminalId+seq]').last();
    const receipts = await store.db.counters.get(`receipt:${terminalId}`);
    return {
      journal: await store.db.journal.count(),
      ms: performance.now() - t0,
      tail: { seq: last!.seq, hash: last!.hash, lastReceiptNo: receipts?.value ?? 0 },
    };
  } finally {
    store.close();
  }
}

/** Start-up checks, each on a freshly opened store: the first reports and verifies everything. */
async function timeStart(
  runs: number,
  terminalId: string,
): Promise<{ samples: number[]; states: string[] }> {
  const samples: number[] = [];
  const states: string[] = [];
  for (let i = 0; i < runs; i++) {
    const opened = await openStore({ terminalId, name: DB });
    if (!opened.ok) throw new Error(opened.error.message);
    const t0 = performance.now();
    const state = await checkRecords(opened.value.db, terminalId, mainPort());
    samples.push(performance.now() - t0);
    states.push(state.kind === 'agreed' ? 'agreed' : `${state.damage}: ${state.detail}`);
    opened.value.close();
  }
  return { samples, states };
}

/**
 * Reading what the full check reads, without hashing (the IndexedDB share): the packs (50
 * entries a row) 20 rows a read, then the whole rows of the entries after the last pack.
 */
async function timeReadOnly(terminalId: string): Promise<number> {
  const opened = await openStore({ terminalId, name: DB });
  if (!opened.ok) throw new Error(opened.error.message);
  const { db } = opened.value;
  const t0 = performance.now();
  let lastPacked = 0;
  for (;;) {
    const packs = await db.journalPacks
      .where('[terminalId+firstSeq]')
      .between([terminalId, lastPacked], [terminalId, Infinity], false, true)
      .limit(20)
      .toArray();
    if (packs.length === 0) break;
    lastPacked = packs[packs.length - 1]!.lastSeq;
  }
  await db.journal
    .where('[terminalId+seq]')
    .between([terminalId, lastPacked], [terminalId, Infinity], false, true)
    .toArray();
  const ms = performance.now() - t0;
  opened.value.close();
  return ms;
}

async function timeFullVerify(
  runs: number,
  terminalId: string,
): Promise<{ samples: number[]; entries: number }> {
  const opened = await openStore({ terminalId, name: DB });
  if (!opened.ok) throw new Error(opened.error.message);
  const samples: number[] = [];
  let entries = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await verifyStoredChain(opened.value.db, terminalId, 0);
      samples.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
      entries = r.value;
    }
  } finally {
    opened.value.close();
  }
  return { samples, entries };
}

window.__anchorBench = { seed, timeStart, timeFullVerify, timeReadOnly };
