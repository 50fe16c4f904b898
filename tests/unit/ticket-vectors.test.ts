import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { base45Decode } from '../../shared/crypto/base45';
import { hexToBytes } from '../../shared/crypto/bytes';
import type { Ed25519Backend } from '../../shared/crypto/ed25519';
import { ED25519_BACKENDS, isWebCryptoEd25519Available } from '../../shared/crypto/ed25519';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { ticketSigningMessage } from '../../shared/tickets/ticket-code';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';
import type { TicketVectorFile } from '../fixtures/generate-ticket-vectors';
import { buildTicketVectors, TICKET_VECTORS_PATH } from '../fixtures/generate-ticket-vectors';

const file = JSON.parse(readFileSync(TICKET_VECTORS_PATH, 'utf8')) as TicketVectorFile;

function contextFor(backend: Ed25519Backend) {
  const ring = createKeyRing(
    file.keys.map((k) => ({
      keyId: k.keyId,
      publicKey: hexToBytes(k.publicKey)!,
      revoked: k.revoked,
    })),
  );
  if (!ring.ok) throw new Error(ring.error.message);
  return {
    keyRing: ring.value,
    backend,
    isTicketRevoked: (id: string) => file.revokedTickets.includes(id),
    isTicketUsed: async (id: string) => Promise.resolve(file.usedTickets.includes(id)),
  };
}

describe('ticket vector file', () => {
  it('is what the generator builds from the fixed seeds (reproducible)', async () => {
    expect(await buildTicketVectors()).toEqual(file);
  });

  it('covers every verdict and the cases the issue lists', () => {
    const verdicts = new Set(file.vectors.map((v) => v.verdict));
    expect([...verdicts].sort()).toEqual(
      ['bad_signature', 'genuine', 'malformed', 'revoked', 'unknown_key', 'used'].sort(),
    );
    expect(file.vectors.length).toBeGreaterThanOrEqual(20);
    for (const v of file.vectors) {
      expect(v.code.length).toBeLessThanOrEqual(v.name.startsWith('longer') ? 400 : 160);
    }
  });

  it('runs on a Node with WebCrypto Ed25519 (so both backends are really exercised)', async () => {
    expect(await isWebCryptoEd25519Available()).toBe(true);
  });

  for (const backend of ED25519_BACKENDS) {
    describe(`${backend} backend`, () => {
      const ctx = contextFor(backend);
      it.each(file.vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
        const result = await verifyTicketCode(vector.code, ctx);
        expect(result.verdict).toBe(vector.verdict);
        if (result.verdict === 'malformed') {
          expect(result.reason.length).toBeGreaterThan(0);
        } else {
          if (vector.ticketId !== undefined) expect(result.payload.ticketId).toBe(vector.ticketId);
          if (vector.keyId !== undefined) expect(result.payload.keyId).toBe(vector.keyId);
        }
        if (result.verdict === 'revoked') expect(result.revoked).toBe(vector.revoked);
      });
    });
  }

  it('includes a signature that the cofactored check would accept (why noble is used strictly)', () => {
    const vector = file.vectors.find((v) => v.name.includes('small-order'))!;
    const bytes = base45Decode(vector.code);
    if (!bytes.ok) throw new Error('vector does not decode');
    const key = file.keys.find((k) => k.keyId === vector.keyId)!;
    const payload = bytes.value.subarray(0, 38);
    const signature = bytes.value.subarray(38);
    // noble's stock verify uses [8]SB = [8]R + [8]kA and says yes; WebCrypto says no.
    expect(
      ed25519.verify(signature, ticketSigningMessage(payload), hexToBytes(key.publicKey)!, {
        zip215: false,
      }),
    ).toBe(true);
  });
});
