import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { BASE45_ALPHABET as BASE45 } from '../../shared/crypto/base45';
import { exchangeFlowActors } from '../../src-renderer/app/exchange-flow-actors';
import { refundFlowActors } from '../../src-renderer/app/refund-flow-actors';
import type { OrderScanPorts } from '../../src-renderer/app/scanning';
import { createScanPath, orderScanVerdict } from '../../src-renderer/app/scanning';
import type { Till } from '../../src-renderer/app/till';
import type { IncomingScan } from '../../src-renderer/devices/scan-router';
import { exchangeMachine } from '../../src-renderer/flows/exchange/exchange-machine';
import type { OrderFoundEvent } from '../../src-renderer/flows/order-lookup';
import { refundMachine } from '../../src-renderer/flows/refund/refund-machine';
import { loadTerminalKeyRing } from '../../src-renderer/scan';
import { closeTills, olena, openDemoTill, printerClient, sellSeats } from './till-fixtures';

// The scan path as on the refund and exchange screens, on a real till (fake-indexeddb, demo
// venue): scanner text → router (ticket checked once) → the screen's verdict, and the found
// order handed to the real flow as ORDER.FOUND. No FIND, no waiting on the flow for a verdict.

afterEach(closeTills);

const scan = (data: string): IncomingScan => ({
  source: 'wedge',
  data,
  at: '2026-03-02T10:00:00Z',
});

async function scanPath(till: Till, flow: 'refund' | 'exchange', open: OrderScanPorts['open']) {
  const ring = await loadTerminalKeyRing(till.store.db);
  if (!ring.ok) throw new Error(ring.error.message);
  const path = createScanPath({ db: till.store.db, catalog: till.catalog, keyRing: ring.value });
  path.router.register({
    id: flow,
    accepts: ['ticket', 'receipt'],
    handle: (s) =>
      orderScanVerdict(flow, s, { open, findReceipt: path.findReceipt, busyMessage: 'busy' }),
  });
  return path.router;
}

function refundActor(till: Till) {
  const actors = refundFlowActors({
    till,
    client: printerClient('printed').client,
    locale: () => 'en',
    ticketScanner: () => null,
  });
  const actor = createActor(refundMachine.provide({ actors }), { input: { staff: olena } });
  actor.start();
  return actor;
}

function forge(code: string): string {
  const at = 120; // inside the signature: still base45, no longer genuine
  const i = BASE45.indexOf(code.charAt(at));
  return code.slice(0, at) + BASE45.charAt(i > 0 ? i - 1 : i + 1) + code.slice(at + 1);
}

describe('scans on the order screens', { timeout: 30_000 }, () => {
  it('refund: a scanned ticket opens its order with that ticket chosen, and the flow evaluates it', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-1', 'stalls-12-2']);
    const ticket = sale.tickets[1]!;
    const actor = refundActor(till);
    const router = await scanPath(till, 'refund', (e) => {
      actor.send(e);
      return true;
    });
    const verdict = await router.route(scan(`${ticket.code}\r`));
    expect(verdict).toMatchObject({ outcome: 'accepted', flow: 'refund', code: 'order_opened' });
    const s = await waitFor(actor, (x) => x.matches('reviewing') && x.context.plan !== null);
    expect(s.context.order?.orderId).toBe(sale.orderId);
    expect(s.context.selected).toEqual([ticket.ticketId]);
    expect(s.context.plan?.tickets.map((t) => t.ticketId)).toEqual([ticket.ticketId]);
    expect(s.context.matches[0]).toMatchObject({ orderId: sale.orderId, receiptNo: 1 });
  });

  it('refund: a forged code is refused in words and the flow is not touched', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-3']);
    const sent: OrderFoundEvent[] = [];
    const router = await scanPath(till, 'refund', (e) => sent.push(e) > 0);
    const verdict = await router.route(scan(forge(sale.tickets[0]!.code)));
    // An untrusted code: 'malformed', which the panel shows as an alert, like any refusal.
    expect(verdict).toMatchObject({ outcome: 'malformed', code: 'ticket_bad_signature' });
    expect(verdict.ticket?.code).toBe('bad_signature');
    expect(sent).toEqual([]);
  });

  it('refund: a receipt barcode opens its order with nothing chosen; an unknown one says not found', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-4']);
    const actor = refundActor(till);
    const router = await scanPath(till, 'refund', (e) => {
      actor.send(e);
      return true;
    });
    expect(await router.route(scan('R-T1-000001'))).toMatchObject({ code: 'order_opened' });
    const s = await waitFor(actor, (x) => x.matches('reviewing'));
    expect(s.context.order?.orderId).toBe(sale.orderId);
    expect(s.context.selected).toEqual([]);
    expect(s.context.plan).toBeNull();
    expect(await router.route(scan('R-T1-000099'))).toMatchObject({
      outcome: 'rejected',
      code: 'order_not_found',
    });
  });

  it('a flow that is saving gets nothing, and the scan is answered "busy" at once', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-5']);
    const router = await scanPath(till, 'refund', () => false);
    expect(await router.route(scan(sale.tickets[0]!.code))).toMatchObject({
      outcome: 'rejected',
      code: 'flow_busy',
      message: 'busy',
    });
  });

  it('exchange: a scanned ticket opens its order with that ticket chosen', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-6', 'stalls-12-7']);
    const ticket = sale.tickets[0]!;
    const actor = createActor(
      exchangeMachine.provide({
        actors: exchangeFlowActors({
          till,
          client: printerClient('printed').client,
          locale: () => 'en',
          ticketScanner: () => null,
        }),
      }),
      { input: { cartId: 'cart-scan-1', staff: olena } },
    );
    actor.start();
    const router = await scanPath(till, 'exchange', (e) => {
      actor.send(e);
      return true;
    });
    expect(await router.route(scan(ticket.code))).toMatchObject({ code: 'order_opened' });
    const s = actor.getSnapshot();
    expect(s.matches('choosingTickets')).toBe(true);
    expect(s.context.order?.orderId).toBe(sale.orderId);
    expect(s.context.selected).toEqual([ticket.ticketId]);
    actor.stop();
  });
});
