import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Ed25519Backend, Ed25519Verifier } from '../../shared/crypto/ed25519';
import { createEd25519Verifier } from '../../shared/crypto/ed25519';
import type { ScanFormat } from '../../shared/scanning/normalise-scan';
import { normaliseScan } from '../../shared/scanning/normalise-scan';
import type { KeyRing } from '../../shared/tickets/key-ring';
import { parseTicketCode } from '../../shared/tickets/ticket-code';
import type { TicketCodePayload } from '../../shared/tickets/ticket-payload';
import { ticketPayloadMatches } from '../../shared/tickets/ticket-payload';
import type { TicketVerification } from '../../shared/tickets/verify-ticket';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';
import type { BoxOfficeDb } from '../store/db';
import { createCatalogResolver } from './catalog-resolver';
import type { ScannedTicket, TicketScanVerdict } from './scan-verdict';
import { lookupScannedTicket } from './ticket-lookup';

export interface TicketScannerDeps {
  readonly db: BoxOfficeDb;
  /** This venue's catalog replica: to place a code this store has no record of. */
  readonly catalog: CatalogIndex;
  /** Keys this terminal trusts (its own and every enrolled issuer's). */
  readonly keyRing: KeyRing;
  /**
   * Reads the keys again. A code whose issuer the ring does not know is checked once more
   * against the store's keys as they are now: the ring is read when scanning starts, and a
   * key that arrived since (the venue's keys from a pull, this till's own) must not make a
   * genuine ticket read "unknown issuer" at the door.
   */
  readonly reloadKeyRing?: () => Promise<KeyRing>;
  /**
   * Ed25519 backend, or a verifier to share. Default: WebCrypto, which itself falls back to
   * @noble/curves for keys the runtime's WebCrypto cannot import (no Ed25519 there).
   */
  readonly verifier?: Ed25519Backend | Ed25519Verifier;
  /** Ticket revocations pulled from the server; none by default. */
  readonly isTicketRevoked?: (ticketId: string) => boolean | Promise<boolean>;
  /** The scanner's prefix/suffix programming, as for every scan. */
  readonly scanFormat?: ScanFormat;
}

export interface TicketScanner {
  /** Raw scanner text (or anything) → one verdict. Never throws, never rejects. */
  scan(raw: unknown): Promise<TicketScanVerdict>;
}

type Lookup =
  | { readonly ok: true; readonly value: ScannedTicket | null }
  | { readonly ok: false; readonly cause: string };

/**
 * The scan-to-verdict step the scan router runs for every ticket code, whichever screen is
 * open: normalise → parse → Ed25519 signature against the key ring → store lookup → the
 * ticket's status. It never asks the refund policy: the flow that opens the order does, once.
 *
 * The store read starts as soon as the code parses, in parallel with the signature check:
 * both take about the same time, and a forged code costs one wasted primary-key read.
 */
export function createTicketScanner(deps: TicketScannerDeps): TicketScanner {
  const verifier =
    deps.verifier === undefined
      ? createEd25519Verifier('webcrypto')
      : typeof deps.verifier === 'string'
        ? createEd25519Verifier(deps.verifier)
        : deps.verifier;
  const resolver = createCatalogResolver(deps.catalog);
  const isTicketRevoked = deps.isTicketRevoked ?? (() => false);
  let ring = deps.keyRing;

  async function scan(raw: unknown): Promise<TicketScanVerdict> {
    if (typeof raw !== 'string') return malformed('The scan is not text.');
    const normalised = normaliseScan(raw, deps.scanFormat);
    if (!normalised.ok) return malformed(normalised.error.message);
    const code = normalised.value;
    const parsed = parseTicketCode(code);
    if (!parsed.ok) return malformed(parsed.error.message);
    const { payload } = parsed.value;

    const lookup: Promise<Lookup> = lookupScannedTicket(deps.db, payload.ticketId).then(
      (value) => ({ ok: true, value }),
      (e: unknown) => ({ ok: false, cause: e instanceof Error ? e.message : String(e) }),
    );
    let verification: TicketVerification;
    try {
      const verify = (keyRing: KeyRing) =>
        verifyTicketCode(code, {
          keyRing,
          backend: verifier,
          isTicketRevoked,
          isTicketUsed: async (id) => {
            const found = await lookup;
            return (
              found.ok && found.value?.record.id === id && found.value.record.status === 'used'
            );
          },
        });
      verification = await verify(ring);
      if (verification.verdict === 'unknown_key' && deps.reloadKeyRing !== undefined) {
        ring = await deps.reloadKeyRing();
        verification = await verify(ring);
      }
    } catch (e) {
      // Only the revocation port can throw here (verifyTicketCode itself never does).
      return storeError(payload, e instanceof Error ? e.message : String(e));
    }
    switch (verification.verdict) {
      case 'malformed':
        return malformed(verification.reason);
      case 'unknown_key':
        return simple(
          'unknown_key',
          payload,
          'This ticket was signed by a key this terminal does not know.',
        );
      case 'bad_signature':
        return simple('bad_signature', payload, 'This ticket code is forged or damaged.');
      case 'revoked':
        return {
          code: 'revoked',
          payload,
          revoked: verification.revoked,
          params: { ticketId: payload.ticketId, revoked: verification.revoked },
          message:
            verification.revoked === 'key'
              ? 'This ticket was issued by a terminal whose key has been withdrawn.'
              : 'This ticket has been withdrawn.',
        };
      case 'used':
        return simple('used', payload, 'This ticket has already been used.');
      case 'genuine':
        break;
    }

    const found = await lookup;
    if (!found.ok) return storeError(payload, found.cause);
    if (found.value === null) return notInStore(payload);
    const scanned = found.value;
    const { record } = scanned;
    const ids = {
      performanceId: record.performanceId,
      tierId: record.tierId,
      ...(record.seatId !== undefined ? { seatId: record.seatId } : {}),
    };
    if (!ticketPayloadMatches(payload, ids)) {
      return {
        code: 'mismatch',
        payload,
        scanned,
        params: { ticketId: payload.ticketId, performanceId: record.performanceId },
        message:
          'The code does not match the ticket stored under its number: check the ticket by hand.',
      };
    }
    const status = effectiveStatus(scanned);
    if (status === 'refunded' || status === 'exchanged' || status === 'voided') {
      return {
        code: status,
        payload,
        scanned,
        params: ticketParams(payload, scanned),
        message: `This ticket has already been ${status}.`,
      };
    }
    if (status === 'used') return simple('used', payload, 'This ticket has already been used.');

    return {
      code: 'genuine',
      payload,
      scanned,
      params: ticketParams(payload, scanned),
      message: 'Genuine ticket, not yet used.',
    };
  }

  function notInStore(payload: TicketCodePayload): TicketScanVerdict {
    const where = resolver.resolve(payload);
    if (where === null) {
      return simple(
        'wrong_venue',
        payload,
        'This ticket is genuine but for a performance at another venue.',
      );
    }
    return {
      code: 'not_found',
      payload,
      ...where,
      params: { ticketId: payload.ticketId, ...where },
      message:
        'This ticket is genuine but not on this terminal: it was sold by another channel or terminal that has not synced yet.',
    };
  }

  return {
    async scan(raw) {
      try {
        return await scan(raw);
      } catch (e) {
        // Defence in depth: every step above returns a verdict; a bug still must not leave the
        // cashier with a frozen screen. Untrusted until proven otherwise.
        return malformed(
          `The code could not be checked: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    },
  };
}

function malformed(reason: string): TicketScanVerdict {
  return {
    code: 'malformed',
    reason,
    params: {},
    message: `This is not a ticket code we can read (${reason})`,
  };
}

function simple(
  code: 'unknown_key' | 'bad_signature' | 'used' | 'wrong_venue',
  payload: TicketCodePayload,
  message: string,
): TicketScanVerdict {
  return { code, payload, params: { ticketId: payload.ticketId }, message };
}

function storeError(payload: TicketCodePayload, cause: string): TicketScanVerdict {
  return {
    code: 'store_error',
    payload,
    cause,
    params: { ticketId: payload.ticketId },
    message: 'The ticket is genuine but this terminal could not read its records. Scan it again.',
  };
}

function ticketParams(
  payload: TicketCodePayload,
  s: ScannedTicket,
): Record<string, string | number> {
  return {
    ticketId: payload.ticketId,
    performanceId: s.record.performanceId,
    tierId: s.record.tierId,
    ...(s.record.seatId !== undefined ? { seatId: s.record.seatId } : {}),
    orderId: s.record.orderId,
    ...(s.receipt !== null ? { receiptNumber: s.receipt.receiptNumber } : {}),
  };
}

/**
 * The stored status wins when it is not 'valid'; otherwise the order as projected from its
 * journal events (a refund that reached the order but not yet the ticket row still counts).
 */
function effectiveStatus(s: ScannedTicket): ScannedTicket['record']['status'] {
  if (s.record.status !== 'valid') return s.record.status;
  const view = s.order?.tickets.find((t) => t.ticket.ticketId === s.record.id);
  return view?.status ?? 'valid';
}
