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
 * Store-backed actors and ports of the flows: the supervisor PIN check (PBKDF2 with lockout,
 * through the staff repository) and the cart persistence port. The domain checks the
 * approver's role again at commit; checking it here lets the screen say so at once.
 */
export function verifyApproverActor(db: BoxOfficeDb, clock: () => number) {
  return fromPromise<FlowResult<VerifiedApprover, VerifyPinErrorCode>, VerifyPinInput>(
    async ({ input }) => {
      if (input.staffId === input.requestedBy.staffId) {
        return err(
          'forbidden',
          'You cannot approve your own request; ask another member of staff.',
        );
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
    },
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
