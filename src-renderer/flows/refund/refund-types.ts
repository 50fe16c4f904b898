import type { RefundReasonCode } from '../../../shared/journal/entry-types';
import type { Money } from '../../../shared/money/money';
import type { OrderView } from '../../../shared/orders/order-view';
import type { Role } from '../../../shared/catalog/roles';
import type { ApprovalBinding } from '../../../shared/commands/approval';
import type { RefundPlan, RefundPlanErrorCode } from '../../../shared/commands/plan-refund';
import type { RefundMethod } from '../../../shared/refund-policy/evaluate';
import type { FlowError, FlowStaff, PrintOutcome, VerifiedApprover } from '../flow-types';
import type { FindQuery, OrderFoundEvent, OrderMatch } from '../order-lookup';

/** Shapes of the refund flow: its context, events, and its actors' inputs and outputs. */

/** Exactly the domain `refund` command's input (shared/commands/refund.ts). */
/** What the refund flow's planRefund actor is asked; the settings and clock are the till's. */
export interface RefundPlanInput {
  /** Null only if the flow lost its order (a bug): answered with not_found. */
  readonly order: OrderView | null;
  readonly ticketIds: readonly string[];
  readonly actorRole: Role;
  readonly actorStaffId: string;
  /** The after-deadline exception the cashier asked for (the policy's `afterDeadline`). */
  readonly override?: RefundOverride | undefined;
}

/** Refund after the last window as an exception: the reason the customer gave. */
export interface RefundOverride {
  readonly reason: string;
}

export type { RefundPlan, RefundPlanErrorCode };

export interface RefundCommitInput {
  readonly staff: FlowStaff;
  readonly refund: {
    readonly orderId: string;
    readonly ticketIds: readonly string[];
    readonly method: RefundMethod;
    readonly reasonCode: RefundReasonCode;
    readonly note?: string;
    /** Approval codes the card terminal gave for refunds to the original cards, by tender id. */
    readonly cardApprovals?: Readonly<Record<string, string>>;
    readonly approver?: VerifiedApprover;
    readonly override?: RefundOverride;
  };
}

export interface CommittedRefund {
  readonly refundId: string;
  readonly receiptNo: number;
  readonly total: Money;
  readonly method: RefundMethod;
  /** A training-mode refund: its receipt number is shown with the training mark. */
  readonly training?: boolean;
}

export interface RefundPrintInput {
  readonly refund: CommittedRefund;
  readonly orderId: string;
}

export type RefundOutcome = 'completed' | 'cancelled';

export interface RefundContext {
  readonly staff: FlowStaff;
  readonly query: FindQuery | null;
  readonly matches: readonly OrderMatch[];
  readonly orderId: string | null;
  readonly order: OrderView | null;
  /** A scanned ticket to preselect once the order is loaded. */
  readonly preselect: string | null;
  readonly selected: readonly string[];
  /** The domain's `planRefund` for the chosen tickets: what the commit will do. */
  readonly plan: RefundPlan | null;
  readonly method: RefundMethod | null;
  /** true once the cashier picked the method herself: a new plan keeps it while it works */
  readonly methodPicked: boolean;
  readonly reasonCode: RefundReasonCode;
  readonly note: string | null;
  readonly cardApprovals: Readonly<Record<string, string>>;
  /** The exception asked for when the plan offers one (`plan.overrideOffer`); null: none. */
  readonly override: RefundOverride | null;
  readonly approver: VerifiedApprover | null;
  /**
   * What the commit asked an approval for (the domain's binding): set when a commit was
   * refused with `approval_required`, so the approver's PIN gets a token for exactly that.
   */
  readonly approvalBinding: ApprovalBinding | null;
  readonly error: FlowError | null;
  readonly refund: CommittedRefund | null;
  readonly print: PrintOutcome | null;
  readonly printError: FlowError | null;
  readonly outcome: RefundOutcome | null;
}

export type RefundEvent =
  | { readonly type: 'FIND'; readonly query: FindQuery }
  | OrderFoundEvent
  | { readonly type: 'ORDER.PICK'; readonly orderId: string }
  | { readonly type: 'TICKET.TOGGLE'; readonly ticketId: string }
  | { readonly type: 'METHOD.CHOOSE'; readonly method: RefundMethod }
  | { readonly type: 'REASON.SET'; readonly reasonCode: RefundReasonCode; readonly note?: string }
  | { readonly type: 'CARD.APPROVAL'; readonly tenderId: string; readonly approvalCode: string }
  | { readonly type: 'OVERRIDE.SET'; readonly reason: string }
  | { readonly type: 'OVERRIDE.CLEAR' }
  | { readonly type: 'CONTINUE' }
  | { readonly type: 'APPROVAL.SUBMIT'; readonly staffId: string; readonly pin: string }
  | { readonly type: 'APPROVAL.CANCEL' }
  | { readonly type: 'PRINT.RETRY' }
  | { readonly type: 'PRINT.SKIP' }
  | { readonly type: 'BACK' }
  | { readonly type: 'CANCEL' };

export interface RefundFlowInput {
  readonly staff: FlowStaff;
}

export interface RefundOutput {
  readonly outcome: RefundOutcome;
  readonly refund: CommittedRefund | null;
}
