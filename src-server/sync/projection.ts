import { performanceSchema, type Performance } from '../../shared/catalog/schemas';
import { doorRefusal } from '../../shared/commands/admit';
import { cashMovedBy } from '../../shared/journal/cash-movement';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { sum } from '../../shared/money/money';
import type { Money } from '../../shared/money/money';
import type { TicketRecord } from '../../shared/orders/records';
import type { EntryRef, ReconciliationKind } from '../../shared/sync/reconciliation-contract';
import type { Queryable } from '../db/port';
import {
  consumeSales,
  freedFromLeases,
  returnFreedPlaces,
  type InventoryScope,
} from './inventory-on-push';
import { moneyForManagers } from './manager-words';
import { markCashRequestPaid } from '../requests/cash-paid';
import { recordCashCodePayout } from '../customer-service/cash-code';
import { SERVER_LEDGER_TERMINAL } from '../requests/server-ledger';
import { settleRefundedOrder } from './order-refund-status';

/**
 * Why an entry that validated and chained could not be applied, or what it collided with:
 * becomes a reconciliation exception. Without `keep` the entry's writes are rolled back (it
 * is stored, not applied); with `keep` they stand — a till's refund paid out its cash and its
 * sale printed its tickets whatever the server thinks — and the collision is only raised.
 */
export interface Refusal {
  readonly code:
    | 'inventory_collision'
    | 'unknown_shift'
    | 'shift_closed'
    | 'duplicate_shift'
    | 'duplicate_order'
    | 'ticket_already_issued'
    | 'unknown_order'
    | 'ticket_not_refundable'
    | 'order_not_voidable'
    | 'ticket_not_admissible'
    | 'cash_code_paid_twice'
    | 'unknown_cash_code'
    | 'apply_failed';
  readonly message: string;
  /** What a manager is looking at (default `unappliable`). */
  readonly kind?: ReconciliationKind;
  /** The other entries involved (the refusing entry itself is always one). */
  readonly others?: readonly EntryRef[];
  /** Money at stake. */
  readonly amount?: Money;
  readonly suggestedAction?: string;
  readonly performanceId?: string;
  /** The entry stays applied; the exception is raised beside it. */
  readonly keep?: boolean;
}

interface Ctx {
  readonly tx: Queryable;
  readonly venueId: string;
  readonly entry: DomainEntry;
  readonly inventory: InventoryScope;
}

const refuse = (code: Refusal['code'], message: string): Refusal => ({ code, message });

/**
 * Folds one stored entry into the phase-1 projections (shifts with their cash, orders,
 * tickets). Returns null when applied, or a Refusal when the entry contradicts what the
 * server already holds (a double refund, a ticket id sold twice, a shift it never saw
 * opened): the caller then rolls this entry's writes back to a savepoint and raises a
 * reconciliation exception, and the push goes on. Training entries move the training
 * shift's figures only; they never create orders or tickets.
 */
export async function projectEntry(
  tx: Queryable,
  venueId: string,
  entry: DomainEntry,
  inventory: InventoryScope,
): Promise<Refusal | null> {
  const ctx: Ctx = { tx, venueId, entry, inventory };
  switch (entry.type) {
    case 'shift_open':
      return openShift(ctx, entry.payload);
    case 'shift_close':
      return closeShift(ctx, entry.payload);
    case 'sale': {
      const shift = await touchShift(ctx, entry.payload.shiftId);
      if (shift) return shift;
      if (entry.payload.training) return null;
      return recordSale(ctx, entry.payload);
    }
    case 'refund': {
      const shift = await touchShift(ctx, entry.payload.shiftId);
      if (shift || entry.payload.training) return shift;
      return recordRefund(ctx, entry.payload);
    }
    case 'void': {
      const shift = await touchShift(ctx, entry.payload.shiftId);
      if (shift || entry.payload.training) return shift;
      return recordVoid(ctx, entry.payload);
    }
    case 'exchange': {
      const shift = await touchShift(ctx, entry.payload.shiftId);
      if (shift || entry.payload.training) return shift;
      return recordExchange(ctx, entry.payload);
    }
    case 'paid_in':
    case 'paid_out':
    case 'drop':
    case 'no_sale':
      return touchShift(ctx, entry.payload.shiftId);
    case 'admission':
      return recordAdmission(ctx, entry.payload);
    // Stored in the journal; no phase-1 projection reads them yet.
    case 'approval':
    case 'login':
    case 'logout':
    case 'training_mode':
      return null;
  }
}

async function openShift(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'shift_open' }>['payload'],
): Promise<Refusal | null> {
  const inserted = await ctx.tx.query(
    `INSERT INTO shifts (venue_id, shift_id, terminal_id, currency, training, opened_at, opened_seq, float_minor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (venue_id, terminal_id, shift_id) DO NOTHING RETURNING shift_id`,
    [
      ctx.venueId,
      p.shiftId,
      ctx.entry.terminalId,
      p.float.currency,
      p.training,
      ctx.entry.at,
      ctx.entry.seq,
      p.float.amount,
    ],
  );
  return inserted.length === 0
    ? refuse('duplicate_shift', `Shift ${p.shiftId} was already opened.`)
    : null;
}

/** Counts the entry into its open shift and moves the shift's cash by what the entry moved. */
async function touchShift(ctx: Ctx, shiftId: string): Promise<Refusal | null> {
  const moved = cashMovedBy(ctx.entry);
  const rows = await ctx.tx.query<{ closed_at: string | null }>(
    `UPDATE shifts SET entries = entries + 1,
       cash_in_minor = cash_in_minor + $4, cash_out_minor = cash_out_minor + $5
     WHERE venue_id = $1 AND shift_id = $2 AND terminal_id = $3
     RETURNING closed_at`,
    [ctx.venueId, shiftId, ctx.entry.terminalId, moved?.in ?? 0, moved?.out ?? 0],
  );
  const row = rows[0];
  if (!row)
    return refuse(
      'unknown_shift',
      `Shift ${shiftId} was never opened on terminal ${ctx.entry.terminalId}.`,
    );
  if (row.closed_at !== null) return refuse('shift_closed', `Shift ${shiftId} is already closed.`);
  return null;
}

async function closeShift(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'shift_close' }>['payload'],
): Promise<Refusal | null> {
  const rows = await ctx.tx.query<{ closed_at: string | null }>(
    `SELECT closed_at FROM shifts WHERE venue_id = $1 AND shift_id = $2 AND terminal_id = $3 FOR UPDATE`,
    [ctx.venueId, p.shiftId, ctx.entry.terminalId],
  );
  const row = rows[0];
  if (!row)
    return refuse(
      'unknown_shift',
      `Shift ${p.shiftId} was never opened on terminal ${ctx.entry.terminalId}.`,
    );
  if (row.closed_at !== null)
    return refuse('shift_closed', `Shift ${p.shiftId} is already closed.`);
  await ctx.tx.query(
    `UPDATE shifts SET closed_at = $3, closed_seq = $4, z_number = $5, counted_minor = $6,
       expected_minor = $7, over_short_minor = $8, entries = entries + 1
     WHERE venue_id = $1 AND shift_id = $2 AND terminal_id = $9`,
    [
      ctx.venueId,
      p.shiftId,
      ctx.entry.at,
      ctx.entry.seq,
      p.zNumber,
      p.counted.amount,
      p.expected.amount,
      p.overShort.amount,
      ctx.entry.terminalId,
    ],
  );
  return null;
}

/**
 * Which of the ticket ids in the text[] parameter `ids` the venue ($1) has issued already: one
 * primary-key probe a ticket. `ticket_id = ANY(ids)` let the planner scan every ticket of the
 * venue instead (through tickets_by_performance, or a hash join over a sequential scan) while
 * the table's statistics lagged behind its growth, as they do while a venue's first thousands
 * of sales arrive: on PostgreSQL 1.5 ms at 6,000 tickets and growing with every batch, against
 * 0.16 ms for the probes (EXPLAIN ANALYZE of a 100-sale push).
 */
const ISSUED_ALREADY = (
  ids: string,
) => `SELECT t.ticket_id FROM unnest(${ids}::text[]) AS x (ticket_id)
       CROSS JOIN LATERAL (
         SELECT ticket_id FROM tickets WHERE venue_id = $1 AND ticket_id = x.ticket_id LIMIT 1
       ) AS t`;

async function insertTickets(ctx: Ctx, tickets: readonly TicketRecord[]): Promise<Refusal | null> {
  if (tickets.length === 0) return null;
  // ONE statement: the lookup of ids already issued and the multi-row INSERT, which writes
  // only when the lookup found none (both read the statement's snapshot). A ticket id twice
  // in the entry still fails on the primary key, as one INSERT a ticket did.
  const params: unknown[] = [
    ctx.venueId,
    ctx.entry.terminalId,
    ctx.entry.seq,
    tickets.map((t) => t.ticketId),
  ];
  const values = tickets.map((t) => {
    const at = params.length;
    params.push(
      t.ticketId,
      t.orderId,
      t.performanceId,
      t.tierId,
      t.seatId ?? null,
      t.price.amount,
      t.price.currency,
    );
    return `($${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text, $${at + 6}::bigint, $${at + 7}::text)`;
  });
  const existing = await ctx.tx.query<{ ticket_id: string }>(
    `WITH existing AS (
       ${ISSUED_ALREADY('$4')}
     ), inserted AS (
       INSERT INTO tickets (venue_id, ticket_id, order_id, performance_id, tier_id, seat_id, price_minor,
         currency, status, issued_by_terminal, issued_seq, updated_by_terminal, updated_seq)
       SELECT $1::text, v.ticket_id, v.order_id, v.performance_id, v.tier_id, v.seat_id, v.price_minor,
         v.currency, 'sold', $2::text, $3::integer, $2::text, $3::integer
       FROM (VALUES ${values.join(', ')}) AS v (ticket_id, order_id, performance_id, tier_id, seat_id, price_minor, currency)
       WHERE NOT EXISTS (SELECT 1 FROM existing)
     )
     SELECT ticket_id FROM existing`,
    params,
  );
  if (existing.length > 0) {
    return refuse(
      'ticket_already_issued',
      `Ticket ${existing.map((r) => r.ticket_id).join(', ')} was already issued.`,
    );
  }
  return null;
}

async function recordSale(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'sale' }>['payload'],
): Promise<Refusal | null> {
  const inserted = await ctx.tx.query(
    `INSERT INTO orders (venue_id, order_id, terminal_id, seq, shift_id, receipt_no, sold_at, currency,
       total_minor, status, updated_seq, updated_by_terminal)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'sold', $4, $3)
     ON CONFLICT (venue_id, order_id) DO NOTHING RETURNING order_id`,
    [
      ctx.venueId,
      p.orderId,
      ctx.entry.terminalId,
      ctx.entry.seq,
      p.shiftId,
      p.receiptNo,
      ctx.entry.at,
      p.totals.total.currency,
      p.totals.total.amount,
    ],
  );
  if (inserted.length === 0)
    return refuse('duplicate_order', `Order ${p.orderId} was already sold.`);
  return (await insertTickets(ctx, p.tickets)) ?? consumeOne(ctx, p.tickets);
}

/** The till's new tickets come out of its hold or lease (or the venue's): see inventory-on-push. */
async function consumeOne(ctx: Ctx, tickets: readonly TicketRecord[]): Promise<Refusal | null> {
  const raised = await consumeSales(ctx.tx, ctx.venueId, ctx.inventory, [
    { terminalId: ctx.entry.terminalId, seq: ctx.entry.seq, at: ctx.entry.at, tickets },
  ]);
  return raised.get(ctx.entry.seq) ?? null;
}

/** Moves tickets of an order from sold to `status`; refuses if any is not sold in that order. */
async function retireTickets(
  ctx: Ctx,
  orderId: string | null,
  ticketIds: readonly string[],
  status: 'refunded' | 'voided' | 'exchanged',
  locked?: ReadonlyMap<string, { order_id: string; status: string }>,
): Promise<Refusal | null> {
  if (ticketIds.length === 0) return null;
  const byId =
    locked ??
    new Map(
      (
        await ctx.tx.query<{ ticket_id: string; order_id: string; status: string }>(
          `SELECT ticket_id, order_id, status FROM tickets WHERE venue_id = $1 AND ticket_id = ANY($2::text[]) FOR UPDATE`,
          [ctx.venueId, [...ticketIds]],
        )
      ).map((r) => [r.ticket_id, r]),
    );
  for (const id of ticketIds) {
    const t = byId.get(id);
    if (!t || (orderId !== null && t.order_id !== orderId)) {
      return refuse(
        'ticket_not_refundable',
        `Ticket ${id} is not a ticket of order ${orderId ?? '?'} on the server.`,
      );
    }
    if (t.status !== 'sold') {
      return refuse(
        'ticket_not_refundable',
        `Ticket ${id} is already ${t.status}: it cannot be ${status} again.`,
      );
    }
  }
  const freed = await ctx.tx.query<{
    performance_id: string;
    seat_id: string | null;
    tier_id: string;
    lease_id: string | null;
  }>(
    `UPDATE tickets SET status = $3, updated_by_terminal = $4, updated_seq = $5
     WHERE venue_id = $1 AND ticket_id = ANY($2::text[])
     RETURNING performance_id, seat_id, tier_id, lease_id`,
    [ctx.venueId, [...ticketIds], status, ctx.entry.terminalId, ctx.entry.seq],
  );
  // A place sold from a till's lease goes back to that lease while it lives (else the venue).
  const fromLeases = freedFromLeases(freed);
  if (fromLeases.length > 0)
    await returnFreedPlaces(ctx.tx, ctx.venueId, ctx.inventory, fromLeases);
  return null;
}

async function lockOrder(ctx: Ctx, orderId: string) {
  const rows = await ctx.tx.query<{ status: string }>(
    `SELECT status FROM orders WHERE venue_id = $1 AND order_id = $2 FOR UPDATE`,
    [ctx.venueId, orderId],
  );
  return rows[0] ?? null;
}

async function recordRefund(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'refund' }>['payload'],
): Promise<Refusal | null> {
  if (!(await lockOrder(ctx, p.orderId))) {
    return refuse(
      'unknown_order',
      `Order ${p.orderId} is not known to the server (sold elsewhere and not yet synced?).`,
    );
  }
  const codeRefusal = await cashCodePayoutRefusal(ctx, p);
  const ticketRefusal = await refundTickets(ctx, p);
  // A second payout of one code also refunds its tickets twice: the code's words say it best.
  return codeRefusal ?? ticketRefusal;
}

/**
 * A cash-collection code's payout marks its refund request paid; the same code paid again
 * at another till (both offline) is kept — the cash left that drawer — and raised once, as a
 * double refund that names the code and both entries. See customer-service/cash-code.ts.
 */
async function cashCodePayoutRefusal(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'refund' }>['payload'],
): Promise<Refusal | null> {
  if (p.cashCode === undefined) return null;
  const { requestId } = p.cashCode;
  const { terminalId, seq, at } = ctx.entry;
  const payout = await recordCashCodePayout(ctx.tx, ctx.venueId, requestId, {
    terminalId,
    seq,
    at,
  });
  const money = moneyForManagers(p.total);
  if (payout.outcome === 'paid') {
    // The refund request behind the code now reads paid, and its customer is told.
    await markCashRequestPaid(ctx.tx, ctx.venueId, requestId);
    return null;
  }
  if (payout.outcome === 'unknown') {
    return {
      code: 'unknown_cash_code',
      message: `${terminalId} (seq ${seq}) paid out a cash code for refund request ${requestId}, which this server never issued.`,
      amount: p.total,
      suggestedAction: `Check the code ${terminalId} scanned and the ${money} paid out against the refund requests.`,
      keep: true,
    };
  }
  return {
    code: 'cash_code_paid_twice',
    kind: 'double_refund',
    message: `The cash code of refund request ${requestId} was paid out at ${payout.terminalId} (seq ${payout.seq}) and again at ${terminalId} (seq ${seq}).`,
    others: [{ terminalId: payout.terminalId, seq: payout.seq }],
    amount: p.total,
    suggestedAction: `Refund request ${requestId} was paid in cash at both ${payout.terminalId} and ${terminalId} (${money} twice): recover ${money} from the customer or write it off.`,
    keep: true,
  };
}

async function refundTickets(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'refund' }>['payload'],
): Promise<Refusal | null> {
  const ids = p.tickets.map((t) => t.ticketId);
  const rows = await ctx.tx.query<TicketRow>(
    `SELECT ticket_id, order_id, status, performance_id, updated_by_terminal, updated_seq
     FROM tickets WHERE venue_id = $1 AND ticket_id = ANY($2::text[]) FOR UPDATE`,
    [ctx.venueId, ids],
  );
  const byId = new Map(rows.map((r) => [r.ticket_id, r]));
  // Refunded already (at another window, offline) or let in already: the cash left this
  // drawer all the same, so the refund stays applied to its shift, the ticket keeps the state
  // the first entry gave it, and ONE exception names both entries and the money at stake.
  const twice = rows.filter((r) => r.order_id === p.orderId && r.status === 'refunded');
  const used = rows.filter((r) => r.order_id === p.orderId && r.status === 'used');
  if (twice.length === 0 && used.length === 0) {
    const retired = await retireTickets(ctx, p.orderId, ids, 'refunded', byId);
    if (retired) return retired;
    await settleRefundedOrder(ctx.tx, ctx.venueId, p.orderId, p.total.amount, ctx.entry);
    return null;
  }
  const collided = new Set([...twice, ...used].map((r) => r.ticket_id));
  const rest = ids.filter((id) => !collided.has(id));
  const retired = await retireTickets(ctx, p.orderId, rest, 'refunded', byId);
  if (retired) return retired;
  await settleRefundedOrder(ctx.tx, ctx.venueId, p.orderId, p.total.amount, ctx.entry);
  return collisionOfRefund(ctx, p, twice.length > 0 ? twice : used, twice.length > 0);
}

interface TicketRow {
  ticket_id: string;
  order_id: string;
  status: string;
  performance_id: string;
  updated_by_terminal: string;
  updated_seq: number;
}

/** The exception a refund of tickets refunded (or used) already raises: both entries, the money. */
function collisionOfRefund(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'refund' }>['payload'],
  tickets: readonly TicketRow[],
  double: boolean,
): Refusal {
  const ids = new Set(tickets.map((t) => t.ticket_id));
  const amount = sum(
    p.total.currency,
    p.tickets.filter((t) => ids.has(t.ticketId)).map((t) => t.amount),
  );
  const first = tickets[0]!;
  // Refunded by the server itself (a request it paid): its ledger row, not a till's entry.
  const where = (t: TicketRow): string =>
    t.updated_by_terminal === SERVER_LEDGER_TERMINAL
      ? `online by the server (ledger row ${t.updated_seq})`
      : `at ${t.updated_by_terminal} (seq ${t.updated_seq})`;
  const others = [
    ...new Map(
      tickets
        .filter((t) => t.updated_by_terminal !== SERVER_LEDGER_TERMINAL)
        .map((t) => [
          `${t.updated_by_terminal} ${t.updated_seq}`,
          { terminalId: t.updated_by_terminal, seq: Number(t.updated_seq) },
        ]),
    ).values(),
  ];
  const names = [...ids].join(', ');
  const here = ctx.entry.terminalId;
  const money = moneyForManagers(amount);
  const bothPlaces =
    first.updated_by_terminal === SERVER_LEDGER_TERMINAL
      ? `online and at ${here}`
      : `at both ${first.updated_by_terminal} and ${here}`;
  return {
    code: 'ticket_not_refundable',
    kind: double ? 'double_refund' : 'used_ticket_refunded',
    message: double
      ? `Ticket ${names} was refunded ${where(first)} and again at ${here} (seq ${ctx.entry.seq}).`
      : `Ticket ${names} was let in at ${first.updated_by_terminal} (seq ${first.updated_seq}) and refunded at ${here} (seq ${ctx.entry.seq}).`,
    others,
    amount,
    suggestedAction: double
      ? `Ticket ${names} was refunded ${bothPlaces} (${money} twice): recover ${money} from the customer or write it off.`
      : `Ticket ${names} was used at the door before ${here} refunded it (${money}): recover ${money} from the customer or write it off.`,
    performanceId: first.performance_id,
    keep: true,
  };
}

/**
 * A ticket let in at the door: `sold` becomes `used` (and so can no longer be refunded, voided
 * or exchanged here: those need `sold`). A ticket the server does not hold for that order, or
 * one already used, refunded, voided or exchanged, is refused — a second admission of one
 * ticket at two doors offline is exactly what a manager must see.
 */
async function recordAdmission(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'admission' }>['payload'],
): Promise<Refusal | null> {
  const rows = await ctx.tx.query<{ order_id: string; status: string; performance_id: string }>(
    `SELECT order_id, status, performance_id FROM tickets
     WHERE venue_id = $1 AND ticket_id = $2 FOR UPDATE`,
    [ctx.venueId, p.ticketId],
  );
  const t = rows[0];
  if (!t || t.order_id !== p.orderId || t.performance_id !== p.performanceId) {
    return refuse(
      'ticket_not_admissible',
      `Ticket ${p.ticketId} is not a ticket of order ${p.orderId} for ${p.performanceId} on the server.`,
    );
  }
  if (t.status !== 'sold') {
    return refuse(
      'ticket_not_admissible',
      `Ticket ${p.ticketId} is already ${t.status}: it cannot be let in.`,
    );
  }
  // The till applied the door's time rule with its own clock; the server applies the same
  // rule to the entry's time against the venue's newest catalog (a till with a wrong clock or
  // a stale catalog — a performance cancelled since — is raised, not silently believed).
  const performance = await publishedPerformance(ctx, t.performance_id);
  const door = performance === null ? null : doorRefusal(performance, Date.parse(ctx.entry.at));
  if (door !== null) {
    return refuse(
      'ticket_not_admissible',
      `Ticket ${p.ticketId} let in against the door rule: ${door.message}`,
    );
  }
  await ctx.tx.query(
    `UPDATE tickets SET status = 'used', updated_by_terminal = $3, updated_seq = $4
     WHERE venue_id = $1 AND ticket_id = $2`,
    [ctx.venueId, p.ticketId, ctx.entry.terminalId, ctx.entry.seq],
  );
  return null;
}

/**
 * The performance as the venue's newest catalog has it, or null when no published catalog
 * names it (a venue that never published one: the server has nothing to check against).
 */
async function publishedPerformance(ctx: Ctx, performanceId: string): Promise<Performance | null> {
  const rows = await ctx.tx.query<{ performance: unknown }>(
    `SELECT p AS performance
     FROM (SELECT body FROM catalogs WHERE venue_id = $1 ORDER BY version DESC LIMIT 1) AS c,
          jsonb_array_elements(c.body -> 'performances') AS p
     WHERE p ->> 'id' = $2`,
    [ctx.venueId, performanceId],
  );
  if (rows.length === 0) return null;
  const raw = rows[0]!.performance;
  return performanceSchema.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);
}

async function recordVoid(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'void' }>['payload'],
): Promise<Refusal | null> {
  const order = await lockOrder(ctx, p.orderId);
  if (!order) return refuse('unknown_order', `Order ${p.orderId} is not known to the server.`);
  if (order.status !== 'sold')
    return refuse(
      'order_not_voidable',
      `Order ${p.orderId} is ${order.status}: it cannot be voided.`,
    );
  const retired = await retireTickets(
    ctx,
    p.orderId,
    p.tickets.map((t) => t.ticketId),
    'voided',
  );
  if (retired) return retired;
  await ctx.tx.query(
    `UPDATE orders SET status = 'voided', updated_seq = $3, updated_by_terminal = $4 WHERE venue_id = $1 AND order_id = $2`,
    [ctx.venueId, p.orderId, ctx.entry.seq, ctx.entry.terminalId],
  );
  return null;
}

async function recordExchange(
  ctx: Ctx,
  p: Extract<DomainEntry, { type: 'exchange' }>['payload'],
): Promise<Refusal | null> {
  if (!(await lockOrder(ctx, p.orderId)))
    return refuse('unknown_order', `Order ${p.orderId} is not known to the server.`);
  const retired = await retireTickets(
    ctx,
    p.orderId,
    p.returned.map((t) => t.ticketId),
    'exchanged',
  );
  if (retired) return retired;
  return (await insertTickets(ctx, p.issued)) ?? consumeOne(ctx, p.issued);
}

type SaleEntry = Extract<DomainEntry, { type: 'sale' }>;

/**
 * Projects a run of one terminal's sale entries in ONE statement (their shifts, their orders,
 * their tickets; each list an array parameter, unnest-ed) instead of three or four each, and
 * all or nothing: when every one of them applied it returns which of their performances have
 * inventory records (for sync/inventory-on-push.ts: none, the common case, costs nothing
 * more), and null, having written nothing, when projecting them one by one would refuse one (unknown or closed shift, an order
 * or ticket already there, also within the run) — the caller then projects them entry by
 * entry, which gives the refusals. The statement's checks all read its one snapshot, before
 * any of its writes; the writes happen only if every check passed. A database error (a value
 * out of a column's range, an order id another push inserted meanwhile) is thrown.
 */
export async function projectSales(
  tx: Queryable,
  venueId: string,
  terminalId: string,
  sales: readonly SaleEntry[],
): Promise<readonly string[] | null> {
  if (sales.length === 0) return [];
  const params = salesProjectionParams(venueId, terminalId, sales);
  if (params === null) return null;
  // Planned for each run's values (customPlan), never kept on PostgreSQL's generic plan,
  // which a prepared statement switches to after five runs: it took ~70 ms a 100-sale push
  // against ~5–10 ms planned per run on PostgreSQL (6,000 sales, load ~10), and ~55 ms
  // against ~6 ms on PGlite (its lookups of orders and tickets by venue_id alone, filtered).
  // PGlite keeps its parse all the same; the `pg` adapter runs it unnamed.
  const [answer] = await tx.query<{ ok: boolean; inventoried: string[] | null }>(
    `WITH ${salesProjectionCtes({ ok: '', from: '', returning: false })}
     SELECT ok, ARRAY(
       SELECT performance_id FROM inventory_performances
       WHERE venue_id = $1 AND performance_id = ANY($22::text[])
     ) AS inventoried FROM go`,
    params,
    { prepareAs: 'project_sales', customPlan: true },
  );
  return answer!.ok ? (answer!.inventoried ?? []) : null;
}

/**
 * projectSales's parameters $1…$22 (the run's shifts, orders and tickets as arrays; $22 the
 * performances it sells), or null when the run holds an order or ticket twice (the second
 * would be refused one by one).
 */
export function salesProjectionParams(
  venueId: string,
  terminalId: string,
  sales: readonly SaleEntry[],
): unknown[] | null {
  const shifts = new Map<string, { n: number; cin: number; cout: number }>();
  for (const e of sales) {
    const moved = cashMovedBy(e);
    const s = shifts.get(e.payload.shiftId) ?? { n: 0, cin: 0, cout: 0 };
    s.n += 1;
    s.cin += moved?.in ?? 0;
    s.cout += moved?.out ?? 0;
    shifts.set(e.payload.shiftId, s);
  }
  const real = sales.filter((e) => !e.payload.training);
  const tickets = real.flatMap((e) => e.payload.tickets.map((t) => ({ t, seq: e.seq })));
  if (
    new Set(real.map((e) => e.payload.orderId)).size !== real.length ||
    new Set(tickets.map(({ t }) => t.ticketId)).size !== tickets.length
  ) {
    return null;
  }
  const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);
  const shiftRows = [...shifts];
  return [
    venueId,
    terminalId,
    column(shiftRows, ([id]) => id),
    column(shiftRows, ([, s]) => s.n),
    column(shiftRows, ([, s]) => s.cin),
    column(shiftRows, ([, s]) => s.cout),
    column(real, (e) => e.payload.orderId),
    column(real, (e) => e.seq),
    column(real, (e) => e.payload.shiftId),
    column(real, (e) => e.payload.receiptNo),
    column(real, (e) => e.at),
    column(real, (e) => e.payload.totals.total.currency),
    column(real, (e) => e.payload.totals.total.amount),
    column(tickets, ({ t }) => t.ticketId),
    column(tickets, ({ t }) => t.orderId),
    column(tickets, ({ t }) => t.performanceId),
    column(tickets, ({ t }) => t.tierId),
    column(tickets, ({ t }) => t.seatId ?? null),
    column(tickets, ({ t }) => t.price.amount),
    column(tickets, ({ t }) => t.price.currency),
    column(tickets, ({ seq }) => seq),
    [...new Set(tickets.map(({ t }) => t.performanceId))],
  ];
}

/**
 * projectSales's CTEs over salesProjectionParams: `go` (its one row's `ok`: every check
 * passed — open shifts, no order or ticket there already — and the caller's `ok`, a condition
 * starting with AND, over the caller's `from`, a FROM clause), then `touched` (the shifts),
 * `orders_in` and `tickets_in`, each writing only if go's ok (with `returning`, each
 * RETURNING 1, for a caller that reads them to order its writes).
 */
export function salesProjectionCtes(extra: {
  ok: string;
  from: string;
  returning: boolean;
}): string {
  const returning = extra.returning ? 'RETURNING 1' : '';
  return `go AS (
       SELECT (SELECT count(*) FROM shifts
               WHERE venue_id = $1 AND terminal_id = $2 AND shift_id = ANY($3::text[])
                 AND closed_at IS NULL) = cardinality($3::text[])
         AND NOT EXISTS (
           SELECT 1 FROM unnest($7::text[]) AS x (order_id)
           CROSS JOIN LATERAL (
             SELECT 1 FROM orders WHERE venue_id = $1 AND order_id = x.order_id LIMIT 1
           ) AS o)
         AND NOT EXISTS (${ISSUED_ALREADY('$14')}) ${extra.ok} AS ok ${extra.from}
     ), touched AS (
       UPDATE shifts s SET entries = s.entries + v.n,
         cash_in_minor = s.cash_in_minor + v.cin, cash_out_minor = s.cash_out_minor + v.cout
       FROM unnest($3::text[], $4::integer[], $5::bigint[], $6::bigint[]) AS v (shift_id, n, cin, cout)
       WHERE s.venue_id = $1 AND s.terminal_id = $2 AND s.shift_id = v.shift_id
         AND (SELECT ok FROM go)
       ${returning}
     ), orders_in AS (
       INSERT INTO orders (venue_id, order_id, terminal_id, seq, shift_id, receipt_no, sold_at, currency,
         total_minor, status, updated_seq, updated_by_terminal)
       SELECT $1, o.order_id, $2, o.seq, o.shift_id, o.receipt_no, o.sold_at, o.currency, o.total_minor,
         'sold', o.seq, $2
       FROM unnest($7::text[], $8::integer[], $9::text[], $10::integer[], $11::text[], $12::text[], $13::bigint[])
         AS o (order_id, seq, shift_id, receipt_no, sold_at, currency, total_minor)
       WHERE (SELECT ok FROM go)
       ${returning}
     ), tickets_in AS (
       INSERT INTO tickets (venue_id, ticket_id, order_id, performance_id, tier_id, seat_id, price_minor,
         currency, status, issued_by_terminal, issued_seq, updated_by_terminal, updated_seq)
       SELECT $1, t.ticket_id, t.order_id, t.performance_id, t.tier_id, t.seat_id, t.price_minor,
         t.currency, 'sold', $2, t.seq, $2, t.seq
       FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::bigint[], $20::text[], $21::integer[])
         AS t (ticket_id, order_id, performance_id, tier_id, seat_id, price_minor, currency, seq)
       WHERE (SELECT ok FROM go)
       ${returning}
     )`;
}
