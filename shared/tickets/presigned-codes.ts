import type { TicketSigner } from './ticket-code';
import type { TicketSignInput } from './ticket-payload';

/** A ticket to be issued, as its code will name it: everything the signature covers but its id. */
export type TicketUnit = Omit<TicketSignInput, 'ticketId'>;

/** A ticket id with its signed code, made before the sale decided to issue it. */
export interface PresignedCode {
  readonly ticketId: string;
  readonly code: string;
}

/**
 * Codes signed ahead for the tickets a command is about to issue. Issuing takes one for a
 * ticket that matches a unit exactly (performance, tier, seat, instant), and signs itself when
 * none is left: a unit signed ahead that the command then does not issue is simply dropped.
 */
export interface PresignedCodes {
  take(unit: TicketUnit): PresignedCode | undefined;
}

const unitKey = (u: TicketUnit): string =>
  JSON.stringify([u.performanceId, u.tierId, u.seatId ?? null, u.issuedAt]);

/**
 * Signs a code for each unit, all at once. Signing does not depend on the stock (the seats and
 * places left decide whether a ticket is issued, never what its code says), so a sale signs
 * while it reads the stock instead of after: each signature is a WebCrypto round trip.
 *
 * A code signed here for a ticket that is then not issued never leaves this object: it names a
 * ticket id no store holds, so no scanner would let it in even if it did. A unit whose signing
 * fails is left out, and issuing signs it again itself, reporting the failure as it always does.
 */
export async function presignCodes(
  units: readonly TicketUnit[],
  newId: () => string,
  sign: TicketSigner,
): Promise<PresignedCodes> {
  const signed = await Promise.all(
    units.map(async (unit) => {
      const ticketId = newId();
      try {
        return { unit, ticketId, code: await sign({ ticketId, ...unit }) };
      } catch {
        return null;
      }
    }),
  );
  const byUnit = new Map<string, PresignedCode[]>();
  for (const s of signed) {
    if (s === null) continue;
    const key = unitKey(s.unit);
    const codes = byUnit.get(key) ?? [];
    codes.push({ ticketId: s.ticketId, code: s.code });
    byUnit.set(key, codes);
  }
  return { take: (unit) => byUnit.get(unitKey(unit))?.shift() };
}
