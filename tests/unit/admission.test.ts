import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIT_AFTER_START_MS, admit, DOORS_OPEN_BEFORE_MS } from '../../shared/commands';
import type { SalePayload } from '../../shared/journal/entry-types';
import { UAH } from './flows-fixtures';
import { commitSale, inventoryFor } from '../../src-renderer/app/sale-service';
import type { Till } from '../../src-renderer/app/till';
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

/** One standing ticket for tonight's concert (doors are open: it starts in 4 hours). */
async function sellTonight(till: Till): Promise<SalePayload> {
  const sold = await commitSale(
    till,
    {
      items: [{ performanceId: 'dnipro-lights-tonight', tierId: 'ga-standing', quantity: 1 }],
      tenders: [{ kind: 'cash', tendered: UAH(10_000) }],
    },
    olena,
  );
  if (!sold.ok) throw new Error(sold.error.message);
  return sold.value.sale;
}

describe('admission', { timeout: 30_000 }, () => {
  it('lets a valid ticket in once, on its night; it is then used, and its refund is refused as used', async () => {
    const till = await openDemoTill();
    const before = await inventoryFor(till, 'dnipro-lights-tonight');
    const sale = await sellTonight(till);
    const tonight = sale.tickets[0]!.ticketId;
    const sold = await inventoryFor(till, 'dnipro-lights-tonight');
    expect(sold.sold).toBe(before.sold + 1);

    const admitted = await admitTicket(till, tonight, olena);
    expect(admitted).toMatchObject({
      ok: true,
      value: { ticketId: tonight, orderId: sale.orderId, performanceId: 'dnipro-lights-tonight' },
    });
    expect((await journalTypes(till)).at(-1)).toBe('admission');
    expect((await till.store.db.tickets.get(tonight))?.status).toBe('used');
    // Its holder is inside: the place stays taken (it does not go back on sale).
    const after = await inventoryFor(till, 'dnipro-lights-tonight');
    expect(after.sold).toBe(sold.sold);
    expect(after.gaAvailable).toEqual(sold.gaAvailable);
    const order = (await reloadOrder(till, sale.orderId))!;
    expect(order.view.tickets.map((t) => t.status)).toEqual(['used']);

    const again = await admitTicket(till, tonight, olena);
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: 'This ticket has already been let in.' },
    });
    const entries = await journalTypes(till);
    const refund = await commitRefund(
      till,
      order.view,
      { ticketIds: [tonight], method: 'cash', reasonCode: 'customer_request' },
      olena,
    );
    expect(refund.ok).toBe(false);
    expect(!refund.ok && refund.error.message).toMatch(/already been used to enter/);
    expect(await journalTypes(till)).toEqual(entries);

    // A genuine, unused ticket for a night ten days away does not get in today…
    const later = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-9']);
    const laterId = later.tickets[0]!.ticketId;
    expect(await admitTicket(till, laterId, olena)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', details: { door: 'too_early' } },
    });
    // …and once refunded, it never will.
    const laterOrder = (await reloadOrder(till, later.orderId))!;
    const refunded = await commitRefund(
      till,
      laterOrder.view,
      { ticketIds: [laterId], method: 'cash', reasonCode: 'customer_request' },
      olena,
    );
    expect(refunded.ok).toBe(true);
    expect(await admitTicket(till, laterId, olena)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', details: { status: 'refunded' } },
    });
    expect((await journalTypes(till)).filter((t) => t === 'admission')).toHaveLength(1);
  });

  it('the rule: staff only, never in practice mode, only on the night of a performance that is on', async () => {
    const till = await openDemoTill();
    const sale = await sellTonight(till);
    const order = (await reloadOrder(till, sale.orderId))!.view;
    const ticketId = sale.tickets[0]!.ticketId;
    const performance = till.catalog.performance('dnipro-lights-tonight')!;
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
    const withPerformance = (p: Partial<typeof performance>) =>
      admit(
        { terminal, order },
        { ticketId, performance: { ...performance, ...p } },
        olena,
        till.ports,
      );
    expect(withPerformance({ status: 'cancelled' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: /cancelled/ },
    });
    const at = (ms: number) => new Date(till.ports.clock() + ms).toISOString();
    const hour = 3_600_000;
    expect(withPerformance({ startsAt: at(DOORS_OPEN_BEFORE_MS + hour) })).toMatchObject({
      ok: false,
      error: { details: { door: 'too_early' } },
    });
    expect(withPerformance({ startsAt: at(DOORS_OPEN_BEFORE_MS - hour) }).ok).toBe(true);
    expect(withPerformance({ startsAt: at(-ADMIT_AFTER_START_MS + hour) }).ok).toBe(true);
    expect(withPerformance({ startsAt: at(-ADMIT_AFTER_START_MS - hour) })).toMatchObject({
      ok: false,
      error: { details: { door: 'over' } },
    });
    // Postponed: the new date counts; with none yet, nobody gets in.
    expect(withPerformance({ status: 'postponed' })).toMatchObject({
      ok: false,
      error: { details: { door: 'postponed' } },
    });
    expect(withPerformance({ status: 'postponed', rescheduledTo: at(hour) }).ok).toBe(true);
    expect(
      admit({ terminal: { ...terminal, session: null }, order }, input, olena, till.ports),
    ).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
  });

  it('another till applying the admission from the feed marks the ticket used there too', async () => {
    const a = await openDemoTill({ terminalId: 'T1' });
    const b = await openDemoTill({ terminalId: 'T2' });
    const sale = await sellTonight(a);
    const ticketId = sale.tickets[0]!.ticketId;
    expect((await admitTicket(a, ticketId, olena)).ok).toBe(true);
    const fromA = (await a.store.db.journal.toArray())
      .sort((x, y) => x.seq - y.seq)
      .filter((e) => e.type === 'sale' || e.type === 'admission') as unknown as DomainEntry[];
    await b.store.db.transaction('rw', b.store.db.tables, async () => {
      for (const e of fromA) expect(await projectEntry(b.store.db, e, 'other')).toBe(true);
    });
    expect((await b.store.db.tickets.get(ticketId))?.status).toBe('used');
    const order = (await reloadOrder(b, sale.orderId))!;
    expect(order.view.tickets[0]!.status).toBe('used');
  });
});
