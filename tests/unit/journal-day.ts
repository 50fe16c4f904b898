/** A realistic day at one till, built with the real domain commands, for journal tests. */
import {
  admit,
  closeShift,
  drop,
  login,
  logout,
  openShift,
  exchange,
  noSale,
  paidIn,
  paidOut,
  refund,
  sell,
  voidSale,
} from '../../shared/commands';
import type { Till } from '../fixtures/domain';
import { openTill, STAFF, uah } from '../fixtures/domain';
import { approving } from '../support/approvals';

export const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });
export const card = (major: number) => ({
  kind: 'card' as const,
  amount: uah(major),
  approvalCode: 'AB1234',
  last4: '4242',
});

/** Closes the open shift with a Z report: 1 000.00 counted, Taras approving. */
export function closeWithZ(till: Till, note = 'Counted'): void {
  till.take(
    approving(STAFF.taras, (approver) =>
      closeShift(
        { ...till.base(), shiftTally: till.shiftTally() },
        { counted: uah(1000), note, approver },
        STAFF.olena,
        till.ports,
      ),
    ),
  );
}

/** Sales, a refund, an exchange, a void and every cash movement in the open shift. */
export async function busyShift(till: Till): Promise<void> {
  const ports = till.ports;
  const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
  const a = till.take(
    await sell(
      till.base(),
      {
        items: [
          { performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B1' },
          { performanceId: 'hamlet-0501', tierId: 'hamlet-standing', quantity: 2 },
        ],
        tenders: [cash(800)],
      },
      STAFF.olena,
      ports,
    ),
  ).sale;
  const b = till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C1' }],
        tenders: [cash(250)],
      },
      STAFF.olena,
      ports,
    ),
  ).sale;
  const c = till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
        tenders: [cash(300)],
      },
      STAFF.olena,
      ports,
    ),
  ).sale;
  till.take(
    refund(
      { ...till.base(), order: till.order(a.orderId) },
      {
        orderId: a.orderId,
        ticketIds: [a.tickets[1]!.ticketId],
        method: 'cash',
        reasonCode: 'customer_request',
      },
      STAFF.olena,
      ports,
    ),
  );
  till.take(
    await exchange(
      { ...till.base(), order: till.order(b.orderId) },
      {
        orderId: b.orderId,
        ticketIds: [b.tickets[0]!.ticketId],
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls', seatId: 'B2' }],
        tenders: [cash(200)],
      },
      STAFF.olena,
      ports,
    ),
  );
  till.take(
    approving(STAFF.taras, (approver) =>
      voidSale(
        { ...till.base(), order: till.order(c.orderId) },
        { orderId: c.orderId, reason: 'Wrong night', approver },
        STAFF.olena,
        ports,
      ),
    ),
  );
  till.take(paidIn(s(), { amount: uah(100), reason: 'Coins from safe' }, STAFF.olena, ports));
  till.take(paidOut(s(), { amount: uah(50), reason: 'Taxi for the cast' }, STAFF.olena, ports));
  till.take(drop(s(), { amount: uah(500), reason: 'Safe drop' }, STAFF.olena, ports));
  till.take(noSale(s(), { reason: 'Check float' }, STAFF.olena, ports));
}

/**
 * Two shifts: a busy one closed with a Z report, a change of cashier between them (entries
 * that belong to no shift), and a second shift left open with one sale.
 */
export async function twoShiftDay(): Promise<Till> {
  const till = openTill();
  await busyShift(till);
  closeWithZ(till, 'Counted twice');
  till.take(logout(till.terminal, STAFF.olena, till.ports));
  till.take(login(till.terminal, { staff: STAFF.taras }, till.ports));
  till.take(openShift(till.base(), { float: uah(500) }, STAFF.taras, till.ports));
  till.take(
    await sell(
      till.base(),
      {
        items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C2' }],
        tenders: [cash(250)],
      },
      STAFF.taras,
      till.ports,
    ),
  );
  return till;
}

/**
 * A ticket of the day's first sale that is still valid, let in at the door on its night (the
 * door's clock at the performance's start: the fixture's day is weeks before the show).
 */
export function admitAtTheDoor(till: Till): void {
  const who = till.terminal.session;
  if (who === null) throw new Error('nobody is signed in to admit');
  const sale = till.entries.find((e) => e.type === 'sale');
  if (sale?.type !== 'sale') throw new Error('no sale to admit from');
  const order = till.order(sale.payload.orderId);
  const valid = order.tickets.find((t) => t.status === 'valid');
  if (valid === undefined) throw new Error('no valid ticket to admit');
  const performance = till.catalog.performance(valid.ticket.performanceId);
  if (performance === undefined) throw new Error('no performance to admit to');
  const showTime = Date.parse(performance.startsAt);
  till.take(
    admit(
      { terminal: till.terminal, order },
      { ticketId: valid.ticket.ticketId, performance },
      who,
      { ...till.ports, clock: () => showTime },
    ),
  );
}
