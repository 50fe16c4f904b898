import { availableParallelism, loadavg } from 'node:os';
import {
  drop,
  exchange,
  noSale,
  paidIn,
  paidOut,
  refund,
  sell,
  voidSale,
} from '../../shared/commands';
import type { EntryLike } from '../../shared/journal/entry-types';
import {
  definePolicy,
  evaluate,
  type PolicyTicket,
  type RefundPolicyInput,
} from '../../shared/refund-policy';
import { buildShiftReport } from '../../shared/shift';
import { openTill, STAFF, STANDARD_POLICY, type Till, uah } from '../fixtures/domain';
import type { BenchRow } from './harness';
import { atLeast, atMost, median, opsPerSecond, percentile, row } from './harness';
import { approving } from '../support/approvals';

/**
 * Domain hot paths. `policy_evaluate_per_s`: the refund engine on one ticket (a typical walk-up
 * refund, with tender balances and the actor's role, so methods and approvals are worked out
 * too), cycling through times in every window. `z_report_10k_entries_ms`: a Z report over a
 * shift of 10 000 journal entries made by the real commands (sales with split tenders, refunds,
 * exchanges, voids, cash movements); median of 30 runs after warm-up, p99 in the note.
 */
export default async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const policy = definePolicy(STANDARD_POLICY as unknown as RefundPolicyInput);
  const start = Date.parse('2026-05-01T19:00:00+03:00');
  const ticket = (i: number): PolicyTicket => ({
    ticketId: `t${i}`,
    tierId: 'hamlet-stalls',
    price: uah(400 + (i % 7) * 25),
    bookingFee: uah(10),
    status: 'valid',
    performance: { startsAt: '2026-05-01T19:00:00+03:00', status: 'scheduled' },
  });
  const single = Array.from({ length: 64 }, (_, i) => [ticket(i)]);
  const four = Array.from({ length: 64 }, (_, i) => [0, 1, 2, 3].map((k) => ticket(i + k)));
  const tenders = [{ kind: 'cash' as const, paid: uah(2000), refunded: uah(0) }];
  // 400 h, 200 h, 60 h, 20 h before: full, 50 %, 50 %, closed.
  const times = [400, 200, 60, 20].map((h) => start - h * 3_600_000);
  let i = 0;
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const i0 = i;
  const perS = await opsPerSecond(
    () => {
      const r = evaluate(policy, single[i & 63]!, times[i & 3]!, { tenders, actorRole: 'cashier' });
      sink += r.total.amount;
      i++;
    },
    1500,
    1000,
  );
  const perCpuS = (i - i0) / cpuSeconds(cpu0);
  rows.push(
    row(
      'policy_evaluate_per_s',
      perS,
      'ops/s',
      atLeast(200_000),
      `1 ticket per call, windows cycled; ${Math.round(perCpuS)} per CPU-second; ${load()}`,
    ),
  );
  const perS4 = await opsPerSecond(
    () => {
      const r = evaluate(policy, four[i & 63]!, times[i & 3]!, { tenders, actorRole: 'cashier' });
      sink += r.total.amount;
      i++;
    },
    1000,
    1000,
  );
  rows.push(
    row('policy_evaluate_4_tickets_per_s', perS4, 'ops/s', undefined, '4 tickets per call'),
  );

  const entries = await tenThousandEntries();
  const times10k: number[] = [];
  const cpu10k: number[] = [];
  for (let run = 0; run < 35; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = buildShiftReport(entries, {
      kind: 'Z',
      generatedAt: '2026-04-30T23:00:00Z',
      zNumber: 1,
      counted: uah(0),
    });
    const t1 = performance.now();
    sink += report.sales.count;
    if (run >= 5) {
      times10k.push(t1 - t0);
      cpu10k.push(cpuSeconds(c0) * 1000);
    }
  }
  rows.push(
    row(
      'z_report_10k_entries_ms',
      median(times10k),
      'ms',
      atMost(20),
      `median of 30 runs; p99 ${percentile(times10k, 99).toFixed(2)} ms; CPU median ${median(cpu10k).toFixed(2)} ms; ${entries.length} entries; ${load()}`,
    ),
  );
  if (sink === 42) console.log('');
  return rows;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** Wall-clock figures on a shared machine mean little without the load they ran under. */
function load(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
}

/** A long shift from real commands: the mix a busy box office sees. */
export async function tenThousandEntries(): Promise<EntryLike[]> {
  const till: Till = openTill(STAFF.olena, '2026-04-01T09:00:00+03:00');
  // A big GA allocation in a big house, so the shift never sells out or hits demand pricing.
  for (const inv of Object.values(till.inventory)) {
    for (const tierId of Object.keys(inv.gaAvailable ?? {}))
      (inv.gaAvailable as Record<string, number>)[tierId] = 1_000_000;
    (inv as { capacity: number }).capacity = 10_000_000;
  }
  const p = till.ports;
  const s = () => ({ ...till.base(), shiftTally: till.shiftTally() });
  const orders: string[] = [];
  let n = 0;
  const opened = till.entries.length - 1; // entries before this shift's shift_open
  while (till.entries.length - opened < 10_000) {
    n++;
    till.clock.advance(20_000);
    const perf = n % 3 === 0 ? 'hamlet-0502' : 'hamlet-0501';
    if (n % 11 === 0 && orders.length > 2) {
      const orderId = orders[orders.length - 2]!;
      const view = till.order(orderId);
      const t = view.tickets.find((x) => x.status === 'valid');
      if (t) {
        const r = refund(
          { ...till.base(), order: view },
          {
            orderId,
            ticketIds: [t.ticket.ticketId],
            method: n % 2 ? 'original_tender' : 'voucher',
            reasonCode: n % 4 ? 'customer_request' : 'duplicate_purchase',
          },
          STAFF.olena,
          p,
        );
        if (r.ok) till.take(r);
      }
    } else if (n % 17 === 0 && orders.length > 3) {
      const orderId = orders[orders.length - 3]!;
      const view = till.order(orderId);
      const t = view.tickets.find((x) => x.status === 'valid');
      if (t) {
        const r = await exchange(
          { ...till.base(), order: view },
          {
            orderId,
            ticketIds: [t.ticket.ticketId],
            items: [{ performanceId: 'hamlet-0502', tierId: 'hamlet-standing', quantity: 1 }],
            tenders: [{ kind: 'cash', tendered: uah(50) }],
          },
          STAFF.olena,
          p,
        );
        if (r.ok) till.take(r);
      }
    } else if (n % 53 === 0 && orders.length > 0) {
      const orderId = orders[orders.length - 1]!;
      const r = approving(STAFF.taras, (approver) =>
        voidSale(
          { ...till.base(), order: till.order(orderId) },
          { orderId, reason: 'Wrong performance', approver },
          STAFF.olena,
          p,
        ),
      );
      if (r.ok) till.take(r);
    } else if (n % 29 === 0) {
      till.take(paidIn(s(), { amount: uah(100), reason: 'Coins from the safe' }, STAFF.olena, p));
    } else if (n % 31 === 0) {
      till.take(paidOut(s(), { amount: uah(20), reason: 'Batteries' }, STAFF.olena, p));
    } else if (n % 37 === 0) {
      const r = drop(s(), { amount: uah(500), reason: 'Safe drop' }, STAFF.olena, p);
      if (r.ok) till.take(r);
    } else if (n % 41 === 0) {
      till.take(noSale(s(), { reason: 'Change for a note' }, STAFF.olena, p));
    } else {
      const qty = 1 + (n % 3);
      const due = qty * 155;
      const tenders =
        n % 4 === 0
          ? [{ kind: 'card' as const, amount: uah(due), approvalCode: 'AP1234', last4: '4242' }]
          : n % 4 === 1
            ? [
                { kind: 'card' as const, amount: uah(100), approvalCode: 'AP1234', last4: '4242' },
                { kind: 'cash' as const, tendered: uah(due) },
              ]
            : [{ kind: 'cash' as const, tendered: uah(due + 45) }];
      const r = await sell(
        till.base(),
        { items: [{ performanceId: perf, tierId: 'hamlet-standing', quantity: qty }], tenders },
        STAFF.olena,
        p,
      );
      if (!r.ok) throw new Error(r.error.message);
      orders.push(till.take(r).sale.orderId);
    }
  }
  return till.shiftEntries().slice(0, 10_000);
}
