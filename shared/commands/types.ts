import { z } from 'zod';
import { roleSchema, type Role } from '../catalog/roles';
import type { EntryDraft } from '../journal/entry-types';
import type { Clock, IdSource } from '../orders/ids';
import type { TicketSigner } from '../tickets/ticket-code';
import type { PresignedCodes } from '../tickets/presigned-codes';
import type { Result } from '../util/result';

/**
 * Every way a command can say no. Codes are stable (the UI branches and localises on them);
 * the message is an English sentence a cashier can act on.
 */
export type CommandErrorCode =
  | 'invalid_argument'
  | 'card_number_rejected'
  | 'currency_mismatch'
  | 'not_logged_in'
  | 'forbidden'
  | 'approval_required'
  | 'shift_not_open'
  | 'shift_already_open'
  | 'invalid_state'
  | 'not_found'
  | 'sales_closed'
  | 'sold_out'
  | 'limit_exceeded'
  | 'underpaid'
  | 'overpaid'
  | 'not_refundable'
  | 'not_exchangeable'
  | 'signing_failed'
  | 'training_mismatch';

export type CommandResult<T> = Result<T, CommandErrorCode>;

const staffIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'Not a valid staff id.');

/** Who runs the command: the logged-in member of staff, or the kiosk itself. */
export const actorSchema = z.object({ staffId: staffIdSchema, role: roleSchema });
export type Actor = z.output<typeof actorSchema>;

/** A second member of staff who approves: checked and vouched for by main (./approval.ts). */
export { approverSchema, type Approver } from './approval';

export interface CommandPorts {
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** Commands that issue tickets also sign them, which is the one asynchronous step. */
export interface IssuingPorts extends CommandPorts {
  readonly signTicket: TicketSigner;
  /** Codes signed ahead (a sale signs while it reads its stock); taken before signing anew. */
  readonly presigned?: PresignedCodes;
}

export interface CommandOutput {
  /** In order; the caller seals and stores them in one transaction. */
  readonly drafts: readonly EntryDraft[];
}

export type { Role };
