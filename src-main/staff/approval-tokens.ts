import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/catalog/roles';
import {
  approverRefusal,
  sameBinding,
  type ApprovalBinding,
  type Approver,
} from '../../shared/commands/approval';
import type { ApprovalPayload } from '../../shared/journal/entry-types';
import { err, ok, type Result } from '../../shared/util/result';

/**
 * One-time approval tokens (issue 8 item 5). Main issues one after it has checked the
 * approver's PIN, for exactly one binding (action, subject, amount, requester, role); the
 * commit redeems it once, for the same binding, within TOKEN_TTL_MS on main's monotonic clock.
 * A token is 256 random bits: unguessable. Its id (another random value) is what the journal's
 * approval entry records; the token itself never leaves main and the page.
 */

export const TOKEN_TTL_MS = 2 * 60_000;
/** Redemptions kept for the post-commit journal report (newest last). */
const LEDGER_SIZE = 1_000;

/** Where redemptions outlive main: read at start, each new one on disk before it counts. */
export interface RedemptionStore {
  readonly loaded: readonly Redemption[];
  record(redemption: Redemption): Promise<void>;
  recordSpend(tokenId: string, seq: number): Promise<void>;
}

export interface ApprovingStaff {
  readonly staffId: string;
  readonly role: Role;
  readonly name: string;
}

/** What main redeemed: the token's id, its binding and who approved. */
export interface Redemption {
  readonly tokenId: string;
  readonly binding: ApprovalBinding;
  readonly approver: { readonly staffId: string; readonly role: Role };
  /** The seq of the journal entry that spent it, once main's anchor accepted that entry. */
  readonly spentSeq?: number;
}

interface Issued {
  readonly tokenId: string;
  readonly binding: ApprovalBinding;
  readonly approver: ApprovingStaff;
  readonly expiresAt: number;
}

export interface ApprovalTokens {
  issue(binding: ApprovalBinding, approver: ApprovingStaff): { token: string; expiresInMs: number };
  /** Resolves once the redemption is recorded (on disk, with a store): only then is it used. */
  redeem(
    token: string,
    binding: ApprovalBinding,
  ): Promise<Result<Approver, 'approval_invalid' | 'forbidden'>>;
  /** The redemption of this token id, if main redeemed it (and still remembers). */
  redemption(tokenId: string): Redemption | undefined;
  /**
   * The approval entry at `seq` spends this redemption: true the first time (on disk before it
   * resolves) and whenever that same entry is reported again; false for any other entry — one
   * manager's approval stands behind one journalled action, never a copy of it.
   */
  spend(tokenId: string, seq: number): Promise<boolean>;
}

export function createApprovalTokens(
  options: {
    readonly monotonic?: () => number;
    readonly random?: (n: number) => Buffer;
    readonly ttlMs?: number;
    readonly store?: RedemptionStore;
  } = {},
): ApprovalTokens {
  const monotonic = options.monotonic ?? (() => performance.now());
  const random = options.random ?? randomBytes;
  const ttlMs = options.ttlMs ?? TOKEN_TTL_MS;
  const issued = new Map<string, Issued>();
  const ledger = new Map<string, Redemption>();
  for (const r of options.store?.loaded ?? []) ledger.set(r.tokenId, r);

  const forgetExpired = (now: number): void => {
    for (const [token, t] of issued) if (t.expiresAt <= now) issued.delete(token);
  };

  return {
    issue(binding, approver) {
      const now = monotonic();
      forgetExpired(now);
      const token = random(32).toString('base64url');
      const tokenId = `apr-${random(12).toString('base64url')}`;
      issued.set(token, { tokenId, binding, approver, expiresAt: now + ttlMs });
      return { token, expiresInMs: ttlMs };
    },
    async redeem(token, binding) {
      const now = monotonic();
      const found = issued.get(token);
      // Whatever the outcome, a token is tried once: a mismatched binding spends it too.
      issued.delete(token);
      if (found === undefined) {
        return err(
          'approval_invalid',
          'This approval was not given on this till, or it was already used. Ask for it again.',
        );
      }
      if (found.expiresAt <= now) {
        return err('approval_invalid', 'This approval has expired. Ask for it again.');
      }
      if (!sameBinding(found.binding, binding)) {
        return err(
          'approval_invalid',
          'This approval was given for another action or amount. Ask for it again.',
        );
      }
      const refusal = approverRefusal(
        binding.requestedBy,
        found.approver,
        binding.requiredRole,
        binding.action,
      );
      if (refusal) return err(refusal.code, refusal.message);
      const approver = { staffId: found.approver.staffId, role: found.approver.role };
      const redemption = { tokenId: found.tokenId, binding, approver };
      // On disk first: a main restarted between this commit and its report still knows it.
      await options.store?.record(redemption);
      ledger.set(found.tokenId, redemption);
      if (ledger.size > LEDGER_SIZE) ledger.delete(ledger.keys().next().value!);
      return ok({ ...approver, tokenId: found.tokenId, binding });
    },
    redemption: (tokenId) => ledger.get(tokenId),
    async spend(tokenId, seq) {
      const redemption = ledger.get(tokenId);
      if (redemption === undefined) return false;
      if (redemption.spentSeq !== undefined) return redemption.spentSeq === seq;
      // On disk before the anchor moves its head: a restart after this still knows it.
      await options.store?.recordSpend(tokenId, seq);
      ledger.set(tokenId, { ...redemption, spentSeq: seq });
      return true;
    },
  };
}

/**
 * Whether a committed approval entry is one main issued and redeemed for that binding: its
 * token id was redeemed, by the same approver, for the same action, requester, amount and (when
 * bound) subject. Pure: the caller (the post-commit journal report) passes what main redeemed.
 * An entry without a token id (written before approvals moved to main) is not one.
 */
export function isRedeemedApproval(
  payload: ApprovalPayload,
  redemption: Redemption | undefined,
): boolean {
  if (payload.tokenId === undefined || redemption === undefined) return false;
  const b = redemption.binding;
  const amountMatches =
    b.amount === null
      ? payload.amount === undefined
      : payload.amount !== undefined &&
        payload.amount.amount === b.amount.amount &&
        payload.amount.currency === b.amount.currency;
  return (
    redemption.tokenId === payload.tokenId &&
    b.action === payload.action &&
    (b.subjectId === null || b.subjectId === payload.subjectId) &&
    b.requestedBy === payload.requestedBy.staffId &&
    redemption.approver.staffId === payload.approvedBy.staffId &&
    redemption.approver.role === payload.approvedBy.role &&
    amountMatches
  );
}
