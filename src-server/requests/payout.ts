import { randomBytes } from 'node:crypto';
import type { Currency } from '../../shared/money/currency';
import { money } from '../../shared/money/money';
import { num } from '../db/port';
import type { RequestDeps } from './deps';
import { notifyCustomer } from './notify-customer';
import { publishRequestEvent } from './request-events';
import { publishWebhookEvent } from '../notify/webhook-events';
import { loadOrderView } from './order-source';
import { requestRow, type RequestRow } from './request-store';
import { appendLedger, SERVER_LEDGER_TERMINAL } from './server-ledger';
import { settleRefundedOrder } from '../sync/order-refund-status';
import { serverRefundSources } from '../../shared/orders/server-refund';
import { freedFromLeases, lockInventoried, returnFreedPlaces } from '../sync/inventory-on-push';

export type PayoutResult = 'paid' | 'pending' | 'not_due';

/** Crockford base32, 16 characters in groups of four: typed at a till without mix-ups. */
function newVoucherCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let code = '';
  for (const b of randomBytes(16)) code += alphabet[b & 31];
  return `RV-${code.match(/.{4}/g)!.join('-')}`;
}

/**
 * Pays an approved request back without a person: a card refund through the payment
 * provider (idempotency key = the request id), or a credit voucher issued. The provider is
 * called outside any transaction; the request turns `paid` and its ledger row is written in
 * one transaction afterwards, only while it is still `approved` — two payouts racing (a
 * retry, a second node) call the provider with one key, which refunds once, and only one of
 * them records it. A failure or a lost answer leaves it `approved` with the error for the
 * back office, to retry with the same key. Cash purchases are collected at the box office.
 */
export async function payOut(
  deps: RequestDeps,
  venueId: string,
  requestId: string,
): Promise<PayoutResult> {
  const r = await requestRow(deps.db, venueId, requestId);
  if (r === null || r.state !== 'approved' || r.collect_at_box_office) return 'not_due';
  const amount = money(num(r.amount_minor), r.currency as Currency);
  // The reverse race: a window refunded (or exchanged, or let in) a ticket of the request
  // after it was approved, and its entry reached this server first. Paying now would pay it
  // twice: the request waits with the reason for the back office instead. Checked before
  // every attempt, so it does not rest on the provider replaying an earlier decline.
  const order = await loadOrderView(deps.db, venueId, r.order_id);
  const taken = order?.tickets.filter(
    (t) => r.ticket_ids.includes(t.ticket.ticketId) && t.status !== 'valid',
  );
  if (order === null || (taken !== undefined && taken.length > 0)) {
    await failed(
      deps,
      r,
      order === null
        ? 'The order is no longer in the journal.'
        : `Not paid: ${taken!.map((t) => `ticket ${t.ticket.ticketId} is already ${t.status}`).join(', ')} at the box office. Decline the request (if an earlier attempt got no answer, check the provider for a refund under this request first).`,
    );
    return 'not_due';
  }
  if (r.method === 'voucher') {
    const code = newVoucherCode();
    return record(
      deps,
      r,
      'voucher_issued',
      {
        voucherCode: code,
        value: amount,
        sources: serverRefundSources('voucher_issued', amount, order.tenders),
      },
      { voucherCode: code },
    );
  }
  const card = order.tenders.find((t) => t.tender.kind === 'card')?.tender;
  if (deps.provider === null || card === undefined || card.kind !== 'card') {
    await failed(
      deps,
      r,
      deps.provider === null
        ? 'No payment provider is configured.'
        : 'The order has no card payment.',
    );
    return 'pending';
  }
  await deps.db.query(
    `UPDATE refund_requests SET payout_attempts = payout_attempts + 1, updated_at = now()
     WHERE venue_id = $1 AND request_id = $2`,
    [venueId, requestId],
  );
  const outcome = await deps.provider.refund({
    idempotencyKey: requestId,
    amount,
    approvalCode: card.approvalCode,
    last4: card.last4,
    reference: `Refund ${requestId.slice(0, 8)} order ${r.order_id}`,
  });
  if (outcome.status !== 'refunded') {
    await failed(deps, r, outcome.message);
    return 'pending';
  }
  return record(
    deps,
    r,
    'card_refund',
    {
      refundId: outcome.refundId,
      amount,
      last4: card.last4,
      sources: serverRefundSources('card_refund', amount, order.tenders),
    },
    {},
  );
}

async function record(
  deps: RequestDeps,
  r: RequestRow,
  kind: 'card_refund' | 'voucher_issued',
  body: Record<string, unknown>,
  extra: Record<string, string>,
): Promise<PayoutResult> {
  const paid = await deps.db.transaction(async (tx) => {
    const moved = await tx.query(
      `UPDATE refund_requests SET state = 'paid', payout_error = NULL, updated_at = now()
       WHERE venue_id = $1 AND request_id = $2 AND state = 'approved' RETURNING request_id`,
      [r.venue_id, r.request_id],
    );
    if (moved.length === 0) return 'not_due';
    const row = await appendLedger(
      tx,
      r.venue_id,
      kind,
      r.request_id,
      { orderId: r.order_id, ticketIds: r.ticket_ids, ...body },
      new Date(deps.now()).toISOString(),
    );
    const step = {
      venueId: r.venue_id,
      requestId: r.request_id,
      orderId: r.order_id,
      amount: { amount: num(r.amount_minor), currency: r.currency },
    };
    // The server's own ticket projection reads them refunded, so a window's later refund of
    // one (offline, before it pulled this) is raised as a double refund, and a door's scan
    // pushed later as a used-after-refund exception. Their places go back on sale as a
    // window's refund gives them back: to the till's lease they were sold from while it
    // lives, else to the venue — the performances' inventory rows locked first, in id order,
    // as a push locks them (so a payout and a push never wait on each other crosswise).
    const performances = await tx.query<{ performance_id: string }>(
      `SELECT DISTINCT performance_id FROM tickets
       WHERE venue_id = $1 AND order_id = $2 AND ticket_id = ANY($3::text[])`,
      [r.venue_id, r.order_id, r.ticket_ids],
    );
    const scope = {
      cacheKey: deps.db,
      performances: await lockInventoried(
        tx,
        r.venue_id,
        performances.map((p) => p.performance_id),
      ),
    };
    const freed = await tx.query<{
      performance_id: string;
      seat_id: string | null;
      tier_id: string;
      lease_id: string | null;
    }>(
      `UPDATE tickets SET status = 'refunded', updated_by_terminal = $4, updated_seq = $5
       WHERE venue_id = $1 AND order_id = $2 AND ticket_id = ANY($3::text[]) AND status = 'sold'
       RETURNING performance_id, seat_id, tier_id, lease_id`,
      [r.venue_id, r.order_id, r.ticket_ids, SERVER_LEDGER_TERMINAL, row.seq],
    );
    const fromLeases = freedFromLeases(freed);
    if (fromLeases.length > 0) await returnFreedPlaces(tx, r.venue_id, scope, fromLeases);
    // The order reads as a window's refund would leave it (partly refunded, or refunded once
    // no ticket of it is left): the same rule as a till's refund. The amount is this ledger
    // row's, not the window refunds' sum on the order.
    await settleRefundedOrder(tx, r.venue_id, r.order_id, 0, {
      terminalId: SERVER_LEDGER_TERMINAL,
      seq: row.seq,
    });
    await notifyCustomer(
      deps,
      tx,
      { ...step, statusLink: deps.statusLink(`${r.venue_id}.${r.request_id}.${r.status_secret}`) },
      'request_paid',
      extra,
    );
    await publishRequestEvent(tx, step, 'refund_request.paid', {
      method: kind === 'card_refund' ? 'card' : 'voucher',
      ...extra,
    });
    if (extra.voucherCode !== undefined) {
      await publishWebhookEvent(tx, r.venue_id, 'voucher.issued', extra.voucherCode, {
        voucherCode: extra.voucherCode,
        valueMinor: step.amount.amount,
        currency: step.amount.currency,
        requestId: r.request_id,
        orderId: r.order_id,
      });
    }
    // Every till of the venue hears it: other server nodes at COMMIT, this one below.
    if (deps.feed !== undefined) {
      const [channel, payload] = deps.feed.announcement(r.venue_id, 0);
      await tx.query(`SELECT pg_notify($1, $2)`, [channel, payload]);
    }
    return 'paid' as const;
  });
  // After COMMIT (never before): a till told to pull must find the row. The event's cursor is
  // not a feed position the tills compare — they pull on any event.
  if (paid === 'paid') deps.feed?.publish(r.venue_id, 0);
  return paid;
}

async function failed(deps: RequestDeps, r: RequestRow, message: string): Promise<void> {
  await deps.db.query(
    `UPDATE refund_requests SET payout_error = $3, updated_at = now()
     WHERE venue_id = $1 AND request_id = $2 AND state = 'approved'`,
    [r.venue_id, r.request_id, message],
  );
}
