import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import { indexCatalog } from '../../shared/catalog/catalog';
import { base45Decode, base45Encode } from '../../shared/crypto/base45';
import type { Ed25519Backend } from '../../shared/crypto/ed25519';
import type { KeyRing } from '../../shared/tickets/key-ring';
import { createKeyRing } from '../../shared/tickets/key-ring';
import type { TicketSigningKey } from '../../shared/tickets/signing-key';
import { signingKeyFromSeed } from '../../shared/tickets/signing-key';
import type { TicketSigner } from '../../shared/tickets/ticket-code';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import type { BoxOfficeDb } from '../store/db';
import { setSetting } from '../store/settings';
import { openTestDb } from '../../tests/unit/store-fixtures';
import { buildStoredSale, seatIdsOf, type TicketSpec } from '../../tests/support/scan-fixtures';
import { TICKET_SCAN_VERDICT_CODES, type TicketScanVerdict } from './scan-verdict';
import {
  loadTerminalKeyRing,
  OWN_SIGNING_KEY_SETTING,
  TRUSTED_KEYS_SETTING,
} from './terminal-key-ring';
import { createTicketScanner, type TicketScannerDeps } from './ticket-scanner';

const NOW = Date.parse('2026-03-02T10:00:00Z');

function key(fill: number): TicketSigningKey {
  const made = signingKeyFromSeed(new Uint8Array(32).fill(fill));
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

function signer(k: TicketSigningKey, backend: Ed25519Backend = 'noble'): TicketSigner {
  const s = createTicketSigner(
    { privateKey: k.privateKey, publicKey: k.publicKey },
    k.keyId,
    backend,
  );
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

function ring(keys: readonly { k: TicketSigningKey; revoked?: boolean }[]): KeyRing {
  const r = createKeyRing(
    keys.map(({ k, revoked }) => ({
      keyId: k.keyId,
      publicKey: k.publicKey,
      revoked: revoked === true,
    })),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const issuer = key(1);
const stranger = key(2);
const stolen = key(3);

let catalog: CatalogIndex;
let db: BoxOfficeDb;
let seq = 0;

function id(n: number): string {
  return `01939d6e-7a10-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

async function store(
  specs: readonly TicketSpec[],
  opts: { tender?: 'cash' | 'card'; sign?: TicketSigner } = {},
): Promise<string[]> {
  seq += 1;
  const sale = await buildStoredSale({
    catalog,
    sign: opts.sign ?? signer(issuer),
    terminalId: 'T01',
    orderId: id(900_000 + seq),
    receiptNo: seq,
    at: new Date(NOW - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tickets: specs,
    tender: opts.tender ?? 'cash',
    tenderId: id(800_000 + seq),
  });
  await db.orders.add(sale.order);
  await db.tickets.bulkAdd(sale.tickets);
  return sale.tickets.map((t) => t.code);
}

function scanner(extra: Partial<TicketScannerDeps> = {}) {
  return createTicketScanner({
    db,
    catalog,
    keyRing: ring([{ k: issuer }, { k: stolen, revoked: true }]),
    verifier: 'noble',
    ...extra,
  });
}

beforeEach(() => {
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, NOW);
  if (!built.ok) throw new Error(built.error.message);
  catalog = indexCatalog(built.value);
  db = openTestDb();
});

afterEach(() => db.close());

function seat(performanceId: string, i: number): string {
  return seatIdsOf(catalog, performanceId)[i]!;
}

function flipSignatureBit(code: string, bit: number): string {
  const bytes = base45Decode(code);
  if (!bytes.ok) throw new Error('not base45');
  const copy = bytes.value.slice();
  const index = 38 + (bit >> 3);
  copy[index] = copy[index]! ^ (1 << (bit & 7));
  return base45Encode(copy);
}

describe('scan → verdict', () => {
  // The scan no longer asks the refund policy (the refund or exchange flow that opens the
  // order evaluates it, once): a genuine verdict carries the ticket as sold (price, policy
  // snapshot) and its order (tenders, statuses, receipt), which is all the flow evaluates from.
  it('a genuine seated cash ticket: its ticket as sold, its order and receipt, no policy decision', async () => {
    const seatId = seat('forest-song-1', 0);
    const [code] = await store([
      { ticketId: id(1), performanceId: 'forest-song-1', tierId: 'premium', seatId },
    ]);
    const v = await scanner().scan(`  ${code!}\r\n`);
    expect(v.code).toBe('genuine');
    if (v.code !== 'genuine') return;
    const price = catalog.tier('premium')!.price;
    expect(v.scanned.ticket).toMatchObject({ ticketId: id(1), seatId, price });
    expect(v.scanned.ticket.policy).toBeDefined();
    expect(v.scanned.order?.tenders.map((t) => t.tender.kind)).toEqual(['cash']);
    expect(v.scanned.order?.tickets.map((t) => [t.ticket.ticketId, t.status])).toEqual([
      [id(1), 'valid'],
    ]);
    expect(v.scanned.receipt).toMatchObject({ terminalId: 'T01', receiptNumber: seq });
    expect(v.params).toMatchObject({
      ticketId: id(1),
      performanceId: 'forest-song-1',
      seatId,
      receiptNumber: seq,
    });
    expect(v).not.toHaveProperty('evaluation');
    expect(v).not.toHaveProperty('amount');
    expect(v.message).toContain('Genuine ticket');
  });

  it('a card purchase: the order it opens says card, so the flow can refuse cash', async () => {
    const [code] = await store(
      [
        {
          ticketId: id(2),
          performanceId: 'forest-song-1',
          tierId: 'standard',
          seatId: seat('forest-song-1', 300),
        },
      ],
      {
        tender: 'card',
      },
    );
    const v = await scanner().scan(code);
    expect(v.code).toBe('genuine');
    if (v.code !== 'genuine') return;
    expect(v.scanned.order?.tenders.map((t) => t.tender.kind)).toEqual(['card']);
  });

  it('a ticket for the cancelled performance is genuine; its performance id goes with it', async () => {
    const [code] = await store([
      {
        ticketId: id(3),
        performanceId: 'forest-song-cancelled',
        tierId: 'premium',
        seatId: seat('forest-song-cancelled', 1),
      },
    ]);
    const v = await scanner().scan(code);
    expect(v.code).toBe('genuine');
    if (v.code !== 'genuine') return;
    expect(v.scanned.ticket.performanceId).toBe('forest-song-cancelled');
  });

  it("a non-refundable tier is still genuine: whether it refunds is the flow's to say", async () => {
    const [code] = await store([
      { ticketId: id(4), performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone' },
    ]);
    const v = await scanner().scan(code);
    expect(v.code).toBe('genuine');
    if (v.code !== 'genuine') return;
    expect(v.scanned.ticket.tierId).toBe('ga-fan-zone');
    expect(v.params).not.toHaveProperty('refundable');
  });

  it.each([
    ['not text', 42],
    ['empty', ''],
    ['a receipt barcode', 'R-T01-000123'],
    ['too long', 'A'.repeat(161)],
    ['control characters inside', 'AB\u0001CD'],
  ])('malformed: %s', async (_name, raw) => {
    const v = await scanner().scan(raw);
    expect(v.code).toBe('malformed');
    if (v.code === 'malformed') expect(v.reason.length).toBeGreaterThan(0);
  });

  it('forged: a flipped signature bit is bad_signature, never genuine', async () => {
    const [code] = await store([
      { ticketId: id(5), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
    ]);
    expect((await scanner().scan(flipSignatureBit(code!, 3))).code).toBe('bad_signature');
    expect((await scanner().scan(flipSignatureBit(code!, 500))).code).toBe('bad_signature');
  });

  it('unknown_key: signed by a key this terminal does not trust', async () => {
    const [code] = await store(
      [{ ticketId: id(6), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' }],
      { sign: signer(stranger) },
    );
    expect((await scanner().scan(code)).code).toBe('unknown_key');
  });

  it('an issuer the ring lacks is checked once more against the keys as they are now', async () => {
    const [code] = await store(
      [{ ticketId: id(16), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' }],
      { sign: signer(stranger) },
    );
    let reloads = 0;
    const reloading = scanner({
      reloadKeyRing: () => {
        reloads += 1;
        return Promise.resolve(ring([{ k: issuer }, { k: stranger }]));
      },
    });
    expect((await reloading.scan(code)).code).toBe('genuine');
    expect(reloads).toBe(1);
    // The fresh ring is kept: the next code of that issuer needs no reload.
    expect((await reloading.scan(code)).code).toBe('genuine');
    expect(reloads).toBe(1);
    // A key that is still unknown after the reload stays unknown.
    const stillUnknown = scanner({ reloadKeyRing: () => Promise.resolve(ring([{ k: issuer }])) });
    expect((await stillUnknown.scan(code)).code).toBe('unknown_key');
  });

  it('revoked: by key, and by ticket', async () => {
    const [byKey] = await store(
      [{ ticketId: id(7), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' }],
      { sign: signer(stolen) },
    );
    const v = await scanner().scan(byKey);
    expect(v).toMatchObject({ code: 'revoked', revoked: 'key' });
    const [byTicket] = await store([
      { ticketId: id(8), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
    ]);
    const w = await scanner({ isTicketRevoked: (t) => t === id(8) }).scan(byTicket);
    expect(w).toMatchObject({ code: 'revoked', revoked: 'ticket' });
  });

  it.each(['used', 'refunded', 'exchanged', 'voided'] as const)(
    'a stored %s ticket says so',
    async (status) => {
      const n = 10 + ['used', 'refunded', 'exchanged', 'voided'].indexOf(status);
      const [code] = await store([
        { ticketId: id(n), performanceId: 'dnipro-lights-1', tierId: 'ga-standing', status },
      ]);
      expect((await scanner().scan(code)).code).toBe(status);
    },
  );

  it('not_found: genuine, for a performance here, sold elsewhere; seat and tier resolved from fingerprints', async () => {
    const sign = signer(issuer);
    const seatId = seat('forest-song-2', 17);
    const seated = await sign({
      ticketId: id(20),
      performanceId: 'forest-song-2',
      tierId: 'premium',
      seatId,
      issuedAt: '2026-03-01T10:00:00Z',
    });
    const v = await scanner().scan(seated);
    expect(v).toMatchObject({ code: 'not_found', performanceId: 'forest-song-2', seatId });
    const ga = await sign({
      ticketId: id(21),
      performanceId: 'dnipro-lights-1',
      tierId: 'ga-standing',
      issuedAt: '2026-03-01T10:00:00Z',
    });
    expect(await scanner().scan(ga)).toMatchObject({
      code: 'not_found',
      performanceId: 'dnipro-lights-1',
      tierId: 'ga-standing',
    });
  });

  it('wrong_venue: genuine, but for a performance this catalog does not have', async () => {
    const code = await signer(issuer)({
      ticketId: id(22),
      performanceId: 'other-venue-gala',
      tierId: 'ga',
      issuedAt: '2026-03-01T10:00:00Z',
    });
    expect((await scanner().scan(code)).code).toBe('wrong_venue');
  });

  it('mismatch: the stored ticket under that id is for another seat', async () => {
    const [code] = await store([
      {
        ticketId: id(23),
        performanceId: 'forest-song-1',
        tierId: 'premium',
        seatId: seat('forest-song-1', 2),
      },
    ]);
    await db.tickets.update(id(23), { seatId: seat('forest-song-1', 3) });
    expect((await scanner().scan(code)).code).toBe('mismatch');
  });

  it('store_error: a store that cannot be read gives a verdict, not a rejection', async () => {
    const [code] = await store([
      { ticketId: id(24), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
    ]);
    db.close({ disableAutoOpen: true });
    const v = await scanner().scan(code);
    expect(v.code).toBe('store_error');
    // A forged code is still told as forged, even with the store down.
    expect((await scanner().scan(flipSignatureBit(code!, 9))).code).toBe('bad_signature');
  });

  it('webcrypto and noble give the same verdicts', async () => {
    const codes = await store([
      {
        ticketId: id(30),
        performanceId: 'forest-song-1',
        tierId: 'premium',
        seatId: seat('forest-song-1', 5),
      },
      { ticketId: id(31), performanceId: 'dnipro-lights-1', tierId: 'ga-standing', status: 'used' },
    ]);
    const inputs = [...codes, flipSignatureBit(codes[0]!, 100), 'garbage'];
    const noble = await Promise.all(inputs.map((c) => scanner({ verifier: 'noble' }).scan(c)));
    const web = await Promise.all(inputs.map((c) => scanner({ verifier: 'webcrypto' }).scan(c)));
    expect(web.map((v) => v.code)).toEqual(noble.map((v) => v.code));
    expect(noble.map((v) => v.code)).toEqual(['genuine', 'used', 'bad_signature', 'malformed']);
  });

  it('never rejects and never says genuine for random text or a random bit flip', async () => {
    const [code] = await store([
      { ticketId: id(40), performanceId: 'dnipro-lights-1', tierId: 'ga-standing' },
    ]);
    const s = scanner();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.anything()), async (raw) => {
        const v: TicketScanVerdict = await s.scan(raw);
        expect(TICKET_SCAN_VERDICT_CODES).toContain(v.code);
        expect(v.code).not.toBe('genuine');
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 102 * 8 - 1 }), async (bit) => {
        const bytes = base45Decode(code!);
        if (!bytes.ok) throw new Error('not base45');
        const copy = bytes.value.slice();
        copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
        const v = await s.scan(base45Encode(copy));
        expect(['malformed', 'unknown_key', 'bad_signature']).toContain(v.code);
      }),
      { numRuns: 200 },
    );
  });
});

describe('loadTerminalKeyRing', () => {
  it('trusts the own key and the published ones; a published revocation of the own key wins', async () => {
    await setSetting(db, OWN_SIGNING_KEY_SETTING, issuer);
    await setSetting(db, TRUSTED_KEYS_SETTING, [
      { keyId: stranger.keyId, publicKey: stranger.publicKey },
      { keyId: 'junk' },
    ]);
    const loaded = await loadTerminalKeyRing(db);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.keys.map((k) => k.keyId).sort()).toEqual(
      [issuer.keyId, stranger.keyId].sort(),
    );
    await setSetting(db, TRUSTED_KEYS_SETTING, [
      { keyId: issuer.keyId, publicKey: issuer.publicKey, revoked: true },
    ]);
    const again = await loadTerminalKeyRing(db);
    expect(again.ok && again.value.get(issuer.keyId)?.revoked).toBe(true);
  });

  it('an empty store gives an empty ring: every code is unknown_key', async () => {
    const loaded = await loadTerminalKeyRing(db);
    expect(loaded.ok && loaded.value.keys.length).toBe(0);
  });
});
