import type { Ed25519Backend, Ed25519Verifier } from '../crypto/ed25519';
import type { KeyRing } from '../tickets/key-ring';
import { verifierFor } from '../tickets/verify-ticket';
import type { CashCodePayload } from './cash-code-payload';
import { cashCodeIsForVenue } from './cash-code-payload';
import { cashCodeSigningMessage, parseCashCode } from './cash-code';

/**
 * What a till says about a cash-collection code, offline, in this order (each only once the
 * ones before passed):
 * 1. malformed — not a cash code of a version we read; unsupported — a well-formed code
 *    naming a refund reason this till does not know (a newer server's): update, then scan;
 * 2. unknown_key — not signed by a key of this venue's server that this till has pulled;
 * 3. bad_signature — forged or damaged;
 * 4. wrong_venue — genuine, but issued for another venue (a chain's other house);
 * 5. expired — genuine, past its expiry by the till's clock;
 * 6. genuine.
 * Whether it was paid out already is the refund command's question (it reads the journal).
 */
export type CashCodeVerification =
  | { readonly verdict: 'malformed' | 'unsupported'; readonly reason: string }
  | {
      readonly verdict: 'unknown_key' | 'bad_signature' | 'wrong_venue' | 'expired' | 'genuine';
      readonly payload: CashCodePayload;
    };

export type CashCodeVerdict = CashCodeVerification['verdict'];

export interface CashCodeVerifyContext {
  /** The venue's cash-code keys, as the till last pulled them. */
  readonly keyRing: KeyRing;
  readonly venueId: string;
  readonly nowMs: number;
  readonly backend: Ed25519Backend | Ed25519Verifier;
}

/** Verifies a code; never throws for any input. */
export async function verifyCashCode(
  code: unknown,
  ctx: CashCodeVerifyContext,
): Promise<CashCodeVerification> {
  const parsed = parseCashCode(code);
  // An unknown reason is never paid as another reason: the till must learn it first.
  if (!parsed.ok) return { verdict: parsed.error.code, reason: parsed.error.message };
  const { payload, payloadBytes, signature } = parsed.value;
  const key = ctx.keyRing.get(payload.keyId);
  if (key === undefined || key.revoked === true) return { verdict: 'unknown_key', payload };
  const genuine = await verifierFor(ctx.backend).verify(
    key.publicKey,
    signature,
    cashCodeSigningMessage(payloadBytes),
  );
  if (!genuine) return { verdict: 'bad_signature', payload };
  if (!cashCodeIsForVenue(payload, ctx.venueId)) return { verdict: 'wrong_venue', payload };
  if (ctx.nowMs >= Date.parse(payload.expiresAt)) return { verdict: 'expired', payload };
  return { verdict: 'genuine', payload };
}

/** The sentence a cashier reads for each verdict (the screen localises by verdict). */
export const CASH_CODE_VERDICT_WORDS: Record<CashCodeVerdict, string> = {
  malformed: 'This is not a cash-collection code the box office issued.',
  unsupported:
    'This code names a refund reason this till does not know yet: go online so the till can update, then scan it again. Do not pay out.',
  unknown_key:
    'This code was signed by a key this till does not know: go online so the till can update, or ask a manager.',
  bad_signature: 'This code is not genuine: it has been altered or forged. Do not pay out.',
  wrong_venue: 'This code was issued for another venue.',
  expired: 'This code has expired: the customer must ask for a new one.',
  genuine: 'Genuine cash-collection code.',
};
