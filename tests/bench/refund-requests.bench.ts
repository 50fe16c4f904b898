import { loadavg } from 'node:os';
import { DEMO_VENUE } from '../../src-server/venues';
import { startRequestsServer } from '../server/refund-requests-harness';
import { atMost, median, percentile, row, type BenchRow } from './harness';
import { onEachDb, openBenchDb } from './server-db';

/**
 * refund_request_decision_p99_ms (issue 14): a customer's refund request decided by the real
 * route — POST /api/public/refund-requests over HTTP, the server in this process — on a venue
 * with thousands of card orders in its journal (pushed through the sync route by one till) and
 * their contacts. Each request claims a different order by its number and e-mail, builds the
 * order from the journal, runs planRefund, stores the request with its tickets, queues the
 * notifications and audit row in one transaction, and — approved within policy — pays the
 * card back through the HTTP adapter to the provider simulator on loopback and records it in
 * the server ledger. The figure is that whole answer. Also reported: the preview route alone
 * (the decision shown before confirming). PGlite on disk, and PostgreSQL when one is named.
 */
const ORDERS = Number(process.env.BENCH_REQUEST_ORDERS ?? 3000);
const RUNS = Number(process.env.BENCH_REQUEST_RUNS ?? 300);

async function run(kind: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const s = await startRequestsServer({
    database: await openBenchDb(kind, 'requests'),
    providerTimeoutMs: 5_000,
  });
  try {
    const sold = await s.manySales(ORDERS);
    const claimOf = (i: number) => ({
      venueId: DEMO_VENUE.venueId,
      orderRef: sold[i]!.orderId,
      contact: `customer-${i + 1}@example.org`,
      ticketIds: [sold[i]!.tickets[0]!.ticketId],
    });
    const decide: number[] = [];
    const preview: number[] = [];
    // Spread over the venue's orders, oldest to newest; a few warm-up calls first.
    const step = Math.max(1, Math.floor(ORDERS / (RUNS + 10)));
    for (let k = 0; k < RUNS + 10; k++) {
      const i = k * step;
      const t0 = performance.now();
      const p = await s.request('POST', '/api/public/refund-requests/preview', claimOf(i));
      const t1 = performance.now();
      const made = await s.request('POST', '/api/public/refund-requests', {
        ...claimOf(i),
        reasonCode: 'customer_request',
      });
      const t2 = performance.now();
      if (p.status !== 200 || made.status !== 201 || made.body.status.state !== 'paid') {
        throw new Error(`request ${i}: ${p.status} ${made.status} ${JSON.stringify(made.body)}`);
      }
      if (k >= 10) {
        preview.push(t1 - t0);
        decide.push(t2 - t1);
      }
    }
    if (s.provider.refunds.length !== RUNS + 10) throw new Error('a refund is missing or doubled');
    const note = `${kind}, ${ORDERS} orders, ${RUNS} requests, load ${loadavg()[0]!.toFixed(2)}`;
    const suffix = kind === 'pglite' ? '' : '_postgres';
    return [
      row(
        `refund_request_decision_p99_ms${suffix}`,
        percentile(decide, 99),
        'ms',
        atMost(50),
        note,
      ),
      row(`refund_request_decision_median_ms${suffix}`, median(decide), 'ms', undefined, note),
      row(`refund_request_preview_p99_ms${suffix}`, percentile(preview, 99), 'ms', undefined, note),
    ];
  } finally {
    await s.close();
  }
}

export default function refundRequestsBench(): Promise<BenchRow[]> {
  return onEachDb('BENCH_REQUESTS_DB', run);
}
