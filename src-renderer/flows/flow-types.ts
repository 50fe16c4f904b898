import { fromPromise } from 'xstate';
import type { Role } from '../../shared/catalog/roles';
import type { Result } from '../../shared/util/result';

/**
 * Shared shapes of the cashier flows. Every side effect is a promise actor that resolves to a
 * result envelope: a refusal (seat taken, limit exceeded, wrong PIN) is a value the machine
 * branches on; a rejection means a bug or a dead port and is shown as `internal`.
 */

export interface FlowError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export type FlowResult<T, C extends string = string> = Result<T, C>;

/** The member of staff running the flow (logged in on this terminal). */
export interface FlowStaff {
  readonly staffId: string;
  readonly role: Role;
}

/** A supervisor/manager whose PIN was just verified, as the domain's `approver` expects. */
export interface VerifiedApprover {
  readonly staffId: string;
  readonly role: Role;
}

export interface VerifyPinInput {
  readonly staffId: string;
  readonly pin: string;
  /** The lowest role that may approve. */
  readonly requiredRole: Role;
  /** The person asking; they may not approve their own request. */
  readonly requestedBy: FlowStaff;
}

export type VerifyPinErrorCode =
  'wrong_pin' | 'unknown_staff' | 'locked' | 'forbidden' | 'invalid_pin' | 'store_error';

export interface PrintOutcome {
  /** 'queued': the printer is busy or offline; the job prints when it can. */
  readonly state: 'printed' | 'queued';
}

/** Turns an actor rejection (a bug or a port that threw) into a flow error. */
export function rejectionToError(error: unknown): FlowError {
  return {
    code: 'internal',
    message:
      'Something went wrong in the app. Nothing more was saved; try again or call a supervisor.',
    details: error instanceof Error ? error.message : String(error),
  };
}

/**
 * The default for every injected actor: it rejects, so a machine used without `.provide()`
 * fails loudly instead of pretending a sale was saved or a ticket printed.
 */
export function notProvided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(() =>
    Promise.reject(new Error(`The "${name}" actor was not provided to the flow.`)),
  );
}
