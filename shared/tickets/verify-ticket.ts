import type { Ed25519Backend, Ed25519Verifier } from '../crypto/ed25519';
import { createEd25519Verifier } from '../crypto/ed25519';
import type { KeyRing } from './key-ring';
import type { TicketCodePayload } from './ticket-payload';
import { parseTicketCode, ticketSigningMessage } from './ticket-code';

/**
 * What a gate or window says about a scanned code, offline. Checked in this order, each
 * verdict only once the previous checks passed:
 * 1. malformed — not a ticket code of a version we read;
 * 2. unknown_key — no key in the ring with that id (a code from elsewhere, or forged);
 * 3. bad_signature — forged or damaged; a revoked key's id with a bad signature is still
 *    bad_signature: a forger learns nothing about which keys are revoked;
 * 4. revoked — genuinely signed, but the key or the ticket was withdrawn;
 * 5. used — genuine and already admitted;
 * 6. genuine.
 */
export type TicketVerdict =
  'genuine' | 'malformed' | 'unknown_key' | 'bad_signature' | 'revoked' | 'used';

export type TicketVerification =
  | { readonly verdict: 'malformed'; readonly reason: string }
  | {
      readonly verdict: 'unknown_key' | 'bad_signature' | 'used' | 'genuine';
      readonly payload: TicketCodePayload;
    }
  | {
      readonly verdict: 'revoked';
      readonly payload: TicketCodePayload;
      readonly revoked: 'key' | 'ticket';
    };

export interface TicketVerifyContext {
  readonly keyRing: KeyRing;
  /** Lookups into the terminal's store (revocations pulled from the server, admissions). */
  readonly isTicketRevoked: (ticketId: string) => boolean | Promise<boolean>;
  readonly isTicketUsed: (ticketId: string) => boolean | Promise<boolean>;
  /** Backend name, or a verifier to share its key cache across calls. */
  readonly backend: Ed25519Backend | Ed25519Verifier;
}

// One verifier per backend for callers that pass a name: it caches imported keys.
const sharedVerifiers: Record<Ed25519Backend, Ed25519Verifier> = {
  webcrypto: createEd25519Verifier('webcrypto'),
  noble: createEd25519Verifier('noble'),
};

/** The shared verifier of a backend name, or the caller's own (cash codes use it too). */
export function verifierFor(backend: Ed25519Backend | Ed25519Verifier): Ed25519Verifier {
  return typeof backend === 'string' ? sharedVerifiers[backend] : backend;
}

/**
 * Verifies a scanned code. Never throws for any input; only a rejection from the
 * caller's own lookups (isTicketRevoked/isTicketUsed) propagates.
 */
export async function verifyTicketCode(
  code: unknown,
  ctx: TicketVerifyContext,
): Promise<TicketVerification> {
  const parsed = parseTicketCode(code);
  if (!parsed.ok) return { verdict: 'malformed', reason: parsed.error.message };
  const { payload, payloadBytes, signature } = parsed.value;
  const key = ctx.keyRing.get(payload.keyId);
  if (key === undefined) return { verdict: 'unknown_key', payload };
  const genuine = await verifierFor(ctx.backend).verify(
    key.publicKey,
    signature,
    ticketSigningMessage(payloadBytes),
  );
  if (!genuine) return { verdict: 'bad_signature', payload };
  if (key.revoked === true) return { verdict: 'revoked', payload, revoked: 'key' };
  if (await ctx.isTicketRevoked(payload.ticketId)) {
    return { verdict: 'revoked', payload, revoked: 'ticket' };
  }
  if (await ctx.isTicketUsed(payload.ticketId)) return { verdict: 'used', payload };
  return { verdict: 'genuine', payload };
}
