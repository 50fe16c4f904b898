import type { RefundReasonCode } from '../../shared/journal/entry-types';
import type { Money } from '../../shared/money/money';
import type { Db, Queryable } from '../db/port';
import type { EnqueueNotification } from '../notify/notification';
import type { PaymentProvider } from '../payments/payment-provider';
import type { FeedNotifier } from '../sync/feed-notifier';

/** What the cash-collection code needs: an approved request for a cash purchase. */
export interface CashCollection {
  readonly venueId: string;
  readonly requestId: string;
  readonly orderId: string;
  readonly ticketIds: readonly string[];
  readonly amount: Money;
  /** When the refund was decided: the till plans the payout as of then. */
  readonly decidedAt: string;
  /** Where the code's days of validity start: the decision by default, now for a new code. */
  readonly validFrom?: string;
  /** The after-deadline share (basis points) a manager approved outside the windows. */
  readonly overrideBp?: number;
  /** The request's refund reason: the code carries it, the till journals the payout under it. */
  readonly reasonCode: RefundReasonCode;
  /** Replace an unpaid code that is still good (a renewal whose amount moved). */
  readonly replace?: boolean;
}

/**
 * Issues the signed cash-collection code a till scans to pay an approved cash request out
 * (built by the cash-code work, issue 14 item 3). Called in the approval's transaction.
 */
export type IssueCashCode = (
  tx: Queryable,
  collection: CashCollection,
) => Promise<{ readonly expiresAt: string }>;

/** What the refund-request flows run on; app.ts builds it from the server's options. */
export interface RequestDeps {
  readonly db: Db;
  /** The notification outbox: called in the same transaction as each state change. */
  readonly enqueue: EnqueueNotification;
  /** Card refunds; null: approved card requests wait (payout error "no provider"). */
  readonly provider: PaymentProvider | null;
  /** null until the cash-code work is wired: the request still says "collect at the box office". */
  readonly issueCashCode: IssueCashCode | null;
  /** The server's clock (epoch ms): decisions, ages and answer times. */
  readonly now: () => number;
  /** Tells the venue's open live streams a payout committed (the tills pull and learn it). */
  readonly feed?: FeedNotifier;
  /** The status page's address for a status token (put in notifications). */
  readonly statusLink: (token: string) => string;
}
