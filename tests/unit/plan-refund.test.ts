// First: Dexie picks up the global indexedDB when it loads (the exchange half runs a real till).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, toPromise, waitFor } from 'xstate';
import { refund, sell, type RefundPlan } from '../../shared/commands';
import { exchangeFlowActors } from '../../src-renderer/app/exchange-flow-actors';
import { findQueryOf } from '../../src-renderer/app/order-flow-actors';
import { planRefundActor } from '../../src-renderer/app/refund-flow-actors';
import { exchangeMachine } from '../../src-renderer/flows/exchange/exchange-machine';
import type { FlowResult } from '../../src-renderer/flows/flow-types';
import type { RefundPlanErrorCode } from '../../src-renderer/flows/refund/refund-types';
import { methodAvailable } from '../../src-renderer/flows/refund/refund-steps';
import { openTill, STAFF, uah } from '../fixtures/domain';
import { UAH } from './flows-fixtures';
import {
  closeTills,
  journalTypes,
  olena,
  openDemoTill,
  printerClient,
  sellSeats,
} from './till-fixtures';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { grantFor } from '../support/approvals';
import { readEntries } from '../../src-renderer/store';

afterEach(closeTills);

/** A cash sale rounded down (185.62 paid as 185.60) of a performance the venue then cancels. */
async function roundedSaleOfCancelledPerformance() {
  const till = openTill();
  till.settings = { ...till.settings, cashRoundingIncrement: 10 };
  Object.assign(till.inventory['hamlet-0501']!, { sold: 100, capacity: 100 });
  // Balcony 250 +10 % demand −10 % promo −25 % student = 185.62; cash pays 185.60.
  const sold = await sell(
    till.base(),
    {
      items: [
        {
          performanceId: 'hamlet-0501',
          tierId: 'hamlet-balcony',
          seatId: 'C6',
          concessionId: 'student',
        },
      ],
      promoCode: 'SPRING10',
      tenders: [{ kind: 'cash', tendered: uah(200) }],
    },
    STAFF.olena,
    till.ports,
  );
  const sale = till.take(sold).sale;
  expect(sale.totals).toMatchObject({ total: uah(185.62), paid: uah(185.6) });
  (till.catalog.performance('hamlet-0501') as { status: string }).status = 'cancelled';
  return { till, sale, ticketId: sale.tickets[0]!.ticketId };
}

describe('one refund decision: the screen shows what the commit does', () => {
  it('a rounded-down cash sale of a cancelled performance: cash and "as paid" offered and accepted, amounts equal', async () => {
    const { till, sale, ticketId } = await roundedSaleOfCancelledPerformance();
    const order = till.order(sale.orderId);

    // What the refund flow's planRefund actor (as the app provides it) hands the screen.
    const preview = await toPromise(
      createActor(planRefundActor(till), {
        input: { order, ticketIds: [ticketId], actorRole: 'cashier', actorStaffId: 'olena' },
      }).start(),
    );
    const plan = planOf(preview);
    expect(plan.total).toEqual(uah(185.62));
    expect(plan.shortfall).toEqual(uah(0.02));
    expect(plan.refusal).toBeNull();
    // The refund machine's guard reads the same plan: both methods may be chosen.
    expect(methodAvailable(plan, 'cash')).toBe(true);
    expect(methodAvailable(plan, 'original_tender')).toBe(true);
    const offered = Object.fromEntries(plan.methods.map((m) => [m.method, m.paidOut]));
    expect(offered).toMatchObject({ cash: uah(185.6), original_tender: uah(185.6) });

    for (const method of ['cash', 'original_tender'] as const) {
      const committed = refund(
        { ...till.base(), order },
        {
          orderId: sale.orderId,
          ticketIds: [ticketId],
          method,
          reasonCode: 'performance_cancelled',
        },
        STAFF.olena,
        till.ports,
      );
      if (!committed.ok) throw new Error(`${method}: ${committed.error.message}`);
      const r = committed.value.refund;
      expect([r.total, r.shortfall, r.fees]).toEqual([plan.total, plan.shortfall, plan.fees]);
      const paid = r.payouts.reduce((n, p) => n + p.amount.amount, 0);
      expect(uah(paid / 100)).toEqual(offered[method]);
      expect(committed.value.plan.methods).toEqual(plan.methods);
    }
  });
});

describe('one exchange decision: each line means what it says', { timeout: 30_000 }, () => {
  it('₴600 Standard → ₴1,080 Premium with a ₴50 fee: difference 480, fee 50, customer pays 530, and the commit takes 530', async () => {
    const till = await openDemoTill();
    const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-12-5']);
    const actor = createActor(
      exchangeMachine.provide({
        actors: exchangeFlowActors({
          till,
          client: printerClient('printed').client,
          locale: () => 'en',
          ticketScanner: () => null,
        }),
      }),
      { input: { cartId: 'cart-600', staff: olena, cashIncrement: 10 } },
    );
    actor.start();
    actor.send({ type: 'FIND', query: findQueryOf('T1-000001')! });
    await waitFor(actor, (s) => s.matches('choosingTickets'));
    actor.send({ type: 'TICKET.TOGGLE', ticketId: sale.tickets[0]!.ticketId });
    actor.send({ type: 'CONTINUE' });
    actor.send({ type: 'PERFORMANCE.PICK', performanceId: 'forest-song-2' });
    actor.send({ type: 'SEATS.SELECT', tierId: 'premium', seatIds: ['stalls-4-10'] });
    await waitFor(
      actor,
      (s) => s.matches({ choosingReplacement: 'idle' }) && s.context.seats.length === 1,
    );
    actor.send({ type: 'QUOTE' });
    const settling = await waitFor(actor, (s) => s.matches('settling'));
    // What the settle screen reads out, line by line (ui/exchange/exchange-settle.tsx).
    expect(settling.context.quote).toMatchObject({
      credit: UAH(600),
      newTotal: UAH(1080),
      priceDifference: UAH(480),
      fee: UAH(50),
      due: UAH(530),
      settlement: 'collect',
    });

    actor.send({ type: 'TENDER.CASH', tendered: UAH(600) });
    actor.send({ type: 'CONFIRM' });
    const end = await waitFor(actor, (s) => s.status === 'done');
    expect(end.output?.exchange).toMatchObject({ difference: UAH(530), change: UAH(70) });
    const entries = await readEntries(till.store.db, await till.store.db.journal.toArray());
    const entry = entries.find((e) => e.type === 'exchange');
    expect(entry?.payload).toMatchObject({
      credit: UAH(600),
      newTotal: UAH(1080),
      fee: UAH(50),
      difference: UAH(530),
      tenders: [{ kind: 'cash', amount: UAH(530), tendered: UAH(600), change: UAH(70) }],
    });
    actor.stop();
  });
});

function planOf(r: FlowResult<RefundPlan, RefundPlanErrorCode>): RefundPlan {
  if (!r.ok) throw new Error(`no plan: ${r.error.message}`);
  return r.value;
}

describe(
  'own-sale refunds above the venue amount need a second person',
  { timeout: 30_000 },
  () => {
    it('preview and commit agree: Olena refunding her own ₴1,140 sale asks a supervisor, Taras approves', async () => {
      const till = await openDemoTill();
      // The demo venue's own-sale amount: ₴1,000.00.
      expect(till.settings.ownSaleRefundApprovalAbove).toEqual(UAH(1000));
      const sale = await sellSeats(till, 'forest-song-2', 'premium', ['stalls-2-5']);
      const order = (await reloadOrder(till, sale.orderId))!.view;
      const ticketIds = [sale.tickets[0]!.ticketId];

      const preview = planOf(
        await toPromise(
          createActor(planRefundActor(till), {
            input: { order, ticketIds, actorRole: 'cashier', actorStaffId: 'olena' },
          }).start(),
        ),
      );
      expect(preview.total.amount).toBeGreaterThan(100_000);
      // The policy alone lets a cashier refund this much; her own sale does not.
      expect(preview.ownSale).toBe(true);
      expect(preview.requiredRole).toBe('supervisor');
      expect(preview.approvalNeeded).toBe(true);

      // Someone else's sale of the same amount (another cashier): no second person needed.
      const other = planOf(
        await toPromise(
          createActor(planRefundActor(till), {
            input: { order, ticketIds, actorRole: 'cashier', actorStaffId: 'petro' },
          }).start(),
        ),
      );
      expect(other.ownSale).toBe(false);
      expect(other.approvalNeeded).toBe(false);

      // The commit decides the same: refused for want of a supervisor, nothing written…
      const before = await journalTypes(till);
      const input = { ticketIds, method: 'cash' as const, reasonCode: 'customer_request' as const };
      const refused = await commitRefund(till, order, input, olena);
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'approval_required',
          details: {
            requiredRole: 'supervisor',
            binding: { action: 'refund', amount: preview.total, requestedBy: 'olena' },
          },
        },
      });
      expect(await journalTypes(till)).toEqual(before);
      // …and with Taras's PIN (through main) it goes through, for the amount previewed.
      const done = await commitRefund(
        till,
        order,
        input,
        olena,
        await grantFor(till, refused, 'taras', '2222'),
      );
      if (!done.ok) throw new Error(done.error.message);
      expect(done.value.total).toEqual(preview.total);
      expect((await journalTypes(till)).slice(before.length)).toEqual(['approval', 'refund']);
    });

    it('below the amount her own refund needs nobody', async () => {
      const till = await openDemoTill();
      const sale = await sellSeats(till, 'forest-song-1', 'standard', ['stalls-10-3']);
      const order = (await reloadOrder(till, sale.orderId))!.view;
      const plan = planOf(
        await toPromise(
          createActor(planRefundActor(till), {
            input: {
              order,
              ticketIds: [sale.tickets[0]!.ticketId],
              actorRole: 'cashier',
              actorStaffId: 'olena',
            },
          }).start(),
        ),
      );
      expect(plan.total.amount).toBeLessThanOrEqual(100_000);
      expect(plan.ownSale).toBe(false);
      expect(plan.approvalNeeded).toBe(false);
    });
  },
);

describe('the offline cap on refunds of other windows’ sales (issue 12)', () => {
  it('offline, a refund of another window’s sale above the venue’s amount is refused alike by the screen and the commit; online it goes', async () => {
    const { till, sale, ticketId } = await roundedSaleOfCancelledPerformance();
    till.settings = { ...till.settings, offlineRefundOfOtherWindowsUpTo: uah(100) };
    const order = till.order(sale.orderId);
    const input = {
      order,
      ticketIds: [ticketId],
      actorRole: 'cashier' as const,
      actorStaffId: 'olena',
    };

    const offlinePreview = planOf(
      await toPromise(
        createActor(
          planRefundActor(till, () => Promise.resolve(true)),
          { input },
        ).start(),
      ),
    );
    expect(offlinePreview.refusal).toMatchObject({ code: 'limit_exceeded' });
    expect(offlinePreview.refusal?.message).toMatch(/offline.*another window.*up to/);
    const commit = (otherWindowOffline: boolean) =>
      refund(
        { ...till.base(), order, otherWindowOffline },
        {
          orderId: sale.orderId,
          ticketIds: [ticketId],
          method: 'cash',
          reasonCode: 'performance_cancelled',
        },
        STAFF.olena,
        till.ports,
      );
    const refused = commit(true);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'limit_exceeded',
      message: offlinePreview.refusal!.message,
    });

    // Online (or this window's own sale): the cap does not apply; preview and commit agree.
    const onlinePreview = planOf(
      await toPromise(createActor(planRefundActor(till), { input }).start()),
    );
    expect(onlinePreview.refusal).toBeNull();
    expect(commit(false).ok).toBe(true);
  });
});
