import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { BASE45_ALPHABET, base45Decode, base45Encode } from '../../shared/crypto/base45';
import { concatBytes } from '../../shared/crypto/bytes';
import type { Ed25519Backend } from '../../shared/crypto/ed25519';
import {
  createEd25519Verifier,
  ed25519Sign,
  preferredEd25519Backend,
} from '../../shared/crypto/ed25519';
import { sha256Sync } from '../../shared/crypto/sha256';
import {
  catalogFingerprintIndex,
  catalogIdFingerprint,
} from '../../shared/tickets/catalog-fingerprint';
import { createKeyRing, deriveKeyId } from '../../shared/tickets/key-ring';
import type { TicketSigningKey } from '../../shared/tickets/signing-key';
import {
  exportRawPublicKey,
  generateSigningKey,
  signingKeyFromSeed,
} from '../../shared/tickets/signing-key';
import {
  createTicketSigner,
  encodeTicketCode,
  parseTicketCode,
  TicketCodeError,
  ticketSigningMessage,
} from '../../shared/tickets/ticket-code';
import type { TicketSignInput } from '../../shared/tickets/ticket-payload';
import { encodeTicketPayload, ticketPayloadMatches } from '../../shared/tickets/ticket-payload';
import type { TicketVerifyContext } from '../../shared/tickets/verify-ticket';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';

const key = (label: string): TicketSigningKey => {
  const made = signingKeyFromSeed(sha256Sync(label));
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
};
const issuer = key('issuer');
const other = key('other');

const ring = createKeyRing([{ keyId: issuer.keyId, publicKey: issuer.publicKey }]);
if (!ring.ok) throw new Error('ring');
const ctxFor = (backend: Ed25519Backend): TicketVerifyContext => ({
  keyRing: ring.value,
  backend,
  isTicketRevoked: () => false,
  isTicketUsed: () => false,
});
const noble = ctxFor('noble');
const web = ctxFor('webcrypto');

const signerFor = (k: TicketSigningKey, backend: Ed25519Backend) => {
  const s = createTicketSigner(k, k.keyId, backend);
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
};
const signNoble = signerFor(issuer, 'noble');
const signWeb = signerFor(issuer, 'webcrypto');

const catalogId = fc.string({ minLength: 1, maxLength: 40 });
const signInput: fc.Arbitrary<TicketSignInput> = fc.record(
  {
    ticketId: fc.uuid(),
    performanceId: catalogId,
    seatId: catalogId,
    tierId: catalogId,
    issuedAt: fc
      .date({ min: new Date(0), max: new Date(0xffffffff * 1000), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  { requiredKeys: ['ticketId', 'performanceId', 'tierId', 'issuedAt'] },
);

async function bothVerdicts(code: string) {
  const [a, b] = await Promise.all([verifyTicketCode(code, noble), verifyTicketCode(code, web)]);
  expect(a).toEqual(b);
  return a;
}

const sample: TicketSignInput = {
  ticketId: '01939D6E-7A10-7C3B-9F21-5D1E2A3B4C5D',
  performanceId: 'perf-1',
  seatId: 'A-1',
  tierId: 'tier-1',
  issuedAt: '2026-11-20T18:45:07.999+02:00',
};

describe('ticket codes', () => {
  it('signs with either backend to the same 153-character QR-alphanumeric code', async () => {
    const a = await signNoble(sample);
    expect(await signWeb(sample)).toBe(a);
    expect(a.length).toBe(153);
    expect([...a].every((c) => BASE45_ALPHABET.includes(c))).toBe(true);
    const parsed = parseTicketCode(a);
    expect(parsed.ok && parsed.value.payload).toEqual({
      version: 1,
      ticketId: '01939d6e-7a10-7c3b-9f21-5d1e2a3b4c5d',
      performanceRef: catalogIdFingerprint('perf-1'),
      ref: { kind: 'seat', fingerprint: catalogIdFingerprint('A-1') },
      keyId: issuer.keyId,
      issuedAt: '2026-11-20T16:45:07Z',
    });
    expect((await bothVerdicts(a)).verdict).toBe('genuine');
  });

  it('matches a decoded code to the catalog by fingerprint', async () => {
    const seated = parseTicketCode(await signNoble(sample));
    const ga = parseTicketCode(await signNoble({ ...sample, seatId: undefined }));
    if (!seated.ok || !ga.ok) throw new Error('parse');
    const ids = { performanceId: 'perf-1', seatId: 'A-1', tierId: 'tier-1' };
    expect(ticketPayloadMatches(seated.value.payload, ids)).toBe(true);
    expect(ticketPayloadMatches(seated.value.payload, { ...ids, seatId: 'A-2' })).toBe(false);
    expect(ticketPayloadMatches(seated.value.payload, { ...ids, performanceId: 'p2' })).toBe(false);
    expect(ticketPayloadMatches(seated.value.payload, { ...ids, seatId: undefined })).toBe(false);
    expect(ga.value.payload.ref.kind).toBe('tier');
    expect(ticketPayloadMatches(ga.value.payload, { ...ids, seatId: undefined })).toBe(true);
    expect(ticketPayloadMatches(ga.value.payload, ids)).toBe(false);
    expect(ticketPayloadMatches(ga.value.payload, { performanceId: 'perf-1', tierId: 'x' })).toBe(
      false,
    );
    const index = catalogFingerprintIndex(['A-1', 'A-2', 'A-1']);
    expect(index.get(catalogIdFingerprint('A-1'))).toEqual(['A-1']);
    expect(index.size).toBe(2);
  });

  it('signer rejects what a code cannot carry with a typed error', async () => {
    const cases: Partial<TicketSignInput>[] = [
      { ticketId: 'not-a-uuid' },
      { issuedAt: 'yesterday' },
      { issuedAt: '1969-12-31T23:59:59Z' },
      { issuedAt: '2106-02-07T06:28:16Z' },
      { performanceId: '' },
      { seatId: '' },
    ];
    for (const c of cases) {
      const p = signNoble({ ...sample, ...c });
      await expect(p).rejects.toBeInstanceOf(TicketCodeError);
      await expect(p).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    expect(encodeTicketPayload(sample, 'XYZ').ok).toBe(false);
  });

  it('createTicketSigner refuses keys and key ids that do not belong together', async () => {
    expect(createTicketSigner(issuer.privateKey, 'ABCDEF01', 'noble')).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(createTicketSigner(issuer.privateKey, other.keyId, 'noble')).toMatchObject({
      ok: false,
      error: { code: 'invalid_key' },
    });
    expect(createTicketSigner(new Uint8Array(31), issuer.keyId, 'noble')).toMatchObject({
      ok: false,
      error: { code: 'invalid_key' },
    });
    expect(
      createTicketSigner(
        { privateKey: issuer.privateKey, publicKey: other.publicKey },
        issuer.keyId,
        'noble',
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    const webKey = await generateSigningKey('webcrypto');
    expect(createTicketSigner(webKey, webKey.keyId, 'noble')).toMatchObject({
      ok: false,
      error: { code: 'invalid_key' },
    });
    expect(signingKeyFromSeed(new Uint8Array(5)).ok).toBe(false);
  });

  it('enrolment keys (non-extractable WebCrypto, or seeded noble) issue codes every backend accepts', async () => {
    const webKey = await generateSigningKey('webcrypto');
    expect(webKey.privateKey).toBeInstanceOf(CryptoKey);
    expect((webKey.privateKey as CryptoKey).extractable).toBe(false);
    expect(webKey.publicKey.length).toBe(32);
    expect(webKey.keyId).toBe(deriveKeyId(webKey.publicKey));
    const exportable = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ]);
    const raw = await exportRawPublicKey(exportable.publicKey);
    const jwk = await crypto.subtle.exportKey('jwk', exportable.publicKey);
    expect(Buffer.from(raw).toString('base64url')).toBe(jwk.x);
    const bytes = new Uint8Array(32).fill(9);
    const nobleKey = await generateSigningKey('noble', { randomBytes: () => bytes });
    expect(nobleKey.keyId).toBe(key9().keyId);
    const fresh = await generateSigningKey('noble');
    expect(fresh.keyId).not.toBe(nobleKey.keyId);
    await expect(
      generateSigningKey('noble', { randomBytes: () => new Uint8Array(3) }),
    ).rejects.toThrow();

    const ring2 = createKeyRing(
      [webKey, nobleKey].map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
    );
    if (!ring2.ok) throw new Error('ring');
    for (const k of [webKey, nobleKey]) {
      const signer = createTicketSigner(k.privateKey, k.keyId, 'webcrypto');
      if (!signer.ok) throw new Error(signer.error.message);
      const code = await signer.value(sample);
      for (const backend of ['noble', 'webcrypto'] as const) {
        const v = await verifyTicketCode(code, { ...noble, keyRing: ring2.value, backend });
        expect(v.verdict).toBe('genuine');
      }
    }
    await expect(ed25519Sign(webKey.privateKey, new Uint8Array(1), 'noble')).rejects.toThrow(
      TypeError,
    );
    expect(await preferredEd25519Backend()).toBe('webcrypto');
  });

  it('key ring refuses invalid, mismatched and colliding keys', () => {
    const smallOrder = new Uint8Array(32); // y = 0: a point of order 4
    expect(
      createKeyRing([{ keyId: deriveKeyId(smallOrder), publicKey: smallOrder }]),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_key' },
    });
    const identity = new Uint8Array(32);
    identity[0] = 1;
    expect(createKeyRing([{ keyId: deriveKeyId(identity), publicKey: identity }]).ok).toBe(false);
    const nonCanonical = new Uint8Array(32).fill(0xff);
    nonCanonical[31] = 0x7f; // y = 2^255 - 1 ≥ p
    expect(createKeyRing([{ keyId: deriveKeyId(nonCanonical), publicKey: nonCanonical }]).ok).toBe(
      false,
    );
    expect(createKeyRing([{ keyId: other.keyId, publicKey: issuer.publicKey }])).toMatchObject({
      ok: false,
      error: { code: 'key_id_mismatch' },
    });
    const entry = { keyId: issuer.keyId, publicKey: issuer.publicKey };
    expect(createKeyRing([entry, entry])).toMatchObject({
      ok: false,
      error: { code: 'duplicate_key_id' },
    });
    const mutable = issuer.publicKey.slice();
    const r = createKeyRing([{ keyId: issuer.keyId, publicKey: mutable, label: 'w1' }]);
    mutable[0]! ^= 1;
    expect(r.ok && r.value.get(issuer.keyId)?.publicKey).toEqual(issuer.publicKey);
    expect(r.ok && r.value.keys.length).toBe(1);
  });

  it('verifiers say no (never throw) for wrong lengths and bad keys', async () => {
    for (const backend of ['noble', 'webcrypto'] as const) {
      const v = createEd25519Verifier(backend);
      const msg = new Uint8Array([1]);
      const sig = await ed25519Sign(issuer.privateKey, msg, 'noble');
      expect(await v.verify(issuer.publicKey, sig, msg)).toBe(true);
      expect(await v.verify(issuer.publicKey, sig.subarray(0, 63), msg)).toBe(false);
      expect(await v.verify(new Uint8Array(32), sig, msg)).toBe(false);
      expect(await v.verify(issuer.publicKey.subarray(0, 31), sig, msg)).toBe(false);
    }
  });

  it('propagates a failing lookup instead of guessing a verdict', async () => {
    const code = await signNoble(sample);
    await expect(
      verifyTicketCode(code, {
        ...noble,
        isTicketUsed: () => Promise.reject(new Error('db down')),
      }),
    ).rejects.toThrow('db down');
  });

  it('on a runtime whose WebCrypto lacks Ed25519, verifies with noble and signs with a coded error', async () => {
    const code = await signNoble(sample);
    const forged = code.slice(0, 150) + (code.endsWith('000') ? '111' : '000');
    const signer = signerFor(other, 'webcrypto');
    const importKey = vi
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValue(new DOMException('Unrecognized name.', 'NotSupportedError'));
    try {
      const verifier = createEd25519Verifier('webcrypto');
      expect((await verifyTicketCode(code, { ...web, backend: verifier })).verdict).toBe('genuine');
      expect((await verifyTicketCode(forged, { ...web, backend: verifier })).verdict).not.toBe(
        'genuine',
      );
      await expect(signer(sample)).rejects.toMatchObject({ code: 'signing_failed' });
    } finally {
      importKey.mockRestore();
    }
    // The failed import is not cached: once the runtime can, the same signer works.
    await expect(signer(sample)).resolves.toHaveLength(153);
  });

  it('accepts a shared verifier instance as the backend', async () => {
    const verifier = createEd25519Verifier('noble');
    const v = await verifyTicketCode(await signNoble(sample), { ...noble, backend: verifier });
    expect(v.verdict).toBe('genuine');
  });
});

describe('ticket code properties (both backends)', () => {
  it('every issued code is genuine on both backends, fits 160 characters and decodes to its input', async () => {
    await fc.assert(
      fc.asyncProperty(signInput, async (input) => {
        const code = await signNoble(input);
        expect(code.length).toBeLessThanOrEqual(160);
        const v = await bothVerdicts(code);
        expect(v.verdict).toBe('genuine');
        if (v.verdict !== 'genuine') return;
        expect(v.payload.ticketId).toBe(input.ticketId.toLowerCase());
        expect(ticketPayloadMatches(v.payload, input)).toBe(true);
        expect(Date.parse(v.payload.issuedAt)).toBe(
          Math.floor(Date.parse(input.issuedAt) / 1000) * 1000,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('a code with any single bit flipped is never genuine, and both backends agree', async () => {
    const genuine = base45Decode(await signNoble(sample));
    if (!genuine.ok) throw new Error('decode');
    const bytes = genuine.value;
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length * 8 - 1), async (bit) => {
        const flipped = bytes.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        const v = await bothVerdicts(base45Encode(flipped));
        expect(v.verdict).not.toBe('genuine');
      }),
      { numRuns: 400 },
    );
  });

  it('a character changed anywhere in the text is never genuine', async () => {
    const code = await signNoble(sample);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(code.length - 1),
        fc.constantFrom(...BASE45_ALPHABET, 'a', '#', 'é'),
        async (at, c) => {
          fc.pre(code[at] !== c);
          const v = await bothVerdicts(code.slice(0, at) + c + code.slice(at + 1));
          expect(v.verdict).not.toBe('genuine');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('forgeries (well-formed payload, made-up or transplanted signature) are never genuine', async () => {
    await fc.assert(
      fc.asyncProperty(
        signInput,
        fc.oneof(
          fc.uint8Array({ minLength: 64, maxLength: 64 }),
          fc.constant(null), // signature of another ticket by the real key
        ),
        async (input, randomSig) => {
          const payload = encodeTicketPayload(input, issuer.keyId);
          if (!payload.ok) throw new Error(payload.error.message);
          const donor = base45Decode(
            await signNoble({ ...sample, ticketId: '01939d6e-0000-7000-8000-000000000000' }),
          );
          if (!donor.ok) throw new Error('decode');
          const sig = randomSig ?? donor.value.subarray(38);
          const v = await bothVerdicts(encodeTicketCode(payload.value, sig));
          expect(v.verdict).toBe('bad_signature');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('codes signed by another key under the issuer key id are bad signatures', async () => {
    await fc.assert(
      fc.asyncProperty(signInput, async (input) => {
        const payload = encodeTicketPayload(input, issuer.keyId);
        if (!payload.ok) throw new Error(payload.error.message);
        const sig = await ed25519Sign(
          other.privateKey,
          ticketSigningMessage(payload.value),
          'noble',
        );
        expect((await bothVerdicts(encodeTicketCode(payload.value, sig))).verdict).toBe(
          'bad_signature',
        );
      }),
      { numRuns: 60 },
    );
  });

  it('any string: never throws, never genuine, same verdict on both backends', async () => {
    const genuine = await signNoble(sample);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(...BASE45_ALPHABET), minLength: 148, maxLength: 158 }),
          fc
            .uint8Array({ minLength: 100, maxLength: 104 })
            .map((b) => base45Encode(concatBytes(new Uint8Array([1]), b))),
          fc.string({ maxLength: 5 }).map((s) => genuine.slice(0, 150) + s),
        ),
        async (text) => {
          const v = await bothVerdicts(text);
          expect(v.verdict).not.toBe('genuine');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('non-string input is malformed', async () => {
    for (const input of [undefined, null, 42, {}, ['x']]) {
      expect((await verifyTicketCode(input, noble)).verdict).toBe('malformed');
    }
  });
});

function key9(): TicketSigningKey {
  const made = signingKeyFromSeed(new Uint8Array(32).fill(9));
  if (!made.ok) throw new Error('seed');
  return made.value;
}
