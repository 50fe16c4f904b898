/**
 * The in-page half of tests/bench/browser.bench.ts, bundled by esbuild and run in Chromium.
 * Not a bench file itself (no `.bench.ts`): scripts/bench.mjs only runs those.
 */
import { indexCatalog } from '../../shared/catalog/catalog';
import { base45Decode, base45Encode } from '../../shared/crypto/base45';
import type { Ed25519Backend } from '../../shared/crypto/ed25519';
import { createIdSource } from '../../shared/orders/ids';
import { generateSigningKey } from '../../shared/tickets/signing-key';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { loadCatalog } from '../../src-renderer/app/till';
import type { Store } from '../../src-renderer/store';
import { openStore, replaceCatalog, setSetting } from '../../src-renderer/store';
import type { TicketStatus } from '../../src-renderer/store/records';
import { createScanPath, orderScanVerdict } from '../../src-renderer/app/scanning';
import { loadTerminalKeyRing, OWN_SIGNING_KEY_SETTING } from '../../src-renderer/scan';
import type { TicketSpec } from '../support/scan-fixtures';
import { buildStoredSale, seatIdsOf } from '../support/scan-fixtures';

export interface SampledCode {
  readonly code: string;
  readonly expected: 'genuine' | 'used' | 'refunded' | 'bad_signature';
}

export interface SeedResult {
  readonly tickets: number;
  readonly orders: number;
  readonly ms: number;
  readonly sample: SampledCode[];
}

export interface ScanRun {
  readonly samples: number[];
  readonly wrong: { code: string; expected: string; got: string }[];
  readonly counts: Record<string, number>;
}

const DB_NAME = 'bench-scan';
const TICKETS_PER_ORDER = 2;
const CHUNK_ORDERS = 1000;

async function open(): Promise<Store> {
  const store = await openStore({ name: DB_NAME, terminalId: 'T01' });
  if (!store.ok) throw new Error(store.error.message);
  return store.value;
}

function statusFor(i: number): TicketStatus {
  // 2 % used, 2 % refunded: a real store is not all fresh tickets.
  const r = i % 50;
  return r === 0 ? 'used' : r === 1 ? 'refunded' : 'valid';
}

/** Fills the store with `tickets` sold tickets (2 per order) and keeps a random sample of codes. */
async function seed(tickets: number, now: number, sampleSize: number): Promise<SeedResult> {
  const started = performance.now();
  const store = await open();
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!built.ok) throw new Error(built.error.message);
  const replaced = await replaceCatalog(store.db, built.value);
  if (!replaced.ok) throw new Error(replaced.error.message);
  const catalog = indexCatalog(built.value);
  const key = await generateSigningKey('webcrypto');
  await setSetting(store.db, OWN_SIGNING_KEY_SETTING, key);
  const signer = createTicketSigner(
    { privateKey: key.privateKey, publicKey: key.publicKey },
    key.keyId,
    'webcrypto',
  );
  if (!signer.ok) throw new Error(signer.error.message);
  const random = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));
  let clock = now - 90 * 86_400_000;
  const ids = createIdSource(() => clock, random);
  const seated = ['forest-song-1', 'forest-song-2', 'forest-song-cancelled'].map((p) => ({
    performanceId: p,
    seats: seatIdsOf(catalog, p),
  }));
  const ga = [
    { performanceId: 'dnipro-lights-tonight', tierId: 'ga-standing' },
    { performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
    { performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone' },
  ];
  const orders = Math.ceil(tickets / TICKETS_PER_ORDER);
  const sample: SampledCode[] = [];
  let seen = 0;
  let n = 0;
  for (let first = 0; first < orders; first += CHUNK_ORDERS) {
    const chunk = [];
    for (let o = first; o < Math.min(orders, first + CHUNK_ORDERS); o++) {
      clock += 30_000;
      const specs: TicketSpec[] = [];
      for (let t = 0; t < TICKETS_PER_ORDER && n < tickets; t++, n++) {
        const status = statusFor(n);
        if (n % 4 === 0) {
          const s = seated[n % seated.length]!;
          specs.push({
            ticketId: ids(),
            performanceId: s.performanceId,
            tierId: 'premium',
            seatId: s.seats[n % s.seats.length]!,
            status,
          });
        } else {
          const g = ga[n % ga.length]!;
          specs.push({ ticketId: ids(), ...g, status });
        }
      }
      chunk.push(
        buildStoredSale({
          catalog,
          sign: signer.value,
          terminalId: 'T01',
          orderId: ids(),
          receiptNo: o + 1,
          at: new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          tickets: specs,
          tender: o % 3 === 0 ? 'card' : 'cash',
          tenderId: ids(),
        }),
      );
    }
    const sales = await Promise.all(chunk);
    await store.db.transaction('rw', store.db.orders, store.db.tickets, async () => {
      await store.db.orders.bulkAdd(sales.map((s) => s.order));
      await store.db.tickets.bulkAdd(sales.flatMap((s) => s.tickets));
    });
    // Reservoir sampling: a uniform sample without keeping 200,000 codes in the heap.
    for (const t of sales.flatMap((s) => s.tickets)) {
      seen++;
      const expected = t.status === 'valid' ? 'genuine' : t.status === 'used' ? 'used' : 'refunded';
      if (sample.length < sampleSize) sample.push({ code: t.code, expected });
      else {
        const j = Math.floor(Math.random() * seen);
        if (j < sampleSize) sample[j] = { code: t.code, expected };
      }
    }
  }
  const stored = await store.db.tickets.count();
  const storedOrders = await store.db.orders.count();
  store.close();
  return { tickets: stored, orders: storedOrders, ms: performance.now() - started, sample };
}

/** A forged copy: one bit of the signature flipped. */
function forge(code: string, bit: number): string {
  const bytes = base45Decode(code);
  if (!bytes.ok) throw new Error('sample code is not base45');
  const copy = bytes.value.slice();
  const i = 38 + ((bit % 512) >> 3);
  copy[i] = (copy[i] ?? 0) ^ (1 << (bit & 7));
  return base45Encode(copy);
}

/**
 * Opens the store, catalog and key ring, builds the app's scan path (createScanPath: the router
 * with the ticket scanner) and registers the refund screen's handler (orderScanVerdict, with
 * the flow's `open` standing in: sending the event is the screen's, not the scan path's work).
 * Each sample times `router.route` of the raw scanner text to the verdict the cashier gets.
 */
async function scanAll(
  codes: readonly SampledCode[],
  // Unused since the scan path stopped reading the clock (the flow that opens the order does).
  _now: number,
  warmUp: number,
  backend: Ed25519Backend = 'webcrypto',
): Promise<ScanRun> {
  const store = await open();
  const catalog = await loadCatalog(store);
  if (catalog === null) throw new Error('no catalog in the bench store');
  const ring = await loadTerminalKeyRing(store.db);
  if (!ring.ok) throw new Error(ring.error.message);
  const path = createScanPath({
    db: store.db,
    catalog: indexCatalog(catalog),
    keyRing: ring.value,
    verifier: backend,
  });
  // The ticket verdict the router handed the screen, per scan.
  const last = { ticket: 'none' };
  let opened = 0;
  path.router.register({
    id: 'refund',
    accepts: ['ticket', 'receipt'],
    handle: (scan) => {
      last.ticket = scan.ticket?.code ?? 'none';
      return orderScanVerdict('refund', scan, {
        open: () => {
          opened++;
          return true;
        },
        findReceipt: path.findReceipt,
        busyMessage: 'busy',
      });
    },
  });
  const samples: number[] = [];
  const wrong: ScanRun['wrong'] = [];
  const counts: Record<string, number> = {};
  for (const [i, c] of codes.entries()) {
    last.ticket = 'none';
    const at = new Date().toISOString();
    const t0 = performance.now();
    const verdict = await path.router.route({ source: 'wedge', data: `${c.code}\r`, at });
    const ms = performance.now() - t0;
    if (i >= warmUp) samples.push(ms);
    const { ticket } = last;
    counts[ticket] = (counts[ticket] ?? 0) + 1;
    // A genuine ticket opens its order; every other verdict the cashier must read.
    const right =
      ticket === c.expected && (verdict.outcome === 'accepted') === (ticket === 'genuine');
    if (!right)
      wrong.push({ code: c.code, expected: c.expected, got: `${ticket}/${verdict.code}` });
  }
  counts.opened = opened;
  store.close();
  return { samples, wrong, counts };
}

declare global {
  interface Window {
    __bench?: {
      seed: typeof seed;
      forge: typeof forge;
      scanAll: typeof scanAll;
    };
  }
}

window.__bench = { seed, forge, scanAll };
