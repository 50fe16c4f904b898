import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, equalBytes, toArrayBufferView } from './bytes';

/**
 * Ed25519 through one of two backends, chosen by the caller:
 * - 'webcrypto': crypto.subtle with {name: 'Ed25519'} (Node 20, Chromium ≥ 137), native and fast;
 * - 'noble': @noble/curves, pure JS, for runtimes without WebCrypto Ed25519.
 *
 * Both must give the same answer for every input, so the noble path does not use
 * ed25519.verify (which checks the cofactored equation [8]SB = [8]R + [8]kA): WebCrypto
 * (OpenSSL in Node, BoringSSL in Chromium) checks the cofactorless one by recomputing
 * R' = SB − kA and comparing its encoding with R. The two differ for signatures whose R
 * carries a small-order component, which the holder of a private key can craft on purpose;
 * a terminal key must not be able to make two gates disagree. verifyNobleStrict below does
 * the cofactorless check with noble's point arithmetic. Public keys are validated once
 * (canonical encoding, not of small order) before either backend sees them.
 */
export type Ed25519Backend = 'webcrypto' | 'noble';
export const ED25519_BACKENDS: readonly Ed25519Backend[] = ['webcrypto', 'noble'];

/** A 32-byte RFC 8032 private key (seed), or a WebCrypto key that may be non-extractable. */
export type Ed25519PrivateKey = Uint8Array | CryptoKey;

const ALGORITHM = { name: 'Ed25519' } as const;
const Point = ed25519.Point;
const L = Point.Fn.ORDER;

// RFC 8410 PKCS#8 wrapper for a raw Ed25519 seed: WebCrypto imports private keys only in
// pkcs8 or jwk form, and this fixed 16-byte prefix is the whole DER structure.
const PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

// RFC 8032 section 7.1, test 1: a valid public key to probe with. A constant, because
// deriving one with noble builds its base-point tables (tens of ms at every till start).
const PROBE_PUBLIC_KEY = new Uint8Array([
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
  0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
]);

let webCryptoProbe: Promise<boolean> | undefined;

/** Whether this runtime's crypto.subtle does Ed25519 (probed once by importing a key). */
export function isWebCryptoEd25519Available(): Promise<boolean> {
  webCryptoProbe ??= (async () => {
    try {
      const subtle = globalThis.crypto?.subtle;
      if (subtle === undefined) return false;
      await subtle.importKey('raw', toArrayBufferView(PROBE_PUBLIC_KEY), ALGORITHM, false, [
        'verify',
      ]);
      return true;
    } catch {
      return false;
    }
  })();
  return webCryptoProbe;
}

/** WebCrypto when the runtime has it, noble otherwise. */
export async function preferredEd25519Backend(): Promise<Ed25519Backend> {
  return (await isWebCryptoEd25519Available()) ? 'webcrypto' : 'noble';
}

/** The raw 32-byte public key for a 32-byte seed (pure JS, synchronous). */
export function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed);
}

/**
 * True for a canonically encoded point that is not of small order. Keys failing this are
 * refused at key-ring construction: OpenSSL and noble treat such keys differently.
 */
export function isValidEd25519PublicKey(raw: Uint8Array): boolean {
  if (raw.length !== 32) return false;
  try {
    const point = Point.fromBytes(raw, false);
    return !point.isSmallOrder() && equalBytes(point.toBytes(), raw);
  } catch {
    return false;
  }
}

export async function importSeedForWebCrypto(
  seed: Uint8Array,
  extractable = false,
): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    'pkcs8',
    toArrayBufferView(concatBytes(PKCS8_PREFIX, seed)),
    ALGORITHM,
    extractable,
    ['sign'],
  );
}

/** Signs `message`; a CryptoKey can only be used with the WebCrypto backend. */
export async function ed25519Sign(
  privateKey: Ed25519PrivateKey,
  message: Uint8Array,
  backend: Ed25519Backend,
): Promise<Uint8Array> {
  if (privateKey instanceof Uint8Array) {
    if (backend === 'noble') return ed25519.sign(message, privateKey);
    privateKey = await importSeedForWebCrypto(privateKey);
  } else if (backend === 'noble') {
    throw new TypeError('A WebCrypto CryptoKey cannot be used with the noble backend');
  }
  const signature = await globalThis.crypto.subtle.sign(
    ALGORITHM,
    privateKey,
    toArrayBufferView(message),
  );
  return new Uint8Array(signature);
}

type NoblePoint = ReturnType<typeof Point.fromBytes>;

function bytesToBigIntLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
}

/** RFC 8032 §5.1.7 verification, cofactorless, with the encode-and-compare of OpenSSL. */
function verifyNobleStrict(
  publicKey: Uint8Array,
  point: NoblePoint,
  signature: Uint8Array,
  message: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToBigIntLE(signature.subarray(32));
  if (s >= L) return false;
  const k = bytesToBigIntLE(sha512(concatBytes(r, publicKey, message))) % L;
  const expectedR = Point.BASE.multiplyUnsafe(s).subtract(point.multiplyUnsafe(k));
  return equalBytes(expectedR.toBytes(), r);
}

export interface Ed25519Verifier {
  readonly backend: Ed25519Backend;
  /** False for a wrong signature, a wrong length or an invalid public key; never throws. */
  verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean>;
}

/**
 * A verifier that caches the decoded/imported form of each public key: importing a key
 * costs about as much as a verification, and a gate sees the same few keys all day.
 */
export function createEd25519Verifier(backend: Ed25519Backend): Ed25519Verifier {
  const nobleKeys = new Map<string, NoblePoint | null>();
  const webKeys = new Map<string, Promise<CryptoKey | null | 'noble'>>();

  function noblePoint(publicKey: Uint8Array): NoblePoint | null {
    const id = bytesToHex(publicKey);
    let point = nobleKeys.get(id);
    if (point === undefined) {
      // A window-8 table per key (a few ms, once) roughly halves each k·A afterwards.
      point = isValidEd25519PublicKey(publicKey)
        ? Point.fromBytes(publicKey, false).precompute(8)
        : null;
      nobleKeys.set(id, point);
    }
    return point;
  }

  // null: invalid key (every signature is false); 'noble': a valid key this runtime's
  // WebCrypto cannot import (no Ed25519 there). Answering "bad signature" for every genuine
  // ticket would turn customers away, so such keys are verified with noble instead.
  function webKey(publicKey: Uint8Array): Promise<CryptoKey | null | 'noble'> {
    const id = bytesToHex(publicKey);
    let key = webKeys.get(id);
    if (key === undefined) {
      key = isValidEd25519PublicKey(publicKey)
        ? Promise.resolve()
            .then(() =>
              globalThis.crypto.subtle.importKey(
                'raw',
                toArrayBufferView(publicKey),
                ALGORITHM,
                false,
                ['verify'],
              ),
            )
            .catch(() => 'noble' as const)
        : Promise.resolve(null);
      webKeys.set(id, key);
    }
    return key;
  }

  return {
    backend,
    async verify(publicKey, signature, message) {
      if (signature.length !== 64) return false;
      if (backend === 'noble') {
        const point = noblePoint(publicKey);
        return point !== null && verifyNobleStrict(publicKey, point, signature, message);
      }
      const key = await webKey(publicKey);
      if (key === null) return false;
      if (key === 'noble') {
        const point = noblePoint(publicKey);
        return point !== null && verifyNobleStrict(publicKey, point, signature, message);
      }
      try {
        return await globalThis.crypto.subtle.verify(
          ALGORITHM,
          key,
          toArrayBufferView(signature),
          toArrayBufferView(message),
        );
      } catch {
        return false;
      }
    },
  };
}
