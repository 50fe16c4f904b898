import { canonicalJson } from '../crypto/canonical-json';
import { createEd25519Verifier, ed25519Sign } from '../crypto/ed25519';
import type { Ed25519PrivateKey } from '../crypto/ed25519';

/**
 * The journal's anchor: where main says the terminal's chain stands (issue 8 item 4). Main
 * keeps it in an fsync'd file outside IndexedDB; the page's store is held against it at
 * start, and the terminal's key signs it on every Z report.
 */
export interface AnchorHead {
  readonly terminalId: string;
  /** 0 before anything was reported. */
  readonly seq: number;
  /** The entry's hash at `seq` (64 zeros at seq 0). */
  readonly hash: string;
  /** The last (non-training) receipt number the reported entries took; 0 for none. */
  readonly lastReceiptNo: number;
}

/** What main holds: a readable head, no head file at all, or one it had to set aside. */
export type HeadOnFile =
  | { readonly kind: 'present'; readonly head: AnchorHead }
  | { readonly kind: 'absent' }
  | { readonly kind: 'damaged' };

/** The store's last entry as the page reads it (its checkpoint), or null for an empty journal. */
export interface StoreTail {
  readonly seq: number;
  readonly hash: string;
}

/** How a store stands against main's head; every `records damaged` kind refuses sales. */
export type DamageKind = 'store_empty' | 'behind' | 'forked' | 'head_missing' | 'head_damaged';

export type AnchorComparison =
  | { readonly state: 'equal' }
  /** The store holds entries after the head that were committed but never reported. */
  | { readonly state: 'unreported'; readonly fromSeq: number }
  | {
      readonly state: 'damaged';
      readonly kind: DamageKind;
      readonly headSeq: number | null;
      readonly storeSeq: number;
    };

/**
 * Holds a store's tail against main's head. A store ahead of the head is not damage: the app
 * may have died between an IndexedDB commit and its report, so those entries are reported
 * again and accepted only if they chain onto the head. Everything else that differs is.
 * A missing head file with an empty store is a new till (main then writes the genesis head);
 * with entries in the store it is damage, never a silent fresh start.
 */
export function compareWithHead(onFile: HeadOnFile, tail: StoreTail | null): AnchorComparison {
  const storeSeq = tail?.seq ?? 0;
  const damaged = (kind: DamageKind, headSeq: number | null): AnchorComparison => ({
    state: 'damaged',
    kind,
    headSeq,
    storeSeq,
  });
  if (onFile.kind === 'damaged') return damaged('head_damaged', null);
  if (onFile.kind === 'absent')
    return tail === null ? { state: 'equal' } : damaged('head_missing', null);
  const { head } = onFile;
  if (tail === null) return head.seq === 0 ? { state: 'equal' } : damaged('store_empty', head.seq);
  if (tail.seq < head.seq) return damaged('behind', head.seq);
  if (tail.seq === head.seq)
    return tail.hash === head.hash ? { state: 'equal' } : damaged('forked', head.seq);
  return { state: 'unreported', fromSeq: head.seq + 1 };
}

/** The bytes the terminal key signs at a Z report: the head, with a purpose so no other signature fits. */
export function headSigningMessage(head: AnchorHead): Uint8Array {
  const json = canonicalJson({
    purpose: 'box-office/journal-head/v1',
    terminalId: head.terminalId,
    seq: head.seq,
    hash: head.hash,
    lastReceiptNo: head.lastReceiptNo,
  });
  if (!json.ok) throw new TypeError(json.error.message);
  return new TextEncoder().encode(json.value);
}

/** Crockford base32: no I, L, O or U, so a code read off paper is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The code a Z slip prints for a head signature: its first 60 bits as 12 Crockford base32
 * characters in groups of four (`7K2Q-9MXA-04RT`). Ed25519 is deterministic, so the terminal's
 * key always gives the same code for the same head, and a rewritten chain (another hash at
 * that seq) gives another code with odds of 1 in 2^60 of matching.
 */
export function headShortCode(signature: Uint8Array): string {
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(signature[i] ?? 0);
  bits >>= 4n; // 64 bits read, 60 kept
  let code = '';
  for (let i = 11; i >= 0; i--) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export interface SignedHead {
  readonly head: AnchorHead;
  /** Base64 Ed25519 signature over headSigningMessage(head). */
  readonly signature: string;
  readonly code: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const s = atob(text);
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Signs a head with the terminal's key (main holds it) and derives its printed code. */
export async function signHead(
  privateKey: Ed25519PrivateKey,
  head: AnchorHead,
): Promise<SignedHead> {
  const signature = await ed25519Sign(privateKey, headSigningMessage(head), 'noble');
  return { head, signature: toBase64(signature), code: headShortCode(signature) };
}

/**
 * Does a printed Z code belong to this head? Checks the stored signature against the terminal's
 * public key and the code against the signature. A chain rewritten after the Z has another hash
 * at the Z's seq, so the head it yields fails here against any code printed before.
 */
export async function printedCodeMatches(
  publicKey: Uint8Array,
  head: AnchorHead,
  signatureBase64: string,
  printedCode: string,
): Promise<boolean> {
  if (!(await headSignatureValid(publicKey, head, signatureBase64))) return false;
  const signature = fromBase64(signatureBase64);
  return signature !== null && headShortCode(signature) === printedCode.trim().toUpperCase();
}

/**
 * Is this the terminal key's signature over this head? What the server checks when a till
 * sends the signature of its Z (`POST /api/sync/head-signature`), before holding the head
 * against its own copy of the chain.
 */
export async function headSignatureValid(
  publicKey: Uint8Array,
  head: AnchorHead,
  signatureBase64: string,
): Promise<boolean> {
  const signature = fromBase64(signatureBase64);
  if (signature === null || signature.length !== 64) return false;
  const verifier = createEd25519Verifier('noble');
  try {
    return await verifier.verify(publicKey, signature, headSigningMessage(head));
  } catch {
    // A key or signature the library cannot even read is not a valid signature.
    return false;
  }
}
