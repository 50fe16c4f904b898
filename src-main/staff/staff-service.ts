import { approverRefusal } from '../../shared/commands/approval';
import { DEMO_STAFF } from '../../shared/catalog/demo-staff';
import { err, ok } from '../../shared/util/result';
import type { StaffHandlers } from '../services/handlers';
import type { Logger } from '../services/logger';
import type { Quarantine } from '../services/quarantine';
import { createApprovalTokens, type ApprovalTokens } from './approval-tokens';
import { openRedemptionLedger } from './redemption-ledger';
import {
  openStaffDirectory,
  type StaffDirectory,
  type StaffDirectoryOptions,
} from './staff-directory';

export interface StaffService {
  readonly handlers: StaffHandlers;
  readonly directory: StaffDirectory;
  /** For the post-commit journal report: `isRedeemedApproval(entry, tokens.redemption(id))`. */
  readonly tokens: ApprovalTokens;
  close(): Promise<void>;
}

/**
 * Sign-in and approvals, decided in main. A demo till provisions the demo staff into a missing
 * staff file; a venue till reads the file its provisioning script wrote (scripts/
 * provision-staff.ts) and, until then, has nobody who can sign in.
 */
export async function createStaffService(opts: {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly quarantine: Quarantine;
  readonly demo: boolean;
  readonly monotonic?: () => number;
  readonly hashParams?: StaffDirectoryOptions['hashParams'];
}): Promise<StaffService> {
  const directory = await openStaffDirectory({
    dataDir: opts.dataDir,
    logger: opts.logger,
    quarantine: opts.quarantine,
    ...(opts.monotonic ? { monotonic: opts.monotonic } : {}),
    ...(opts.demo ? { provision: DEMO_STAFF } : {}),
    ...(opts.hashParams ? { hashParams: opts.hashParams } : {}),
  });
  const store = await openRedemptionLedger(opts.dataDir, opts.logger);
  const tokens = createApprovalTokens({
    store,
    ...(opts.monotonic ? { monotonic: opts.monotonic } : {}),
  });

  const handlers: StaffHandlers = {
    'staff.list': () => Promise.resolve(ok({ staff: directory.list() })),
    'staff.signIn': ({ staffId, pin }) => directory.checkPin(staffId, pin),
    'staff.approve': async ({ staffId, pin, binding }) => {
      const who = directory.get(staffId);
      if (who === undefined)
        return err('unknown_staff', 'No staff member with that id on this till.');
      // Before the PIN: asking oneself or someone without the role costs no lockout attempt.
      const refusal = approverRefusal(
        binding.requestedBy,
        { ...who, staffId: who.id },
        binding.requiredRole,
        binding.action,
      );
      if (refusal)
        return err(refusal.code, refusal.message, { requiredRole: binding.requiredRole });
      const checked = await directory.checkPin(staffId, pin);
      if (!checked.ok) return checked;
      const approver = checked.value;
      const { token, expiresInMs } = tokens.issue(binding, {
        staffId: approver.id,
        role: approver.role,
        name: approver.name,
      });
      opts.logger.info(
        `approval issued by ${approver.id} for ${binding.action} asked by ${binding.requestedBy}`,
      );
      return ok({ token, approver, expiresInMs });
    },
    'staff.redeemApproval': async ({ token, binding }) => {
      const redeemed = await tokens.redeem(token, binding);
      if (!redeemed.ok)
        opts.logger.warn(`approval refused at commit: ${redeemed.error.message}`, {
          action: binding.action,
        });
      return redeemed;
    },
  };
  return { handlers, directory, tokens, close: () => directory.close() };
}
