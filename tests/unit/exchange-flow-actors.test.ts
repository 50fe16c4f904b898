// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { exchangeFlowActors } from '../../src-renderer/app/exchange-flow-actors';
import { findQueryOf } from '../../src-renderer/app/order-flow-actors';
import { reloadOrder } from '../../src-renderer/app/order-service';
import type { Till } from '../../src-renderer/app/till';
import { exchangeMachine } from '../../src-renderer/flows/exchange/exchange-machine';
import { slipTextLines, type SlipDocument } from '../../shared/slips';
import { UAH } from './flows-fixtures';
import {
  closeTills,
  journalTypes,
  olena,
  openDemoTill,
  printerClient,
  sellSeats,
} from './till-fixtures';

// The exchange machine driven by its real adapters on a real till (fake-indexeddb): seat
// holds in the store under the flow's cart, the exchange service's quote, the domain
// `exchange` command through the one strict commit, and the new tickets sent to the printer.

afterEach(closeTills);

function startFlow(till: Till, cartId: string) {
  const printer = printerClient('printed');
  const actor = createActor(
    exchangeMachine.provide({
      actors: exchangeFlowActors({
        till,
        client: printer.client,
        locale: () => 'uk',
        ticketScanner: () => null,
      }),
    }),
    { input: { cartId, staff: olena, cashIncrement: till.settings.cashRoundingIncrement } },
  );
  actor.start();
  return { actor, printer };
}

type Flow = ReturnType<typeof startFlow>['actor'];

async function toNewSeat(a: Flow, ticketId: string) {
  a.send({ type: 'FIND', query: findQueryOf('T1-000001')! });
  await waitFor(a, (s) => s.matches('choosingTickets'));
  a.send({ type: 'TICKET.TOGGLE', ticketId });
  a.send({ type: 'CONTINUE' });
  a.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
  a.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-5-5'] });
  return waitFor(
    a,
    (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
  );
}

describe('exchange flow actors on a real till', { timeout: 30_000 }, () => {
  it('holds the new seat, quotes, takes the difference in cash, commits atomically and prints the new ticket', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const ticketId = sale.tickets[0]!.ticketId;
    const { actor, printer } = startFlow(till, 'cart-x1');
    const held = await toNewSeat(actor, ticketId);
    expect(held.context.error).toBeNull();
    // The hold is in the store under this flow's cart, so no other till can sell the seat.
    expect(await till.store.db.seatStates.get(['forest-song-2', 'stalls-5-5'])).toMatchObject({
      state: 'held',
      holdId: 'cart-x1',
    });
    actor.send({ type: 'QUOTE' });
    const settling = await waitFor(actor, (s) => s.matches('settling'));
    const quote = settling.context.quote!;
    expect(quote.settlement).toBe('collect');
    expect(quote.due.amount).toBeGreaterThan(0);
    actor.send({ type: 'CONFIRM' });
    expect(actor.getSnapshot().context.error?.code).toBe('not_settled');
    actor.send({ type: 'TENDER.CASH', tendered: UAH(5_000) });
    actor.send({ type: 'CONFIRM' });
    const end = await waitFor(actor, (s) => s.status === 'done');
    expect(end.output?.outcome).toBe('completed');
    expect(end.output?.exchange).toMatchObject({
      receiptNo: 2,
      difference: quote.due,
      training: false,
    });
    // The commit reads the order again, so the screen shows it as the exchange left it.
    expect(
      end.output?.exchange?.order?.tickets.map((t) => [t.ticket.ticketId === ticketId, t.status]),
    ).toEqual([
      [true, 'exchanged'],
      [false, 'valid'],
    ]);
    expect((await journalTypes(till)).slice(-1)).toEqual(['exchange']);
    const order = await reloadOrder(till, sale.orderId);
    expect(order?.view.tickets.map((t) => t.status)).toEqual(['exchanged', 'valid']);
    expect(await till.store.db.seatStates.get(['forest-song-2', 'stalls-5-5'])).toMatchObject({
      state: 'sold',
    });
    expect(await till.store.db.seatStates.get(['forest-song-1', 'stalls-10-9'])).toBeUndefined();
    // The exchange receipt first (issue 10 item 4), then the new ticket.
    const exchangeId = end.output!.exchange!.exchangeId;
    expect(printer.jobs.map((j) => j.jobId)).toEqual([
      `exchange-${exchangeId}-receipt`,
      `exchange-${exchangeId}-1`,
    ]);
    // In the flow's language (uk), with seats by name: the old one void, the new one issued.
    const receipt = slipTextLines(printer.jobs[0]!.document as SlipDocument);
    expect(receipt).toContain('Повернені квитки (анульовано)');
    expect(receipt).toContain('  Stalls, ряд 10, місце 9');
    expect(receipt).toContain('  Stalls, ряд 5, місце 5');
  });

  it('cancelling lets the held seat go and writes nothing', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const before = await journalTypes(till);
    const { actor, printer } = startFlow(till, 'cart-x2');
    await toNewSeat(actor, sale.tickets[0]!.ticketId);
    expect(await till.store.db.seatStates.get(['forest-song-2', 'stalls-5-5'])).toBeDefined();
    actor.send({ type: 'CANCEL' });
    const end = await waitFor(actor, (s) => s.status === 'done');
    expect(end.output).toEqual({ outcome: 'cancelled', exchange: null });
    expect(await till.store.db.seatStates.get(['forest-song-2', 'stalls-5-5'])).toBeUndefined();
    expect(await journalTypes(till)).toEqual(before);
    expect(printer.jobs).toHaveLength(0);
  });

  it('a seat another cart holds is refused by the hold, in the flow, with nothing held', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const first = startFlow(till, 'cart-a');
    await toNewSeat(first.actor, sale.tickets[0]!.ticketId);
    const second = startFlow(till, 'cart-b');
    second.actor.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } });
    await waitFor(second.actor, (s) => s.matches('choosingTickets'));
    second.actor.send({ type: 'TICKET.TOGGLE', ticketId: sale.tickets[0]!.ticketId });
    second.actor.send({ type: 'CONTINUE' });
    second.actor.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
    second.actor.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-5-5'] });
    const refused = await waitFor(
      second.actor,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.error !== null,
    );
    expect(refused.context.error?.code).toBe('seat_unavailable');
    expect(refused.context.seats).toEqual([]);
    first.actor.stop();
    second.actor.stop();
  });
});
