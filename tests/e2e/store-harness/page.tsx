/**
 * Browser entry for the store e2e test and the store benchmark: bundled with esbuild and
 * served on 127.0.0.1 (server.ts). It drives the real store in Chromium's IndexedDB and
 * exposes a small API on `window.storeHarness` for playwright to call.
 */
import Dexie from 'dexie';
import { createRoot } from 'react-dom/client';
import { sealEntries, verifyChain } from '../../../shared/journal/chain';
import { ok } from '../../../shared/util/result';
import { I18nProvider, useLocale, useT } from '../../../src-renderer/i18n';
import type { Locale } from '../../../src-renderer/i18n';
import type { ProjectionContext, Store } from '../../../src-renderer/store';
import {
  journalOf,
  localePreference,
  openStore,
  orderByReceipt,
  outboxLength,
  ticketsByOrder,
  addTickets,
} from '../../../src-renderer/store';
import { saleDraft } from '../../support/sale-draft';
import { createSaleFactory, projectDomainSale, type SaleFactory } from './domain-sale';

let store: Store | null = null;
let factory: SaleFactory | null = null;

function requireStore(): Store {
  if (store === null) throw new Error('call open() first');
  return store;
}

function durabilityNow(): string {
  const t = Dexie.currentTransaction as unknown as { idbtrans?: { durability?: string } } | null;
  return t?.idbtrans?.durability ?? 'none';
}

async function projectSimple(ctx: ProjectionContext, seen: string[]): Promise<void> {
  seen.push(durabilityNow());
  for (const entry of ctx.entries) {
    if (entry.type !== 'sale') continue;
    const p = {
      ...entry.payload,
      performanceId: 'perf-1',
      ticketIds: entry.payload.tickets.map((t) => t.ticketId),
    };
    await ctx.db.orders.add({
      id: p.orderId,
      terminalId: ctx.terminalId,
      receiptNumber: p.receiptNo,
      at: entry.at,
      status: 'completed',
      total: { amount: 90_000, currency: 'UAH' },
      customerKey: '',
      performanceIds: [p.performanceId],
      order: { seq: entry.seq },
    });
    await addTickets(
      p.ticketIds.map((id, i) => ({
        id,
        orderId: p.orderId,
        performanceId: p.performanceId,
        code: `CODE-${id}`,
        status: 'valid' as const,
        tierId: 'stalls',
        seatId: `R${entry.seq}-S${i}`,
        ticket: {},
      })),
    );
    await ctx.db.seatStates.bulkPut(
      p.ticketIds.map((id, i) => ({
        performanceId: p.performanceId,
        seatId: `R${entry.seq}-S${i}`,
        state: 'sold' as const,
        ticketId: id,
      })),
    );
  }
}

const harness = {
  async open(terminalId: string) {
    const opened = await openStore({ terminalId, name: 'box-office-e2e' });
    if (!opened.ok) return opened;
    store = opened.value;
    return ok(store.status);
  },

  /** Commits `count` sales one after another; returns receipt numbers and observed durability. */
  async commitSales(count: number, tag: string) {
    const s = requireStore();
    const receipts: number[] = [];
    const durabilities: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = await s.commitJournal(
        (ctx) => ok([saleDraft(ctx, `${tag}-${i}`)]),
        (ctx) => projectSimple(ctx, durabilities),
      );
      if (!r.ok) return r;
      receipts.push(r.value.receiptNumber ?? -1);
    }
    return ok({ receipts, durabilities });
  },

  /** Everything the test checks after a reload or a browser restart. */
  async snapshot(terminalId: string) {
    const { db } = requireStore();
    const journal = await journalOf(db, terminalId);
    const orders = await db.orders.orderBy('[terminalId+receiptNumber]').toArray();
    const firstOrder = orders[0];
    return {
      seqs: journal.map((e) => e.seq),
      receiptNos: journal.map((e) => ('receiptNo' in e.payload ? e.payload.receiptNo : null)),
      chain: await verifyChain(journal),
      orderReceipts: orders.map((o) => o.receiptNumber),
      tickets: await db.tickets.count(),
      soldSeats: await db.seatStates.where('performanceId').equals('perf-1').count(),
      outbox: await outboxLength(db),
      counter: (await db.counters.get(`receipt:${terminalId}`))?.value ?? 0,
      firstOrderTickets: firstOrder ? (await ticketsByOrder(db, firstOrder.id)).length : 0,
      byReceipt1: (await orderByReceipt(db, terminalId, 1))?.id ?? null,
    };
  },

  /** Tries to write the journal outside a strict transaction: the guard must refuse. */
  async relaxedJournalWrite(terminalId: string) {
    const { BoxOfficeDb } = await import('../../../src-renderer/store/db');
    const relaxed = new BoxOfficeDb('box-office-e2e', { durability: 'relaxed' });
    try {
      await relaxed.journal.add({
        terminalId,
        seq: 99_999,
        at: new Date().toISOString(),
        type: 'x',
        payload: {},
        prevHash: '0'.repeat(64),
        hash: 'f'.repeat(64),
      });
      return 'written';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    } finally {
      relaxed.close();
    }
  },

  // --- benchmark support -------------------------------------------------------------------
  async bulkLoadOrders(count: number, terminalId: string) {
    const { db } = requireStore();
    const batch = 10_000;
    for (let start = 0; start < count; start += batch) {
      const rows = [];
      for (let i = start; i < Math.min(count, start + batch); i++) {
        rows.push({
          id: `hist-${i}`,
          // Earlier orders from other tills (so they do not take this till's receipt numbers).
          terminalId: `${terminalId}-hist-${i % 8}`,
          receiptNumber: i + 1,
          at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          status: 'completed' as const,
          total: { amount: 90_000, currency: 'UAH' as const },
          customerKey: i % 5 === 0 ? `customer ${i}` : '',
          performanceIds: [`hist-perf-${i % 40}`],
          order: { lines: [{ tierId: 'stalls', quantity: 2 }] },
        });
      }
      await db.orders.bulkAdd(rows);
    }
    return db.orders.count();
  },

  async saleSize() {
    if (factory === null) throw new Error('call prepareDomainSales() first');
    const drafts = await factory.sale(0);
    return drafts.ok ? JSON.stringify(drafts.value).length : -1;
  },

  async prepareDomainSales(terminalId: string) {
    const f = await createSaleFactory(terminalId);
    if (!f.ok) return f;
    factory = f.value;
    return ok(factory.describe);
  },

  /** The floor: strict read-write transactions writing one small record each. */
  async timeBareStrict(count: number) {
    const { db } = requireStore();
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await db.transaction('rw', db.counters, () =>
        db.counters.put({ name: 'bench-floor', value: i }),
      );
      samples.push(performance.now() - t0);
    }
    return samples;
  },

  /** Sealing alone (canonical JSON + SHA-256) of a domain sale draft, outside any transaction. */
  async timeSeal(count: number) {
    if (factory === null) throw new Error('call prepareDomainSales() first');
    const drafts = await factory.sale(0);
    if (!drafts.ok) return drafts;
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await sealEntries('SEAL', null, drafts.value);
      samples.push(performance.now() - t0);
    }
    return ok(samples);
  },

  /** Times `count` sale commits (domain sell drafts built outside the timed region). */
  async timeDomainCommits(count: number, withProjections = true) {
    const s = requireStore();
    if (factory === null) throw new Error('call prepareDomainSales() first');
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const counter = (await s.db.counters.get(`receipt:${s.terminalId}`))?.value ?? 0;
      const drafts = await factory.sale(counter);
      if (!drafts.ok) return drafts;
      const t0 = performance.now();
      const r = await s.commitJournal(
        drafts.value,
        withProjections ? projectDomainSale : undefined,
      );
      samples.push(performance.now() - t0);
      if (!r.ok) return r;
    }
    return ok(samples);
  },
};

function LocaleDemo() {
  const tr = useT();
  const { locale, setLocale } = useLocale();
  const choose = (l: Locale) => () => {
    setLocale(l).catch(() => undefined);
  };
  return (
    <main lang={locale}>
      <h1>{tr.t('nav.sell')}</h1>
      <p data-testid="tickets">{tr.t('cart.tickets', { count: 21 })}</p>
      <p data-testid="money">{tr.money({ amount: 123_450, currency: 'UAH' })}</p>
      <p data-testid="date">{tr.date('2026-03-01T22:30:00.000Z')}</p>
      <button type="button" onClick={choose('en')}>
        English
      </button>
      <button type="button" onClick={choose('uk')}>
        Українська
      </button>
      <button type="button" onClick={choose('zh-Hans')}>
        简体中文
      </button>
    </main>
  );
}

declare global {
  interface Window {
    storeHarness: typeof harness;
  }
}
window.storeHarness = harness;

const params = new URLSearchParams(location.search);
const ui = params.get('ui');
if (ui !== null) {
  void (async () => {
    const opened = await harness.open(ui);
    const root = document.getElementById('root');
    if (!opened.ok || root === null) return;
    createRoot(root).render(
      <I18nProvider
        venue={{ currency: 'UAH', timeZone: 'Europe/Kyiv' }}
        preference={localePreference(requireStore().db, ui)}
      >
        <LocaleDemo />
      </I18nProvider>,
    );
  })();
}
