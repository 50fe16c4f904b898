import { fromPromise } from 'xstate';
import { hasRole } from '../../shared/catalog/roles';
import { err, ok } from '../../shared/util/result';
import { clearCart, loadCart, saveCart } from '../store/carts';
import type { BoxOfficeDb } from '../store/db';
import { checkPin } from '../store/staff-repository';
import type { CartPort } from './cart-persistence';
import type {
  FlowResult,
  VerifiedApprover,
  VerifyPinErrorCode,
  VerifyPinInput,
} from './flow-types';

/**
 * A supervisor's PIN for an approval on the spot: that it is someone other than the person
 * asking, the PIN (PBKDF2 with lockout, through the staff repository) and the role. Nothing is
 * journalled here; the domain checks the approver's role again at commit, and checking it here
 * lets the screen say so at once. The flows call it through `verifyApproverActor`, the shift
 * screen directly: one check for every approval at the till.
 */
export async function verifyApprover(
  db: BoxOfficeDb,
  clock: () => number,
  input: VerifyPinInput,
): Promise<FlowResult<VerifiedApprover, VerifyPinErrorCode>> {
  if (input.staffId === input.requestedBy.staffId) {
    return err('forbidden', 'You cannot approve your own request; ask another member of staff.');
  }
  const checked = await checkPin(db, input.staffId, input.pin, new Date(clock()));
  if (!checked.ok) {
    const code = checked.error.code;
    // A storage failure never approves anything; the screen offers to try again.
    const known: VerifyPinErrorCode =
      code === 'wrong_pin' ||
      code === 'locked' ||
      code === 'unknown_staff' ||
      code === 'invalid_pin'
        ? code
        : 'store_error';
    return err(known, checked.error.message, checked.error.details);
  }
  const staff = checked.value;
  if (!hasRole(staff.role, input.requiredRole)) {
    return err(
      'forbidden',
      `${staff.name} cannot approve this: it needs a ${input.requiredRole} or above.`,
      { requiredRole: input.requiredRole },
    );
  }
  return ok({ staffId: staff.id, role: staff.role });
}

/** The flows' store-backed PIN check, as the promise actor their machines invoke. */
export function verifyApproverActor(db: BoxOfficeDb, clock: () => number) {
  return fromPromise<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
    ({ input }) => verifyApprover(db, clock, input),
  );
}

/** The cart port over the store's carts table (one cart per terminal). */
export function storeCartPort(
  db: BoxOfficeDb,
  terminalId: string,
  clock: () => number,
): CartPort & { load(): Promise<unknown> } {
  return {
    save: (snapshot) => saveCart(db, terminalId, snapshot, new Date(clock())),
    clear: () => clearCart(db, terminalId),
    load: async () => (await loadCart<unknown>(db, terminalId))?.cart,
  };
}
