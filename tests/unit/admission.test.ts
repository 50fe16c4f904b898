import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { admit } from '../../shared/commands';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { admitTicket } from '../../src-renderer/app/admission-service';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { projectEntry } from '../../src-renderer/sync/entry-projection';
import { closeTills, journalTypes, olena, openDemoTill, sellSeats } from './till-fixtures';

// Letting a ticket in at the door (issue 11 item 5, used-ticket marks): one `admission` entry
// marks it used in the order and the tickets table; a second admission, a refund and a void
// are refused with the reason in words; another till that receives the entry from the feed
// marks it used too.

afterEach(closeTills);

describe('admission', { timeout: 30_000 }, () => {
  it('lets a valid ticket in once; it is then used, and its refund is refused as used', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', [
      'stalls-10-9',
      'stalls-10-10',
    ]);
    const [first, second] = sale.tickets.map((t) => t.ticketId) as [string, string];

    const admitted = await admitTicket(till, first, olena);
    expect(admitted).toMatchObject({
      ok: true,
      value: { ticketId: first, orderId: sale.orderId, performanceId: 'forest-song-1' },
    });
    expect((await journalTypes(till)).at(-1)).toBe('admission');
    expect((await till.store.db.tickets.get(first))?.status).toBe('used');
    // The seat stays sold: a used ticket still holds it.
    expect(await till.store.db.seatStates.get(['forest-song-1', 'stalls-10-9'])).toBeDefined();
    const order = (await reloadOrder(till, sale.orderId))!;
    expect(order.view.tickets.map((t) => t.status)).toEqual(['used', 'valid']);

    const again = await admitTicket(till, first, olena);
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: 'This ticket has already been let in.' },
    });
    const entries = await journalTypes(till);

    const refund = await commitRefund(
      till,
      order.view,
      { ticketIds: [first], method: 'cash', reasonCode: 'customer_request' },
      olena,
    );
    expect(refund.ok).toBe(false);
    expect(!refund.ok && refund.error.message).toMatch(/already been used to enter/);
    expect(await journalTypes(till)).toEqual(entries);
    // The other ticket of the order still refunds.
    const other = await commitRefund(
      till,
      order.view,
      { ticketIds: [second], method: 'cash', reasonCode: 'customer_request' },
      olena,
    );
    expect(other.ok).toBe(true);
    // …and a refunded ticket does not get in.
    expect(await admitTicket(till, second, olena)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', details: { status: 'refunded' } },
    });
  });

  it('the rule: staff only, never in practice mode, never for a cancelled performance', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const order = (await reloadOrder(till, sale.orderId))!.view;
    const ticketId = sale.tickets[0]!.ticketId;
    const performance = till.catalog.performance('forest-song-1')!;
    const terminal = till.state();
    const input = { ticketId, performance };
    expect(admit({ terminal, order }, input, olena, till.ports).ok).toBe(true);
    const kiosk = { staffId: 'kiosk-1', role: 'kiosk' as const };
    expect(
      admit({ terminal: { ...terminal, session: kiosk }, order }, input, kiosk, till.ports),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      admit({ terminal: { ...terminal, training: true }, order }, input, olena, till.ports),
    ).toMatchObject({ ok: false, error: { code: 'training_mismatch' } });
    expect(
      admit(
        { terminal, order },
        { ticketId, performance: { ...performance, status: 'cancelled' } },
        olena,
        till.ports,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid_state', message: /cancelled/ } });
    expect(
      admit({ terminal: { ...terminal, session: null }, order }, input, olena, till.ports),
    ).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
  });

  it('another till applying the admission from the feed marks the ticket used there too', async () => {
    const a = await openDemoTill({ terminalId: 'T1' });
    const b = await openDemoTill({ terminalId: 'T2' });
    await sellSeats(a, 'forest-song-1', 'standard', ['stalls-10-9']);
    const ticketId = (await a.store.db.tickets.toArray())[0]!.id;
    expect((await admitTicket(a, ticketId, olena)).ok).toBe(true);
    const fromA = (await a.store.db.journal.toArray())
      .sort((x, y) => x.seq - y.seq)
      .filter((e) => e.type === 'sale' || e.type === 'admission') as unknown as DomainEntry[];
    await b.store.db.transaction('rw', b.store.db.tables, async () => {
      for (const e of fromA) expect(await projectEntry(b.store.db, e, 'other')).toBe(true);
    });
    expect((await b.store.db.tickets.get(ticketId))?.status).toBe('used');
    const ticket = (await b.store.db.tickets.get(ticketId))!;
    const order = (await reloadOrder(b, ticket.orderId))!;
    expect(order.view.tickets[0]!.status).toBe('used');
  });
});
