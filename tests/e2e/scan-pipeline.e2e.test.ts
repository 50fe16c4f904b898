import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import type { ServedBundle } from '../support/page-bundle';
import { servePageBundle } from '../support/page-bundle';

// The scan-to-verdict pipeline in real Chromium against the real Dexie store in a persistent
// profile: the terminal's own non-extractable WebCrypto key signs tickets, the key ring is
// read back from IndexedDB, and after a page reload the same codes get the same verdicts.

const NOW = Date.parse('2026-03-02T10:00:00Z');

const ENTRY = `
import { indexCatalog } from './shared/catalog/catalog';
import { base45Decode, base45Encode } from './shared/crypto/base45';
import { generateSigningKey } from './shared/tickets/signing-key';
import { createTicketSigner } from './shared/tickets/ticket-code';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from './shared/catalog/demo-venue';
import { loadCatalog } from './src-renderer/app/till';
import { openStore, replaceCatalog, setSetting } from './src-renderer/store';
import { createScanPath, orderScanVerdict } from './src-renderer/app/scanning';
import { loadTerminalKeyRing, OWN_SIGNING_KEY_SETTING } from './src-renderer/scan';
import { buildStoredSale, seatIdsOf } from './tests/support/scan-fixtures';

const id = (n) => '01939d6e-7a10-7000-8000-' + n.toString(16).padStart(12, '0');

async function open() {
  const store = await openStore({ name: 'scan-e2e', terminalId: 'T01' });
  if (!store.ok) throw new Error(store.error.message);
  return store.value;
}

window.__seed = async (now) => {
  const store = await open();
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!built.ok) throw new Error(built.error.message);
  const replaced = await replaceCatalog(store.db, built.value);
  if (!replaced.ok) throw new Error(replaced.error.message);
  const catalog = indexCatalog(built.value);
  const key = await generateSigningKey('webcrypto');
  await setSetting(store.db, OWN_SIGNING_KEY_SETTING, key);
  const signer = createTicketSigner({ privateKey: key.privateKey, publicKey: key.publicKey }, key.keyId, 'webcrypto');
  if (!signer.ok) throw new Error(signer.error.message);
  const seat = (p, i) => seatIdsOf(catalog, p)[i];
  const at = new Date(now - 86400000).toISOString().replace(/\\.\\d{3}Z$/, 'Z');
  const sales = [
    [{ ticketId: id(1), performanceId: 'forest-song-1', tierId: 'premium', seatId: seat('forest-song-1', 0) },
     { ticketId: id(2), performanceId: 'forest-song-1', tierId: 'premium', seatId: seat('forest-song-1', 1), status: 'refunded' }],
    [{ ticketId: id(3), performanceId: 'dnipro-lights-1', tierId: 'ga-standing', status: 'used' }],
    [{ ticketId: id(4), performanceId: 'forest-song-cancelled', tierId: 'standard', seatId: seat('forest-song-cancelled', 200) }],
  ];
  const codes = [];
  for (const [i, tickets] of sales.entries()) {
    const sale = await buildStoredSale({ catalog, sign: signer.value, terminalId: 'T01', orderId: id(100 + i), receiptNo: i + 1, at, tickets, tender: 'cash', tenderId: id(200 + i) });
    await store.db.transaction('rw', store.db.orders, store.db.tickets, async () => {
      await store.db.orders.add(sale.order);
      await store.db.tickets.bulkAdd(sale.tickets);
    });
    codes.push(...sale.tickets.map((t) => t.code));
  }
  const unsold = await signer.value({ ticketId: id(5), performanceId: 'forest-song-2', tierId: 'premium', seatId: seat('forest-song-2', 9), issuedAt: at });
  const elsewhere = await signer.value({ ticketId: id(6), performanceId: 'some-other-venue', tierId: 'ga', issuedAt: at });
  const bytes = base45Decode(codes[0]);
  const flipped = bytes.value.slice();
  flipped[60] ^= 4;
  store.close();
  return { codes: [...codes, unsold, elsewhere, base45Encode(flipped), 'R-T01-000001'], keyExtractable: key.privateKey.extractable };
};

// The app's scan path with the refund screen's handler registered, as on the refund screen:
// each code goes through router.route; what reaches the flow (ORDER.FOUND) is recorded.
window.__scan = async (codes) => {
  const store = await open();
  const catalog = await loadCatalog(store);
  const ring = await loadTerminalKeyRing(store.db);
  if (!ring.ok) throw new Error(ring.error.message);
  const path = createScanPath({ db: store.db, catalog: indexCatalog(catalog), keyRing: ring.value });
  let seen = null;
  let sent = null;
  path.router.register({
    id: 'refund',
    accepts: ['ticket', 'receipt'],
    handle: (scan) => {
      seen = scan.ticket ?? null;
      return orderScanVerdict('refund', scan, {
        open: (event) => { sent = event; return true; },
        findReceipt: path.findReceipt,
        busyMessage: 'busy',
      });
    },
  });
  const out = [];
  for (const c of codes) {
    seen = null;
    sent = null;
    const v = await path.router.route({ source: 'wedge', data: c + '\\r\\n', at: new Date().toISOString() });
    out.push({
      code: seen !== null ? seen.code : v.code,
      verdict: v.code,
      orderId: sent !== null ? sent.order.orderId : null,
      ticketId: sent !== null ? sent.ticketId : null,
      performanceId: seen !== null && seen.code === 'not_found' ? seen.performanceId : null,
    });
  }
  store.close();
  return out;
};
window.__ready = true;
`;

let served: ServedBundle;
let profile: string;
let context: BrowserContext;
let page: Page;

type Verdicts = {
  code: string;
  verdict: string;
  orderId: string | null;
  ticketId: string | null;
  performanceId: string | null;
}[];

beforeAll(async () => {
  served = await servePageBundle(ENTRY, 'scan-pipeline.ts');
  profile = await mkdtemp(join(tmpdir(), 'scan-e2e-'));
  context = await launchChromium(profile);
  page = await context.newPage();
  await page.goto(served.origin);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await served?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const scanIn = (p: Page, codes: readonly string[]): Promise<Verdicts> =>
  p.evaluate(
    (c) => (window as unknown as { __scan: (c: unknown) => Promise<Verdicts> }).__scan(c),
    codes,
  );

describe('scan pipeline in Chromium with the Dexie store', () => {
  let codes: string[] = [];
  const expected = [
    'genuine',
    'refunded',
    'used',
    'genuine',
    'not_found',
    'wrong_venue',
    'bad_signature',
    // The receipt barcode of the first sale: a receipt, looked up by its number.
    'order_opened',
  ];

  it('gives every kind of scanned code its verdict, and the refund flow the order it names', async () => {
    const seeded = await page.evaluate(
      (now) =>
        (
          window as unknown as {
            __seed: (n: number) => Promise<{ codes: string[]; keyExtractable: boolean }>;
          }
        ).__seed(now),
      NOW,
    );
    codes = seeded.codes;
    // The till's signing key is a non-extractable WebCrypto key kept in IndexedDB.
    expect(seeded.keyExtractable).toBe(false);
    const verdicts = await scanIn(page, codes);
    expect(verdicts.map((v) => v.code)).toEqual(expected);
    // A genuine ticket opens its order with itself to preselect; the refund flow evaluates it.
    const id = (n: number) => `01939d6e-7a10-7000-8000-${n.toString(16).padStart(12, '0')}`;
    expect(verdicts[0]).toMatchObject({
      verdict: 'order_opened',
      orderId: id(100),
      ticketId: id(1),
    });
    // A refunded one opens its order with nothing ticked, and the verdict says why.
    expect(verdicts[1]).toMatchObject({
      verdict: 'ticket_refunded',
      orderId: id(100),
      ticketId: null,
    });
    // Used, forged, unknown here: nothing reaches the flow.
    for (const i of [2, 4, 5, 6]) expect(verdicts[i]!.orderId).toBeNull();
    expect(verdicts[3]).toMatchObject({ orderId: id(102), ticketId: id(4) });
    expect(verdicts[4]!.performanceId).toBe('forest-song-2');
    expect(verdicts[7]).toMatchObject({ orderId: id(100), ticketId: null });
  }, 60_000);

  it('after a reload the key ring and tickets come back from IndexedDB: same verdicts', async () => {
    expect(codes.length).toBe(expected.length);
    const before = await scanIn(page, codes);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    expect(await scanIn(page, codes)).toEqual(before);
  }, 60_000);

  it('after a browser restart on the same profile: same verdicts', async () => {
    const before = await scanIn(page, codes);
    await context.close();
    context = await launchChromium(profile);
    page = await context.newPage();
    await page.goto(served.origin);
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    expect(await scanIn(page, codes)).toEqual(before);
  }, 60_000);
});
