import { z } from 'zod';
import { roleSchema } from '../catalog/roles';
import { currencySchema } from '../money/currency';
import type { Money } from '../money/money';
import { moneySchema } from '../money/money';
import type { TaxLine } from '../money/tax';
import type { Payout } from '../orders/payouts';
import type { OrderLine, TicketRecord } from '../orders/records';
import type { TenderRecord } from '../orders/tenders';
import { refundPolicySchema } from '../refund-policy/policy-schema';
import type { ShiftReport } from '../shift/report';
import type { DomainEntry } from './entry-types';
import type {
  ApprovalAction,
  ApprovalPayload,
  CashMovementPayload,
  ExchangePayload,
  AdmissionPayload,
  NoSalePayload,
  RefundPayload,
  RefundedTicket,
  ReturnedTicket,
  SalePayload,
  SaleTotals,
  SessionPayload,
  ShiftClosePayload,
  ShiftOpenPayload,
  StaffRef,
  TrainingModePayload,
  VoidPayload,
} from './entry-types';
import { REFUND_REASONS } from './entry-types';
import { dbInt } from '../util/db-int';

/**
 * The journal as a wire and storage contract: what a terminal writes, what its store reads
 * back, and what the sync push will carry for the server to validate. Each schema is typed
 * against the payload interface in entry-types.ts (`z.ZodType<Payload>`), so the two cannot
 * drift apart silently, and objects are strict: an unknown member is refused rather than
 * dropped, because the hash covers the stored body and a parse that dropped a member would
 * hand out an entry that no longer matches its hash.
 *
 * Versions: every entry type is at version 1 (the shape it has had since the first release).
 * Entries sealed before `v` existed carry none and are read as version 1; they are never
 * rewritten. A later change to a payload adds a version 2 schema beside version 1 for that
 * type, and readers branch on `entryVersion(entry)`.
 */

const id = z.string().min(1).max(128);
const instant = z.string().min(1).max(64);
// Numbers the server keeps in `integer` columns (receipt_no, seq, z_number) are bounded by
// dbInt: a larger one is refused here, not failed inside the push's transaction.
const receiptNo = dbInt(1);
const zNumber = dbInt(1).nullable();
const bp = z.number().int();
const count = z.number().int().min(0);

const money: z.ZodType<Money> = z.strictObject({
  amount: moneySchema.shape.amount,
  currency: currencySchema,
});

const taxLine: z.ZodType<TaxLine> = z.strictObject({
  rateBp: bp,
  gross: money,
  tax: money,
  net: money,
});

const staffRef: z.ZodType<StaffRef> = z.strictObject({ staffId: id, role: roleSchema });

const tenderRecord: z.ZodType<TenderRecord> = z.discriminatedUnion('kind', [
  z.strictObject({
    tenderId: id,
    kind: z.literal('cash'),
    amount: money,
    tendered: money,
    change: money,
  }),
  z.strictObject({
    tenderId: id,
    kind: z.literal('card'),
    amount: money,
    approvalCode: z.string().max(64),
    last4: z.string().regex(/^\d{4}$/),
    scheme: z.string().max(32).optional(),
    // Added for kiosk refunds (issue 15); optional, so entries sealed before it read as before.
    paymentId: id.optional(),
  }),
  z.strictObject({ tenderId: id, kind: z.literal('voucher'), amount: money, voucherId: id }),
]);

const payoutSource = z.strictObject({ tenderId: id, amount: money });

const payout: z.ZodType<Payout> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('cash'),
    amount: money,
    sources: z.array(payoutSource),
    rounding: money,
  }),
  z.strictObject({
    kind: z.literal('card'),
    amount: money,
    sources: z.array(payoutSource),
    last4: z.string().regex(/^\d{4}$/),
    approvalCode: z.string().max(64).optional(),
    paymentId: id.optional(),
  }),
  z.strictObject({
    kind: z.literal('voucher'),
    amount: money,
    sources: z.array(payoutSource),
    voucherId: id,
    bonus: money,
  }),
]);

const appliedAdjustment = z.strictObject({
  ruleId: id,
  kind: z.enum(['time_window', 'demand', 'promo', 'concession']),
  label: z.string().max(200),
  amount: money,
});

const ticketRecord: z.ZodType<TicketRecord> = z.strictObject({
  ticketId: id,
  orderId: id,
  performanceId: id,
  eventId: id,
  tierId: id,
  seatId: id.optional(),
  price: money,
  bookingFee: money,
  taxRateBp: bp,
  base: money,
  adjustments: z.array(appliedAdjustment),
  concessionId: id.optional(),
  checkId: z.boolean(),
  promoCode: z.string().max(64).optional(),
  code: z.string().min(1).max(1024),
  issuedAt: instant,
  policy: refundPolicySchema,
});

const orderLine: z.ZodType<OrderLine> = z.strictObject({
  performanceId: id,
  tierId: id,
  quantity: z.number().int().min(1),
  unitPrice: money,
  unitBookingFee: money,
  total: money,
  taxRateBp: bp,
  ticketIds: z.array(id),
});

const saleTotals: z.ZodType<SaleTotals> = z.strictObject({
  tickets: money,
  bookingFees: money,
  total: money,
  rounding: money,
  paid: money,
  change: money,
  taxes: z.array(taxLine),
});

export const salePayloadSchema: z.ZodType<SalePayload> = z.strictObject({
  orderId: id,
  receiptNo,
  shiftId: id,
  staff: staffRef,
  customerId: id.optional(),
  lines: z.array(orderLine),
  tickets: z.array(ticketRecord),
  tenders: z.array(tenderRecord),
  totals: saleTotals,
  training: z.boolean(),
});

const refundedTicket: z.ZodType<RefundedTicket> = z.strictObject({
  ticketId: id,
  performanceId: id,
  tierId: id,
  price: money,
  bookingFee: money,
  taxRateBp: bp,
  refundBp: bp,
  fee: money,
  bookingFeeReturned: money,
  amount: money,
  retained: money,
});

export const refundPayloadSchema: z.ZodType<RefundPayload> = z.strictObject({
  refundId: id,
  receiptNo,
  orderId: id,
  shiftId: id,
  staff: staffRef,
  approvedBy: staffRef.optional(),
  reasonCode: z.enum(REFUND_REASONS),
  note: z.string().max(500).optional(),
  method: z.enum(['original_tender', 'cash', 'voucher']),
  overrideReason: z.string().max(500).optional(),
  policy: z.strictObject({ id, version: z.number().int().min(1) }),
  tickets: z.array(refundedTicket),
  payouts: z.array(payout),
  total: money,
  shortfall: money,
  fees: money,
  retained: money,
  bonus: money,
  rounding: money,
  taxes: z.array(taxLine),
  training: z.boolean(),
  cashCode: z
    .strictObject({
      requestId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      keyId: z.string().regex(/^[0-9a-f]{8}$/),
      terminalId: z.string().min(1).max(64),
      paidAt: instant,
    })
    .optional(),
});

const returnedTicket: z.ZodType<ReturnedTicket> = z.strictObject({
  ticketId: id,
  performanceId: id,
  tierId: id,
  credit: money,
  bookingFee: money,
  taxRateBp: bp,
});

export const exchangePayloadSchema: z.ZodType<ExchangePayload> = z.strictObject({
  exchangeId: id,
  receiptNo,
  orderId: id,
  shiftId: id,
  staff: staffRef,
  approvedBy: staffRef.optional(),
  returned: z.array(returnedTicket),
  issued: z.array(ticketRecord),
  credit: money,
  newTotal: money,
  fee: money,
  difference: money,
  tenders: z.array(tenderRecord),
  change: money,
  payouts: z.array(payout),
  rounding: money,
  taxes: z.array(taxLine),
  training: z.boolean(),
});

export const voidPayloadSchema: z.ZodType<VoidPayload> = z.strictObject({
  voidId: id,
  receiptNo,
  orderId: id,
  voidedReceiptNo: receiptNo,
  shiftId: id,
  staff: staffRef,
  approvedBy: staffRef.optional(),
  reason: z.string().max(500),
  tickets: z.array(z.strictObject({ ticketId: id, performanceId: id })),
  payouts: z.array(payout),
  total: money,
  taxes: z.array(taxLine),
  training: z.boolean(),
});

export const cashMovementPayloadSchema: z.ZodType<CashMovementPayload> = z.strictObject({
  movementId: id,
  shiftId: id,
  staff: staffRef,
  approvedBy: staffRef.optional(),
  amount: money,
  reason: z.string().max(500),
  training: z.boolean(),
});

export const noSalePayloadSchema: z.ZodType<NoSalePayload> = z.strictObject({
  shiftId: id,
  staff: staffRef,
  reason: z.string().max(500),
  training: z.boolean(),
});

export const admissionPayloadSchema: z.ZodType<AdmissionPayload> = z.strictObject({
  ticketId: id,
  orderId: id,
  performanceId: id,
  staff: staffRef,
});

export const shiftOpenPayloadSchema: z.ZodType<ShiftOpenPayload> = z.strictObject({
  shiftId: id,
  staff: staffRef,
  float: money,
  training: z.boolean(),
});

const tenderKind = z.enum(['cash', 'card', 'voucher']);

const shiftReport: z.ZodType<ShiftReport> = z.strictObject({
  kind: z.enum(['X', 'Z']),
  shiftId: id,
  openedAt: instant,
  openedBy: staffRef,
  generatedAt: instant,
  zNumber,
  training: z.boolean(),
  currency: currencySchema,
  entries: count,
  sales: z.strictObject({
    count,
    tickets: count,
    ticketsValue: money,
    bookingFees: money,
    adjustments: money,
    total: money,
  }),
  refunds: z.strictObject({
    count,
    tickets: count,
    total: money,
    fees: money,
    retained: money,
    voucherBonus: money,
    byReason: z.array(
      z.strictObject({ reasonCode: z.enum(REFUND_REASONS), count, tickets: count, total: money }),
    ),
  }),
  exchanges: z.strictObject({
    count,
    ticketsReturned: count,
    ticketsIssued: count,
    collected: money,
    paidBack: money,
    fees: money,
  }),
  voids: z.strictObject({ count, tickets: count, total: money }),
  taxes: z.array(taxLine),
  performances: z.array(
    z.strictObject({
      performanceId: id,
      sold: count,
      refunded: count,
      voided: count,
      exchangedOut: count,
      exchangedIn: count,
      net: z.number().int(),
    }),
  ),
  tenders: z.array(z.strictObject({ kind: tenderKind, in: money, out: money, net: money })),
  cash: z.strictObject({
    float: money,
    in: money,
    out: money,
    paidIn: money,
    paidOut: money,
    drops: money,
    expected: money,
  }),
  movements: z.strictObject({ paidIn: count, paidOut: count, drops: count, noSales: count }),
  netTakings: money,
  counted: money.nullable(),
  overShort: money.nullable(),
});

export const shiftClosePayloadSchema: z.ZodType<ShiftClosePayload> = z.strictObject({
  shiftId: id,
  staff: staffRef,
  approvedBy: staffRef.optional(),
  zNumber,
  counted: money,
  expected: money,
  overShort: money,
  note: z.string().max(500).optional(),
  report: shiftReport,
  training: z.boolean(),
});

/** What an approval can be for (the approval entry's and main's token binding's `action`). */
export const APPROVAL_ACTIONS = [
  'refund',
  'refund_after_deadline',
  'exchange',
  'void',
  'paid_out',
  'shift_close_over_short',
  'training_mode',
  'printer_settings',
  'scanner_settings',
] as const satisfies readonly ApprovalAction[];

export const approvalPayloadSchema: z.ZodType<ApprovalPayload> = z.strictObject({
  approvalId: id,
  action: z.enum(APPROVAL_ACTIONS),
  subjectId: id,
  requestedBy: staffRef,
  approvedBy: staffRef,
  tokenId: z.string().min(8).max(64).optional(),
  reason: z.string().max(500).optional(),
  amount: money.optional(),
});

export const sessionPayloadSchema: z.ZodType<SessionPayload> = z.strictObject({
  staff: staffRef,
});

export const trainingModePayloadSchema: z.ZodType<TrainingModePayload> = z.strictObject({
  enabled: z.boolean(),
  staff: staffRef,
});

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/** Version 1; absent on entries sealed before versions existed, which are read as version 1. */
const v1 = z.literal(1).optional();

/** The members every sealed entry has beside its type and payload. */
const envelope = {
  terminalId: z.string().min(1).max(64),
  seq: dbInt(1),
  at: instant,
  v: v1,
  prevHash: hex64,
  hash: hex64,
};

function entryOf<K extends string, P>(type: K, payload: z.ZodType<P>) {
  return z.strictObject({ ...envelope, type: z.literal(type), payload });
}

/**
 * One sealed journal entry of any type, discriminated on `type`: what the store validates on
 * read and what a server validates on push. It checks shape, not the chain: verifyChain does
 * that over a run of entries.
 */
export const journalEntrySchema = z.discriminatedUnion('type', [
  entryOf('sale', salePayloadSchema),
  entryOf('refund', refundPayloadSchema),
  entryOf('exchange', exchangePayloadSchema),
  entryOf('void', voidPayloadSchema),
  entryOf('paid_in', cashMovementPayloadSchema),
  entryOf('paid_out', cashMovementPayloadSchema),
  entryOf('drop', cashMovementPayloadSchema),
  entryOf('no_sale', noSalePayloadSchema),
  entryOf('shift_open', shiftOpenPayloadSchema),
  entryOf('shift_close', shiftClosePayloadSchema),
  entryOf('approval', approvalPayloadSchema),
  entryOf('login', sessionPayloadSchema),
  entryOf('logout', sessionPayloadSchema),
  entryOf('training_mode', trainingModePayloadSchema),
  entryOf('admission', admissionPayloadSchema),
]);

// Compile-time proof that what the schema accepts is a DomainEntry, so a parse result needs
// no cast anywhere.
const parsedIsDomainEntry: (e: z.output<typeof journalEntrySchema>) => DomainEntry = (e) => e;
void parsedIsDomainEntry;

export type JournalEntryParseResult =
  | { readonly ok: true; readonly entry: DomainEntry }
  | { readonly ok: false; readonly message: string };

/** Validates one stored or pushed entry; never throws. */
export function parseJournalEntry(value: unknown): JournalEntryParseResult {
  return parseWith(journalEntrySchema, value);
}

let compiledEntrySchema: typeof journalEntrySchema | undefined;

/**
 * parseJournalEntry with the schema compiled (z.compile: one generated function instead of
 * the runtime's walk of the discriminated union): the same answers, issues included — an
 * entry the compiled parser rejects is handed back to the runtime, which names the issue —
 * in well under half the time (3.3 → 1.4 ms for 100 sales; 10 ms of a 100-entry push under
 * load was this parse). For the server, which checks every pushed entry: compiling needs
 * `new Function`, which the renderer's content security policy forbids. Compiled on first
 * use (or by compileJournalEntrySchema); a schema zod cannot compile stays on the runtime
 * parser.
 */
export function parseJournalEntryCompiled(value: unknown): JournalEntryParseResult {
  return parseWith(compileJournalEntrySchema(), value);
}

/**
 * Compiles the schema parseJournalEntryCompiled uses now rather than at its first use: the
 * server calls it as it starts, so the first push after a start does not wait for the
 * compile (~20–50 ms, which was most of that push's time).
 */
export function compileJournalEntrySchema(): typeof journalEntrySchema {
  return (compiledEntrySchema ??= z.compile(journalEntrySchema));
}

function parseWith(schema: typeof journalEntrySchema, value: unknown): JournalEntryParseResult {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: issue ? `${issue.path.join('.')}: ${issue.message}` : 'not a journal entry',
  };
}

/** The payload schema version of an entry; entries sealed before versions existed are 1. */
export function entryVersion(entry: { readonly v?: number }): number {
  return entry.v ?? 1;
}
