import { fromPromise } from 'xstate';
import type { Role } from '../../shared/catalog/roles';
import type { ApprovalBinding } from '../../shared/commands/approval';
import type { ApprovalGrant } from '../../shared/ipc/staff';
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

/**
 * A supervisor/manager whose PIN main just checked: main's one-time token for the binding (the
 * commit redeems it) and who approved, for the screen. Never a `{staffId, role}` of the page's.
 */
export type VerifiedApprover = ApprovalGrant;

export interface VerifyPinInput {
  readonly staffId: string;
  readonly pin: string;
  /**
   * What is to be approved, as the domain asked for it (action, subject, amount, the person
   * asking, the lowest role that may approve); null before the domain has asked.
   */
  readonly binding: ApprovalBinding | null;
}

export type VerifyPinErrorCode =
  'wrong_pin' | 'unknown_staff' | 'locked' | 'forbidden' | 'invalid_pin' | 'unavailable';

export interface PrintOutcome {
  /** 'queued': the printer is busy or offline; the job prints when it can. */
  readonly state: 'printed' | 'queued';
}

/** A refusal from a port or the domain, as the flow shows it (extra fields are left behind). */
export function toFlowError(e: {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}): FlowError {
  return {
    code: e.code,
    message: e.message,
    ...(e.details !== undefined ? { details: e.details } : {}),
  };
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

/*
 * Property assigners for an invoked actor's reply, shared by every flow state that reads one:
 * they look only at the event, so one typed function serves each machine's context.
 */

/** The actor's reply is a success. */
export const succeeded = ({
  event,
}: {
  readonly event: { readonly output: FlowResult<unknown> };
}) => event.output.ok;

/** What an actor's successful reply carries, else null. */
export const valueIn = <T>({ event }: { readonly event: { readonly output: FlowResult<T> } }) =>
  event.output.ok ? event.output.value : null;

/** The refusal an actor's reply carries, else null. */
export const refusalIn = ({
  event,
}: {
  readonly event: { readonly output: FlowResult<unknown> };
}): FlowError | null => (event.output.ok ? null : toFlowError(event.output.error));

/** An actor's rejection (a bug or a dead port), as the flow shows it. */
export const rejectionIn = ({
  event,
}: {
  readonly event: { readonly error: unknown };
}): FlowError => rejectionToError(event.error);

/**
 * The default for every injected actor: it rejects, so a machine used without `.provide()`
 * fails loudly instead of pretending a sale was saved or a ticket printed.
 */
export function notProvided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(() =>
    Promise.reject(new Error(`The "${name}" actor was not provided to the flow.`)),
  );
}
