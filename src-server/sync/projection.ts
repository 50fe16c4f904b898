import { cashMovedBy } from '../../shared/journal/cash-movement';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { TicketRecord } from '../../shared/orders/records';
import type { Queryable } from '../db/port';

/** Why an entry that validated and chained could not be applied: becomes a reconciliation exception. */
export interface Refusal {
  readonly code:
    | 'unknown_shift'
    | 'shift_closed'
    | 'duplicate_shift'
    | 'duplicate_order'
    | 'ticket_already_issued'
    | 'unknown_order'
    | 'ticket_not_refundable'
    | 'order_not_voidable'
    | 'apply_failed';
  readonly message: string;
}

interface Ctx {
  readonly tx: Queryable;
  readonly venueId: string;
  readonly entry: DomainEntry;
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
): Promise<Refusal | null> {
  const ctx: Ctx = { tx, venueId, entry };
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
       SELECT ticket_id FROM tickets WHERE venue_id = $1 AND ticket_id = ANY($4::text[])
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
  return insertTickets(ctx, p.tickets);
}

/** Moves tickets of an order from sold to `status`; refuses if any is not sold in that order. */
async function retireTickets(
  ctx: Ctx,
  orderId: string | null,
  ticketIds: readonly string[],
  status: 'refunded' | 'voided' | 'exchanged',
): Promise<Refusal | null> {
  const rows = await ctx.tx.query<{ ticket_id: string; order_id: string; status: string }>(
    `SELECT ticket_id, order_id, status FROM tickets WHERE venue_id = $1 AND ticket_id = ANY($2::text[]) FOR UPDATE`,
    [ctx.venueId, [...ticketIds]],
  );
  const byId = new Map(rows.map((r) => [r.ticket_id, r]));
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
  await ctx.tx.query(
    `UPDATE tickets SET status = $3, updated_by_terminal = $4, updated_seq = $5
     WHERE venue_id = $1 AND ticket_id = ANY($2::text[])`,
    [ctx.venueId, [...ticketIds], status, ctx.entry.terminalId, ctx.entry.seq],
  );
  return null;
}

async function lockOrder(ctx: Ctx, orderId: string) {
  const rows = await ctx.tx.query<{ status: string }>(
    `SELECT status FROM orders WHERE venue_id = $1 AND order_id = $2 FOR UPDATE`,
    [ctx.venueId, orderId],
  );
  return rows[0] ?? null;
}

async function settleOrderStatus(ctx: Ctx, orderId: string, refundedMinor: number): Promise<void> {
  await ctx.tx.query(
    `UPDATE orders o SET refunded_minor = refunded_minor + $3, updated_seq = $4, updated_by_terminal = $5,
       status = CASE WHEN EXISTS (SELECT 1 FROM tickets t WHERE t.venue_id = o.venue_id AND t.order_id = o.order_id AND t.status = 'sold')
                     THEN 'partly_refunded' ELSE 'refunded' END
     WHERE venue_id = $1 AND order_id = $2`,
    [ctx.venueId, orderId, refundedMinor, ctx.entry.seq, ctx.entry.terminalId],
  );
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
  const retired = await retireTickets(
    ctx,
    p.orderId,
    p.tickets.map((t) => t.ticketId),
    'refunded',
  );
  if (retired) return retired;
  await settleOrderStatus(ctx, p.orderId, p.total.amount);
  return null;
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
  return insertTickets(ctx, p.issued);
}

type SaleEntry = Extract<DomainEntry, { type: 'sale' }>;

/**
 * Projects a run of one terminal's sale entries in three statements (their shifts, their
 * orders, their tickets) instead of three or four each. Returns true when every one of them
 * applied; false when projecting them one by one would refuse one (unknown or closed shift,
 * an order or ticket already there, also within the run) — the caller then rolls back to its
 * savepoint and projects entry by entry, which gives the refusals. A database error (a ticket
 * id twice in the run) is thrown, with the same effect.
 */
export async function projectSales(
  tx: Queryable,
  venueId: string,
  terminalId: string,
  sales: readonly SaleEntry[],
): Promise<boolean> {
  if (sales.length === 0) return true;
  const shifts = new Map<string, { n: number; cin: number; cout: number }>();
  for (const e of sales) {
    const moved = cashMovedBy(e);
    const s = shifts.get(e.payload.shiftId) ?? { n: 0, cin: 0, cout: 0 };
    s.n += 1;
    s.cin += moved?.in ?? 0;
    s.cout += moved?.out ?? 0;
    shifts.set(e.payload.shiftId, s);
  }
  const shiftParams: unknown[] = [venueId, terminalId];
  const shiftValues = [...shifts].map(([shiftId, s]) => {
    const at = shiftParams.length;
    shiftParams.push(shiftId, s.n, s.cin, s.cout);
    return `($${at + 1}::text, $${at + 2}::integer, $${at + 3}::bigint, $${at + 4}::bigint)`;
  });
  const touched = await tx.query<{ closed_at: string | null }>(
    `UPDATE shifts s SET entries = s.entries + v.n,
       cash_in_minor = s.cash_in_minor + v.cin, cash_out_minor = s.cash_out_minor + v.cout
     FROM (VALUES ${shiftValues.join(', ')}) AS v (shift_id, n, cin, cout)
     WHERE s.venue_id = $1 AND s.terminal_id = $2 AND s.shift_id = v.shift_id
     RETURNING s.closed_at`,
    shiftParams,
  );
  if (touched.length !== shifts.size || touched.some((r) => r.closed_at !== null)) return false;

  const real = sales.filter((e) => !e.payload.training);
  if (real.length === 0) return true;
  const orderParams: unknown[] = [venueId, terminalId];
  const orderValues = real.map((e) => {
    const at = orderParams.length;
    const p = e.payload;
    orderParams.push(
      p.orderId,
      e.seq,
      p.shiftId,
      p.receiptNo,
      e.at,
      p.totals.total.currency,
      p.totals.total.amount,
    );
    return `($1, $${at + 1}, $2, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, 'sold', $${at + 2}, $2)`;
  });
  const orders = await tx.query(
    `INSERT INTO orders (venue_id, order_id, terminal_id, seq, shift_id, receipt_no, sold_at, currency,
       total_minor, status, updated_seq, updated_by_terminal)
     VALUES ${orderValues.join(', ')}
     ON CONFLICT (venue_id, order_id) DO NOTHING RETURNING order_id`,
    orderParams,
  );
  if (orders.length !== real.length) return false;

  const tickets = real.flatMap((e) => e.payload.tickets.map((t) => ({ t, seq: e.seq })));
  if (tickets.length === 0) return true;
  const params: unknown[] = [venueId, terminalId, tickets.map(({ t }) => t.ticketId)];
  const values = tickets.map(({ t, seq }) => {
    const at = params.length;
    params.push(
      t.ticketId,
      t.orderId,
      t.performanceId,
      t.tierId,
      t.seatId ?? null,
      t.price.amount,
      t.price.currency,
      seq,
    );
    return `($${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text, $${at + 6}::bigint, $${at + 7}::text, $${at + 8}::integer)`;
  });
  const existing = await tx.query(
    `WITH existing AS (
       SELECT ticket_id FROM tickets WHERE venue_id = $1 AND ticket_id = ANY($3::text[])
     ), inserted AS (
       INSERT INTO tickets (venue_id, ticket_id, order_id, performance_id, tier_id, seat_id, price_minor,
         currency, status, issued_by_terminal, issued_seq, updated_by_terminal, updated_seq)
       SELECT $1::text, v.ticket_id, v.order_id, v.performance_id, v.tier_id, v.seat_id, v.price_minor,
         v.currency, 'sold', $2::text, v.seq, $2::text, v.seq
       FROM (VALUES ${values.join(', ')}) AS v (ticket_id, order_id, performance_id, tier_id, seat_id, price_minor, currency, seq)
       WHERE NOT EXISTS (SELECT 1 FROM existing)
     )
     SELECT ticket_id FROM existing`,
    params,
  );
  return existing.length === 0;
}
