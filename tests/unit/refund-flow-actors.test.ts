// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { BASE45_ALPHABET as BASE45 } from '../../shared/crypto/base45';
import { findQueryOf } from '../../src-renderer/app/order-flow-actors';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { refundFlowActors } from '../../src-renderer/app/refund-flow-actors';
import { commitSale } from '../../src-renderer/app/sale-service';
import type { Till } from '../../src-renderer/app/till';
import { refundMachine } from '../../src-renderer/flows/refund/refund-machine';
import { createTicketScanner, loadTerminalKeyRing } from '../../src-renderer/scan';
import { UAH } from './flows-fixtures';
import {
  closeTills,
  journalTypes,
  olena,
  openDemoTill,
  printerClient,
  sellSeats,
} from './till-fixtures';
import { readEntries } from '../../src-renderer/store';

afterEach(closeTills);

// The refund machine driven by its real adapters: a real till (store, domain commands, the
// strict commit path) on fake-indexeddb, the demo venue, the real PBKDF2 PIN check and the
// real ticket scanner. Only the printer is faked, at the contract client's transport.

async function startFlow(till: Till, answer: 'printed' | 'failed' = 'printed', scan = true) {
  const printer = printerClient(answer);
  const keyRing = await loadTerminalKeyRing(till.store.db);
  if (!keyRing.ok) throw new Error(keyRing.error.message);
  const scanner = createTicketScanner({
    db: till.store.db,
    catalog: till.catalog,
    keyRing: keyRing.value,
  });
  const actors = refundFlowActors({
    till,
    client: printer.client,
    locale: () => 'en',
    ticketScanner: () => (scan ? scanner : null),
  });
  const actor = createActor(refundMachine.provide({ actors }), { input: { staff: olena } });
  actor.start();
  return { actor, printer };
}

// PBKDF2 sign-in and demo seeding take a second or two each on a 2-core machine.
describe('refund flow actors on a real till', { timeout: 30_000 }, () => {
  it('finds the sale by its receipt number, refunds one ticket in cash, reloads the order and prints the voucher', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', [
      'stalls-10-9',
      'stalls-10-10',
    ]);
    const { actor, printer } = await startFlow(till);
    actor.send({ type: 'FIND', query: findQueryOf('T1-000001')! });
    let s = await waitFor(actor, (x) => x.matches('reviewing'));
    expect(s.context.order?.orderId).toBe(sale.orderId);
    expect(s.context.selected).toEqual([]);
    const ticketId = sale.tickets[0]!.ticketId;
    actor.send({ type: 'TICKET.TOGGLE', ticketId });
    s = await waitFor(actor, (x) => x.matches('reviewing'));
    // 50 % of 600.00 minus the 20.00 minimum fee: the same figures the domain will commit.
    expect(s.context.plan?.total).toEqual(UAH(280));
    actor.send({ type: 'METHOD.CHOOSE', method: 'cash' });
    actor.send({ type: 'CONTINUE' });
    const end = await waitFor(actor, (x) => x.status === 'done');
    expect(end.output).toMatchObject({
      outcome: 'completed',
      refund: { receiptNo: 2, total: UAH(280), method: 'cash', training: false },
    });
    expect((await journalTypes(till)).slice(-1)).toEqual(['refund']);
    // The machine's order is the one now in the store: that ticket is refunded, the other not.
    const statuses = end.context.order?.tickets.map((t) => [t.ticket.ticketId, t.status]);
    expect(statuses).toEqual([
      [ticketId, 'refunded'],
      [sale.tickets[1]!.ticketId, 'valid'],
    ]);
    expect((await reloadOrder(till, sale.orderId))?.record.status).toBe('partially_refunded');
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.jobId).toBe(`refund-${end.output!.refund!.refundId}`);
    expect(JSON.stringify(printer.jobs[0]!.document)).toContain('T1-000001');
  });

  it('a wrong supervisor PIN keeps the flow on approval and writes nothing; cancelling writes nothing either', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-2', 'premium', ['stalls-2-9', 'stalls-2-10']);
    const before = await journalTypes(till);
    const { actor } = await startFlow(till);
    actor.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } });
    await waitFor(actor, (x) => x.matches('reviewing'));
    for (const t of sale.tickets) actor.send({ type: 'TICKET.TOGGLE', ticketId: t.ticketId });
    const r = await waitFor(actor, (x) => x.matches('reviewing') && x.context.plan !== null);
    expect(r.context.plan?.requiredRole).toBe('supervisor');
    actor.send({ type: 'CONTINUE' });
    // The commit is tried first and refused for want of a supervisor: nothing is written.
    await waitFor(actor, (x) => x.matches('approval'));
    expect(await journalTypes(till)).toEqual(before);
    actor.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '9999' });
    const refused = await waitFor(actor, (x) => x.matches('approval') && x.context.error !== null);
    expect(refused.context.error?.code).toBe('wrong_pin');
    // Main's PIN check counts the attempt: the details say how many are left.
    expect(refused.context.error?.details).toMatchObject({ attemptsLeft: expect.any(Number) });
    expect(await journalTypes(till)).toEqual(before);
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled', refund: null });
    expect(await journalTypes(till)).toEqual(before);

    const second = await startFlow(till);
    second.actor.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } });
    await waitFor(second.actor, (x) => x.matches('reviewing'));
    for (const t of sale.tickets)
      second.actor.send({ type: 'TICKET.TOGGLE', ticketId: t.ticketId });
    const decided = await waitFor(
      second.actor,
      (x) => x.matches('reviewing') && x.context.plan !== null,
    );
    second.actor.send({ type: 'CONTINUE' });
    await waitFor(second.actor, (x) => x.matches('approval'));
    second.actor.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' });
    const end = await waitFor(second.actor, (x) => x.status === 'done');
    // What the cashier read out is what the domain committed.
    expect(end.output?.refund?.total).toEqual(decided.context.plan?.total);
    expect((await journalTypes(till)).slice(before.length)).toEqual(['approval', 'refund']);
  });

  it('a scanned ticket opens its order preselected; a forged one is refused without a lookup', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-11-1', 'stalls-11-2']);
    const ticket = sale.tickets[1]!;
    const { actor } = await startFlow(till);
    const at = 120; // inside the signature: still base45, no longer genuine
    const i = BASE45.indexOf(ticket.code.charAt(at));
    const forged =
      ticket.code.slice(0, at) + BASE45.charAt(i > 0 ? i - 1 : i + 1) + ticket.code.slice(at + 1);
    actor.send({ type: 'FIND', query: findQueryOf(forged)! });
    const refused = await waitFor(actor, (x) => x.matches('finding') && x.context.error !== null);
    expect(refused.context.error?.code).toBe('forged');
    expect(refused.context.order).toBeNull();
    actor.send({ type: 'FIND', query: findQueryOf(ticket.code)! });
    const opened = await waitFor(actor, (x) => x.matches('reviewing'));
    expect(opened.context.selected).toEqual([ticket.ticketId]);
    expect(opened.context.plan?.total).toEqual(UAH(280));
  });

  it('without the scanner only a stored code matches; a customer search with no match says so', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-1']);
    const { actor } = await startFlow(till, 'printed', false);
    actor.send({ type: 'FIND', query: { kind: 'ticket_code', code: `${sale.tickets[0]!.code}X` } });
    let s = await waitFor(actor, (x) => x.matches('finding') && x.context.error !== null);
    expect(s.context.error?.code).toBe('not_found');
    actor.send({ type: 'FIND', query: { kind: 'ticket_code', code: sale.tickets[0]!.code } });
    s = await waitFor(actor, (x) => x.matches('reviewing'));
    expect(s.context.selected).toEqual([sale.tickets[0]!.ticketId]);
    const other = await startFlow(till);
    other.actor.send({ type: 'FIND', query: { kind: 'customer', text: 'nobody-at-all' } });
    s = await waitFor(other.actor, (x) => x.matches('finding') && x.context.error !== null);
    expect(s.context.error?.code).toBe('not_found');
  });

  it('a printer failure leaves the refund committed: retry, then skip', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-5']);
    const { actor, printer } = await startFlow(till, 'failed');
    actor.send({ type: 'FIND', query: findQueryOf(sale.tickets[0]!.code)! });
    await waitFor(actor, (x) => x.matches('reviewing'));
    actor.send({ type: 'METHOD.CHOOSE', method: 'cash' });
    actor.send({ type: 'CONTINUE' });
    let s = await waitFor(actor, (x) => x.matches('printFailed'));
    expect(s.context.printError).toMatchObject({ code: 'print_failed' });
    expect(s.context.refund?.receiptNo).toBe(2);
    expect((await journalTypes(till)).slice(-1)).toEqual(['refund']);
    actor.send({ type: 'PRINT.RETRY' });
    s = await waitFor(actor, (x) => x.matches('printFailed') && printer.jobs.length === 2);
    expect(s.context.refund?.receiptNo).toBe(2);
    actor.send({ type: 'PRINT.SKIP' });
    expect(actor.getSnapshot().output?.outcome).toBe('completed');
    // Both attempts printed the same voucher (same job id: the queue dedupes a reprint).
    expect(new Set(printer.jobs.map((j) => j.jobId)).size).toBe(1);
  });
});

describe('refund to the original card', { timeout: 30_000 }, () => {
  it('carries the card terminal approval code into the journalled payout', async () => {
    const till = await openDemoTill();
    const sold = await commitSale(
      till,
      {
        items: [{ performanceId: 'forest-song-1', tierId: 'standard', seatId: 'stalls-13-1' }],
        tenders: [{ kind: 'card', amount: UAH(620), approvalCode: 'SALE01', last4: '4242' }],
      },
      olena,
    );
    if (!sold.ok) throw new Error(sold.error.message);
    const sale = sold.value.sale;
    const { actor } = await startFlow(till);
    actor.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: sale.receiptNo } });
    await waitFor(actor, (x) => x.matches('reviewing'));
    actor.send({ type: 'TICKET.TOGGLE', ticketId: sale.tickets[0]!.ticketId });
    const r = await waitFor(actor, (x) => x.matches('reviewing'));
    expect(r.context.method).toBe('original_tender');
    actor.send({
      type: 'CARD.APPROVAL',
      tenderId: sale.tenders[0]!.tenderId,
      approvalCode: 'RF42',
    });
    actor.send({ type: 'CONTINUE' });
    await waitFor(actor, (x) => x.status === 'done');
    const entries = await readEntries(till.store.db, await till.store.db.journal.toArray());
    const refund = entries.find((e) => e.type === 'refund')?.payload as unknown as {
      payouts: { kind: string; approvalCode?: string }[];
    };
    expect(refund.payouts).toEqual([
      expect.objectContaining({ kind: 'card', approvalCode: 'RF42' }),
    ]);
  });
});

describe('findQueryOf', () => {
  it('reads receipts, ticket codes and names the way the cashier types or scans them', () => {
    expect(findQueryOf('  ')).toBeNull();
    expect(findQueryOf('42')).toEqual({ kind: 'receipt', receiptNo: 42 });
    expect(findQueryOf('T1-000042')).toEqual({ kind: 'receipt', receiptNo: 42, terminalId: 'T1' });
    expect(findQueryOf('R-T2-000007')).toEqual({ kind: 'receipt', receiptNo: 7, terminalId: 'T2' });
    expect(findQueryOf('oksana')).toEqual({ kind: 'customer', text: 'oksana' });
    const code = 'A'.repeat(153);
    expect(findQueryOf(code)).toEqual({ kind: 'ticket_code', code });
  });
});
