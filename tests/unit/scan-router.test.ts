import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContractClient } from '../../shared/ipc/client';
import type { ScanEventPayload, ScannerStatus } from '../../shared/ipc/scanner';
import { scannerStatus } from '../../shared/ipc/scanner';
import type { AttachWedgeOptions } from '../../src-renderer/devices/keyboard-wedge';
import { connectScanSources, createScanRouter } from '../../src-renderer/devices/scan-router';
import type {
  IncomingScan,
  ScanSourceClient,
  ScanVerdict,
} from '../../src-renderer/devices/scan-router';
import { indexCatalog } from '../../shared/catalog/catalog';
import { ok } from '../../shared/util/result';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { signingKeyFromSeed } from '../../shared/tickets/signing-key';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import type { TicketScanVerdict } from '../../src-renderer/scan';
import { createTicketScanner } from '../../src-renderer/scan';
import { buildStoredSale } from '../support/scan-fixtures';
import { openTestDb } from './store-fixtures';

const at = '2026-11-22T20:00:00.000Z';
const NOW = Date.parse('2026-03-02T10:00:00Z');
const scan = (data: string): IncomingScan => ({ source: 'wedge', data, at });

/** For routers whose tests send no ticket codes: any ticket check is a test bug. */
const noTickets = (): Promise<TicketScanVerdict> =>
  Promise.reject(new Error('no ticket expected in this test'));

/**
 * Real signed codes, a real store (fake-indexeddb) and the real ticket scanner the app's
 * router asks (noble backend: no WebCrypto needed). `sell` stores a one-ticket sale.
 */
function ticketWorld() {
  const key = signingKeyFromSeed(new Uint8Array(32).fill(7));
  if (!key.ok) throw new Error('seed');
  const signer = createTicketSigner(key.value.privateKey, key.value.keyId, 'noble');
  if (!signer.ok) throw new Error('signer');
  const sign = signer.value;
  const ring = createKeyRing([{ keyId: key.value.keyId, publicKey: key.value.publicKey }]);
  if (!ring.ok) throw new Error('ring');
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, NOW);
  if (!built.ok) throw new Error(built.error.message);
  const catalog = indexCatalog(built.value);
  const db = openTestDb();
  const scanner = createTicketScanner({ db, catalog, keyRing: ring.value, verifier: 'noble' });
  const checked: string[] = [];
  let receiptNo = 0;
  async function sell(ticketId: string): Promise<string> {
    receiptNo += 1;
    const sale = await buildStoredSale({
      catalog,
      sign,
      terminalId: 'T01',
      orderId: `01936a5e-8f00-7000-9000-${receiptNo.toString(16).padStart(12, '0')}`,
      receiptNo,
      at: '2026-03-01T10:00:00Z',
      tickets: [{ ticketId, performanceId: 'dnipro-lights-1', tierId: 'ga-standing' }],
      tender: 'cash',
      tenderId: `01936a5e-8f00-7000-a000-${receiptNo.toString(16).padStart(12, '0')}`,
    });
    await db.orders.add(sale.order);
    await db.tickets.bulkAdd(sale.tickets);
    return sale.tickets[0]!.code;
  }
  const checkTicket = (code: string) => {
    checked.push(code);
    return scanner.scan(code);
  };
  return { sell, checkTicket, checked, db };
}

const accepted = (flow: string, data: string, code = 'ok'): ScanVerdict => ({
  outcome: 'accepted',
  flow,
  kind: 'voucher',
  data,
  code,
  message: 'ok',
});

describe('scan router', () => {
  it('idle: a genuine ticket shows as valid, a used one as used, a bit-flipped one as not genuine', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ checkTicket: world.checkTicket });
    const id = '01936a5e-8f00-7000-8000-000000000001';
    const code = await world.sell(id);

    const genuine = await router.route(scan(code));
    expect(genuine).toMatchObject({
      outcome: 'accepted',
      flow: 'idle',
      kind: 'ticket',
      code: 'ticket_genuine',
    });
    // The status only: the idle verdict carries no refund decision.
    expect(genuine.ticket?.code).toBe('genuine');
    expect(genuine.ticket).not.toHaveProperty('evaluation');
    await world.db.tickets.update(id, { status: 'used' });
    expect(await router.route(scan(code))).toMatchObject({
      outcome: 'rejected',
      code: 'ticket_used',
    });
    // Change one character of the signature part (end of the code), staying in the base45 set.
    const last = code.at(-2) === '0' ? '1' : '0';
    const forged = `${code.slice(0, -2)}${last}${code.slice(-1)}`;
    const verdict = await router.route(scan(forged));
    expect(verdict.outcome === 'rejected' || verdict.outcome === 'malformed').toBe(true);
    expect(['ticket_bad_signature', 'ticket_malformed']).toContain(verdict.code);
    world.db.close();
  });

  it('a ticket is checked once, before any flow, and every flow asked receives that verdict', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ checkTicket: world.checkTicket });
    const id = '01936a5e-8f00-7000-8000-000000000002';
    const code = await world.sell(id);
    const received: (string | undefined)[] = [];
    router.register({
      id: 'refund',
      accepts: ['ticket'],
      handle: (s) => {
        received.push(s.ticket?.code);
        return s.ticket?.code === 'genuine' && 'scanned' in s.ticket
          ? { ...accepted('refund', s.data), kind: s.kind, code: s.ticket.scanned.record.orderId }
          : null;
      },
    });
    router.register({
      id: 'dialog',
      priority: 10,
      handle: (s) => {
        received.push(s.ticket?.code);
        return null;
      },
    });
    const verdict = await router.route(scan(code));
    expect(verdict).toMatchObject({ flow: 'refund', code: '01936a5e-8f00-7000-9000-000000000001' });
    expect(received).toEqual(['genuine', 'genuine']);
    expect(world.checked).toEqual([code]);
    // Not ticket-shaped: no ticket check at all.
    await router.route(scan('R-T01-000001'));
    expect(world.checked).toEqual([code]);
    world.db.close();
  });

  it('malformed input gives a verdict, never a throw', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ checkTicket: world.checkTicket });
    expect(await router.route(scan('AB\u0000CD'))).toMatchObject({
      outcome: 'malformed',
      flow: 'router',
      code: 'invalid_characters',
    });
    expect(await router.route(scan(''))).toMatchObject({ outcome: 'malformed', code: 'empty' });
    expect(await router.route(scan('X'.repeat(5000)))).toMatchObject({
      outcome: 'malformed',
      code: 'too_long',
    });
    // Ticket-shaped but not a ticket: the verifier's malformed verdict, passed through.
    expect(await router.route(scan('A'.repeat(60)))).toMatchObject({
      outcome: 'malformed',
      flow: 'idle',
      code: 'ticket_malformed',
    });
    expect(await router.route(scan('hello world!'))).toMatchObject({
      outcome: 'ignored',
      code: 'unrecognised_code',
    });
    world.db.close();
  });

  it('the newest flow of the highest priority decides; unregistering pops it', async () => {
    const router = createScanRouter({ checkTicket: noTickets });
    const seen: string[] = [];
    const offSell = router.register({
      id: 'sell',
      accepts: ['voucher', 'promo'],
      handle: (s) => {
        seen.push(`sell:${s.kind}`);
        return accepted('sell', s.data);
      },
    });
    const offRefund = router.register({
      id: 'refund',
      accepts: ['ticket', 'receipt'],
      handle: (s) => {
        seen.push(`refund:${s.kind}`);
        return { ...accepted('refund', s.data), kind: s.kind };
      },
    });
    const offDialog = router.register({
      id: 'approval-dialog',
      priority: 10,
      handle: () => null, // looks, declines: falls through
    });
    expect(router.activeFlows()).toEqual(['approval-dialog', 'refund', 'sell']);

    expect(await router.route(scan('CV-7KQ2-M9XD'))).toMatchObject({ flow: 'sell' });
    expect(await router.route(scan('R-T01-000123'))).toMatchObject({
      flow: 'refund',
      kind: 'receipt',
    });
    offRefund();
    expect(await router.route(scan('R-T01-000123'))).toMatchObject({
      flow: 'idle',
      outcome: 'ignored',
      code: 'no_flow_for_kind',
    });
    offDialog();
    offSell();
    expect(router.activeFlows()).toEqual([]);
    expect(seen).toEqual(['sell:voucher', 'refund:receipt']);
  });

  it('a flow that throws or rejects yields an error verdict, and routing goes on', async () => {
    const verdicts: ScanVerdict[] = [];
    const router = createScanRouter({
      checkTicket: noTickets,
      onVerdict: (v) => {
        verdicts.push(v);
        throw new Error('listener bug');
      },
    });
    const off = router.register({
      id: 'sell',
      handle: (s) => {
        if (s.data === 'BOOM1') throw new Error('sync bug');
        if (s.data === 'BOOM2') return Promise.reject(new Error('async bug'));
        return accepted('sell', s.data);
      },
    });
    expect(await router.route(scan('BOOM1'))).toMatchObject({
      outcome: 'error',
      flow: 'sell',
      code: 'handler_failed',
      details: { cause: 'sync bug' },
    });
    expect(await router.route(scan('BOOM2'))).toMatchObject({ outcome: 'error' });
    expect(await router.route(scan('CV-7KQ2-M9XD'))).toMatchObject({ outcome: 'accepted' });
    off();
    const failing = createScanRouter({ checkTicket: () => Promise.reject(new Error('db gone')) });
    expect(await failing.route(scan('A'.repeat(60)))).toMatchObject({
      outcome: 'error',
      flow: 'router',
      details: { cause: 'db gone' },
    });
    expect(verdicts).toHaveLength(3);
  });

  it('handles scans one at a time in arrival order, even when a handler is slow', async () => {
    const router = createScanRouter({ checkTicket: noTickets });
    const order: string[] = [];
    router.register({
      id: 'sell',
      handle: async (s) => {
        order.push(`start:${s.data}`);
        if (s.data === 'SLOW1') await new Promise((r) => setTimeout(r, 20));
        order.push(`end:${s.data}`);
        return accepted('sell', s.data);
      },
    });
    const results = await Promise.all(
      ['SLOW1', 'FAST2', 'FAST3'].map((d) => router.route(scan(d))),
    );
    expect(results.map((r) => r.data)).toEqual(['SLOW1', 'FAST2', 'FAST3']);
    expect(order).toEqual([
      'start:SLOW1',
      'end:SLOW1',
      'start:FAST2',
      'end:FAST2',
      'start:FAST3',
      'end:FAST3',
    ]);
  });

  it('connectScanSources routes serial events and wedge scans, and honours wedge.enabled', async () => {
    expectTypeOf<ContractClient>().toExtend<ScanSourceClient>();
    const verdicts: string[] = [];
    const router = createScanRouter({
      checkTicket: noTickets,
      onVerdict: (v, s) => verdicts.push(`${s.source}:${v.data}`),
    });
    let serialListener: ((p: ScanEventPayload) => void) | null = null;
    const make = (enabled: boolean): ScanSourceClient => ({
      call: () =>
        Promise.resolve(
          ok<ScannerStatus>(scannerStatus.parse({ ports: [], wedge: { ...defaults, enabled } })),
        ),
      on: (_event, listener) => {
        serialListener = listener;
        return () => {
          serialListener = null;
        };
      },
    });
    const defaults = { maxGapMs: 30, maxStallMs: 100, minLength: 4, terminators: ['Enter'] };
    let wedgeOptions: AttachWedgeOptions | null = null;
    let detached = 0;
    const attachWedge = (o: AttachWedgeOptions) => {
      wedgeOptions = o;
      return { configure: () => undefined, detach: () => void detached++ };
    };

    const off = await connectScanSources({ router, client: make(true), attachWedge });
    serialListener!({ source: 'serial', port: '/dev/ttyACM0', data: 'CV-SERIAL1', at });
    wedgeOptions!.onScan({ source: 'wedge', data: 'CV-WEDGE01', at });
    await router.route({ source: 'manual', data: 'FLUSH', at });
    expect(verdicts).toEqual(['serial:CV-SERIAL1', 'wedge:CV-WEDGE01', 'manual:FLUSH']);
    expect(wedgeOptions!.options).toMatchObject({ maxGapMs: 30, minLength: 4 });
    off();
    expect(serialListener).toBeNull();
    expect(detached).toBe(1);

    wedgeOptions = null;
    const off2 = await connectScanSources({ router, client: make(false), attachWedge });
    expect(wedgeOptions).toBeNull();
    off2();
  });
});
