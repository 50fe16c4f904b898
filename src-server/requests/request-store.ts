import type { Currency } from '../../shared/money/currency';
import { money } from '../../shared/money/money';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import type { RequestListItem, RequestState, RequestStatus } from '../../shared/requests/contract';
import { num, type Queryable } from '../db/port';
import { isoTimestamp, isoTimestampOrNull } from '../db/timestamps';

/** A `refund_requests` row as read back (migration 016). */
export interface RequestRow {
  venue_id: string;
  request_id: string;
  status_secret: string;
  order_id: string;
  ticket_ids: string[];
  channel: 'web' | 'phone';
  state: RequestState;
  reason_code: string;
  reason_text: string;
  method: 'original_tender' | 'voucher' | 'cash';
  paid_by: string;
  currency: string;
  amount_minor: unknown;
  /** null on requests stored before migration 020 */
  asked_minor: unknown;
  answer_due_before_show: boolean;
  fees_minor: unknown;
  retained_minor: unknown;
  decision_codes: string[];
  decision_summary: string;
  decline_reason: string | null;
  collect_at_box_office: boolean;
  payout_attempts: number;
  payout_error: string | null;
  created_at: Date | string;
  answer_due_at: Date | string;
  venue_name: string;
  voucher_code: string | null;
  cash_code: string | null;
  cash_code_expires_at: Date | string | null;
  /** The order's receipt as its till printed it; null when the server does not hold the sale. */
  order_terminal_id: string | null;
  order_receipt_no: unknown;
}

const SELECT = `SELECT r.*, v.name AS venue_name, l.body ->> 'voucherCode' AS voucher_code,
    CASE WHEN c.paid_at IS NULL THEN c.code END AS cash_code,
    CASE WHEN c.paid_at IS NULL THEN c.expires_at END AS cash_code_expires_at,
    o.terminal_id AS order_terminal_id, o.receipt_no AS order_receipt_no
  FROM refund_requests r
  JOIN venues v ON v.venue_id = r.venue_id
  LEFT JOIN server_ledger l ON l.venue_id = r.venue_id AND l.request_id = r.request_id
  LEFT JOIN cash_codes c ON c.venue_id = r.venue_id AND c.request_id = r.request_id
  LEFT JOIN orders o ON o.venue_id = r.venue_id AND o.order_id = r.order_id`;

export async function requestRow(
  db: Queryable,
  venueId: string,
  requestId: string,
  forUpdate = false,
): Promise<RequestRow | null> {
  const rows = await db.query<RequestRow>(
    forUpdate
      ? `SELECT r.*, '' AS venue_name, NULL AS voucher_code, NULL AS cash_code,
           NULL AS cash_code_expires_at, NULL AS order_terminal_id, NULL AS order_receipt_no
         FROM refund_requests r
         WHERE r.venue_id = $1 AND r.request_id = $2 FOR UPDATE`
      : `${SELECT} WHERE r.venue_id = $1 AND r.request_id = $2`,
    [venueId, requestId],
  );
  return rows[0] ?? null;
}

export async function requestRows(
  db: Queryable,
  venueId: string,
  state: 'open' | 'all' | RequestState,
): Promise<RequestRow[]> {
  // Open: waiting for a person, or approved but not yet paid back (a payout to retry, cash
  // to collect). Oldest first: the queue is answered in the order it arrived.
  return db.query<RequestRow>(
    `${SELECT} WHERE r.venue_id = $1 AND CASE $2
       WHEN 'all' THEN true
       WHEN 'open' THEN r.state IN ('received', 'under_review', 'approved')
       ELSE r.state = $2 END
     ORDER BY r.created_at, r.request_id LIMIT 500`,
    [venueId, state],
  );
}

export interface MessageRow {
  request_id: string;
  message_no: number;
  author: 'customer' | 'venue';
  body: string;
  created_at: Date | string;
}

export async function messagesOf(
  db: Queryable,
  venueId: string,
  requestIds: readonly string[],
): Promise<Map<string, RequestStatus['messages']>> {
  const rows = await db.query<MessageRow>(
    `SELECT request_id, message_no, author, body, created_at FROM request_messages
     WHERE venue_id = $1 AND request_id = ANY($2::text[]) ORDER BY request_id, message_no`,
    [venueId, requestIds],
  );
  const out = new Map<string, RequestStatus['messages']>();
  for (const r of rows) {
    const list = out.get(r.request_id) ?? [];
    list.push({ no: Number(r.message_no), author: r.author, body: r.body, at: iso(r.created_at) });
    out.set(r.request_id, list);
  }
  return out;
}

export async function addMessage(
  tx: Queryable,
  venueId: string,
  requestId: string,
  author: 'customer' | 'venue',
  authorId: string | null,
  body: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO request_messages (venue_id, request_id, message_no, author, author_id, body)
     SELECT $1, $2, coalesce(max(message_no), 0) + 1, $3, $4, $5
     FROM request_messages WHERE venue_id = $1 AND request_id = $2`,
    [venueId, requestId, author, authorId, body],
  );
}

const iso = isoTimestamp;
const isoOrNull = isoTimestampOrNull;

const amountOf = (r: RequestRow) => money(num(r.amount_minor), r.currency as Currency);
const askedOf = (r: RequestRow) =>
  r.asked_minor === null || r.asked_minor === undefined
    ? amountOf(r)
    : money(num(r.asked_minor), r.currency as Currency);

export function statusView(r: RequestRow, messages: RequestStatus['messages']): RequestStatus {
  return {
    requestId: r.request_id,
    venueName: r.venue_name,
    state: r.state,
    channel: r.channel,
    createdAt: iso(r.created_at),
    answerDueAt: iso(r.answer_due_at),
    answerDueBeforeShow: r.answer_due_before_show === true,
    amount: amountOf(r),
    asked: askedOf(r),
    method: r.method,
    collectAtBoxOffice: r.collect_at_box_office,
    declineReason: r.decline_reason,
    payoutPending: r.state === 'approved' && r.payout_error !== null,
    voucherCode: r.voucher_code,
    // A row read without the cash code join (a write's RETURNING) has neither: null.
    cashCode: r.state === 'approved' ? (r.cash_code ?? null) : null,
    cashCodeExpiresAt: r.state === 'approved' ? isoOrNull(r.cash_code_expires_at) : null,
    ticketCount: r.ticket_ids.length,
    messages,
  };
}

export function listItemView(
  r: RequestRow,
  messages: RequestStatus['messages'],
  nowMs: number,
): RequestListItem {
  const created = new Date(r.created_at).getTime();
  const due = new Date(r.answer_due_at).getTime();
  const open = r.state === 'received' || r.state === 'under_review';
  const codeExpiry = r.state === 'approved' ? isoOrNull(r.cash_code_expires_at) : null;
  return {
    requestId: r.request_id,
    orderId: r.order_id,
    // Both columns come from one LEFT JOIN: null together when the server lacks the sale.
    receiptNumber:
      r.order_terminal_id === null
        ? null
        : formatReceiptNumber(r.order_terminal_id, num(r.order_receipt_no)),
    state: r.state,
    channel: r.channel,
    reasonCode: r.reason_code,
    reasonText: r.reason_text,
    amount: amountOf(r),
    asked: askedOf(r),
    method: r.method,
    paidBy: r.paid_by,
    collectAtBoxOffice: r.collect_at_box_office,
    codes: r.decision_codes,
    summary: r.decision_summary,
    createdAt: iso(r.created_at),
    answerDueAt: iso(r.answer_due_at),
    ageHours: Math.max(0, Math.floor((nowMs - created) / 3_600_000)),
    overdue: open && nowMs > due,
    payoutError: r.payout_error,
    cashCodeExpiresAt: codeExpiry,
    cashCodeExpired: codeExpiry !== null && Date.parse(codeExpiry) <= nowMs,
    messages,
  };
}
