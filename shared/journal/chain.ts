import type { CanonicalJsonErrorCode } from '../crypto/canonical-json';
import { canonicalJson, textToCheckAgainstDigest } from '../crypto/canonical-json';
import { sha256Hex } from '../crypto/sha256';
import { strictAssert } from '../util/assert';

/**
 * The append-only journal of one terminal as a hash chain. Each entry's `hash` is SHA-256
 * (WebCrypto, so it runs in the renderer and in Node) over the RFC 8785 canonical JSON of
 * its journal members {terminalId, seq, at, type, v, payload, prevHash}; `prevHash` is the
 * previous entry's hash (64 zeros for seq 1). `v`, the payload's schema version, is covered
 * when the entry has one: entries written before versions existed have none and keep the hash
 * they were sealed with (a stored entry is never rewritten). Members a store adds beside these
 * (sync state, indexes) are not part of the entry and not covered.
 */
export interface JournalEntry<T extends string = string, P = unknown> {
  terminalId: string;
  /** 1, 2, 3 … gapless per terminal. */
  seq: number;
  /** ISO-8601 instant. */
  at: string;
  type: T;
  /** Payload schema version (see entry-schema.ts); absent on entries sealed before it existed. */
  v?: number;
  payload: P;
  /** Hex; 64 '0' for seq 1. */
  prevHash: string;
  /** Hex SHA-256 of the RFC 8785 JSON of the entry without `hash`. */
  hash: string;
}

export interface JournalDraft<T extends string = string, P = unknown> {
  type: T;
  at: string;
  /** Payload schema version; the domain's `draft()` sets it. */
  v?: number;
  payload: P;
}

export const GENESIS_PREV_HASH = '0'.repeat(64);

export type JournalSealErrorCode = 'invalid_argument' | 'wrong_terminal' | CanonicalJsonErrorCode;

/** sealEntries' rejection: a programmer error in what was handed to it, with a code. */
export class JournalSealError extends Error {
  override name = 'JournalSealError';
  constructor(
    readonly code: JournalSealErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const HEX_64 = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type UnsealedEntry = Omit<JournalEntry, 'hash'>;

/** SHA-256 hex of a text: WebCrypto by default; a caller may bring a faster one (ChainVerifyOptions.sha256). */
type Sha256 = (text: string) => string | Promise<string>;

/** The members an entry's hash covers, as one object. */
function hashedMembers(entry: UnsealedEntry): object {
  const { terminalId, seq, at, type, v, payload, prevHash } = entry;
  // An entry without `v` hashes exactly as before versions existed (no `v` member at all).
  // Members in code-unit order, as the canonical text has them: with a payload stored that way
  // too (sealEntries), canonicalJson takes its fast path (the engine's JSON.stringify).
  return v === undefined
    ? { at, payload, prevHash, seq, terminalId, type }
    : { at, payload, prevHash, seq, terminalId, type, v };
}

/** The texts sealEntries hashed, by the entry it sealed: a store packing entries reuses them. */
const sealedTexts = new WeakMap<object, string>();

/**
 * The text an entry's hash covers (the canonical JSON of its hashed members): the one
 * sealEntries made for an entry it sealed, else made again. Throws JournalSealError for an
 * entry that has no canonical form.
 */
export function hashedTextOf(entry: UnsealedEntry): string {
  const sealedText = sealedTexts.get(entry);
  if (sealedText !== undefined) return sealedText;
  const json = canonicalJson(hashedMembers(entry));
  if (!json.ok) throw new JournalSealError(json.error.code, json.error.message);
  return json.value;
}

async function hashOf(
  entry: UnsealedEntry,
  sha256: Sha256 = sha256Hex,
): Promise<{ hash: string; json: string } | { code: CanonicalJsonErrorCode; message: string }> {
  const json = canonicalJson(hashedMembers(entry));
  if (!json.ok) return { code: json.error.code, message: json.error.message };
  return { hash: await sha256(json.value), json: json.value };
}

/**
 * hashOf for checking a stored entry against the hash it carries: when the entry is stored
 * the way sealEntries stores it (members in canonical order), its text is taken without
 * looking for lone surrogates (textToCheckAgainstDigest says why that cannot let an edit
 * pass). A mismatch is a mismatch either way: the full walk would give the same text, or
 * refuse a lone surrogate. Anything else (entries stored before payloads were kept in
 * canonical order) goes through hashOf.
 */
async function checkedHashOf(
  entry: UnsealedEntry,
  sha256: Sha256 = sha256Hex,
): Promise<{ hash: string; json: string } | { code: CanonicalJsonErrorCode; message: string }> {
  const json = textToCheckAgainstDigest(hashedMembers(entry));
  if (json === null) return hashOf(entry, sha256);
  return { hash: await sha256(json), json };
}

/** The hash an entry must carry; rejects with JournalSealError if its payload is not JSON. */
export async function computeEntryHash(entry: UnsealedEntry): Promise<string> {
  const result = await hashOf(entry);
  if ('code' in result) throw new JournalSealError(result.code, result.message);
  return result.hash;
}

/** Where a chain stands: the last entry's terminal, seq and hash. */
export type ChainHead = Pick<JournalEntry, 'terminalId' | 'seq' | 'hash'>;

/** A draft once sealed: the draft's own members plus the chain members. */
export type Sealed<D extends JournalDraft> = D & {
  terminalId: string;
  seq: number;
  prevHash: string;
  hash: string;
};

const DRAFT_MEMBERS: ReadonlySet<string> = new Set(['type', 'at', 'v', 'payload']);

/**
 * Turns drafts into the next entries after `last` (null for a terminal's first entry).
 * Rejects with JournalSealError for a wrong terminal, a bad instant, a member the hash would
 * not cover, or a payload that has no canonical JSON form (NaN, Date, Map …): the journal
 * must never hold an unhashable entry. Each entry keeps its draft's type (a union of drafts
 * seals to the same union of entries). `sha256`: as for verifying (WebCrypto by default; the
 * till's commit brings the synchronous one, a few kB hash faster than a trip to WebCrypto).
 */
export async function sealEntries<D extends JournalDraft>(
  terminalId: string,
  last: ChainHead | null,
  drafts: readonly D[],
  sha256: Sha256 = sha256Hex,
): Promise<Sealed<D>[]> {
  if (typeof terminalId !== 'string' || terminalId.length === 0) {
    throw new JournalSealError('invalid_argument', 'Terminal id must be a non-empty string.');
  }
  if (last !== null && last.terminalId !== terminalId) {
    throw new JournalSealError(
      'wrong_terminal',
      `Cannot continue terminal ${last.terminalId}'s journal as ${terminalId}.`,
    );
  }
  let seq = last === null ? 0 : last.seq;
  let prevHash = last === null ? GENESIS_PREV_HASH : last.hash;
  const sealed: Sealed<D>[] = [];
  for (const draft of drafts) {
    if (!ISO_INSTANT.test(draft.at) || !Number.isFinite(Date.parse(draft.at))) {
      throw new JournalSealError(
        'invalid_argument',
        `Entry time ${draft.at} is not an ISO-8601 instant.`,
      );
    }
    const stray = Object.keys(draft).find((k) => !DRAFT_MEMBERS.has(k));
    if (stray !== undefined) {
      // The entry is stored as the draft's members plus the chain's: a member the hash does
      // not cover could be changed without the verifier noticing.
      throw new JournalSealError('invalid_argument', `A draft has no member ${stray}.`);
    }
    seq += 1;
    const hashed = await hashOf(
      {
        terminalId,
        seq,
        at: draft.at,
        type: draft.type,
        ...(draft.v !== undefined ? { v: draft.v } : {}),
        payload: draft.payload,
        prevHash,
      },
      sha256,
    );
    if ('code' in hashed) throw new JournalSealError(hashed.code, hashed.message);
    // The payload is kept as its canonical text reads back: the same data, its members in
    // canonical order, so every later check of this entry (start-up, the manager's full check,
    // main's report) serialises it with JSON.stringify instead of walking it.
    const { payload } = JSON.parse(hashed.json) as { payload: D['payload'] };
    const entry = { ...draft, payload, terminalId, seq, prevHash, hash: hashed.hash };
    sealedTexts.set(entry, hashed.json);
    sealed.push(entry);
    prevHash = hashed.hash;
  }
  return sealed;
}

export type ChainFailureReason =
  'gap' | 'reorder' | 'edited' | 'deleted' | 'bad_prev_hash' | 'duplicate' | 'wrong_terminal';

export type ChainVerification =
  | { ok: true }
  | {
      ok: false;
      /** Index into the array of the first bad entry (entries.length for a cut-off tail). */
      index: number;
      /** That entry's seq (the missing seq for a cut-off tail, or an unreadable seq). */
      seq: number;
      reason: ChainFailureReason;
      /** The seq that entry should have had. */
      expectedSeq: number;
    };

export interface ChainVerifyOptions {
  /** The entries' terminal; by default the first entry's. */
  readonly terminalId?: string;
  /**
   * The last entry already trusted (e.g. what the server accepted before this batch): the
   * first entry must follow it in seq and in hash.
   */
  readonly anchor?: { readonly seq: number; readonly hash: string };
  /** Without an anchor, the seq the first entry must have (a tail without its hash). Default 1. */
  readonly expectedFirstSeq?: number;
  /**
   * The newest entry known from elsewhere (a receipt, the server's acknowledgement). Without
   * it a removed or rewritten *last* entry cannot be told from a shorter journal.
   */
  readonly head?: { readonly seq: number; readonly hash: string };
  /**
   * SHA-256 (hex) of an entry's canonical text, when the caller has a faster one than
   * WebCrypto's: the server passes node:crypto's, synchronous (a WebCrypto digest is a
   * round trip to a worker thread per entry). The default is sha256Hex.
   */
  readonly sha256?: Sha256;
}

function isWellFormed(entry: unknown): entry is JournalEntry {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Partial<Record<keyof JournalEntry, unknown>>;
  return (
    typeof e.terminalId === 'string' &&
    typeof e.seq === 'number' &&
    Number.isSafeInteger(e.seq) &&
    e.seq >= 1 &&
    typeof e.at === 'string' &&
    typeof e.type === 'string' &&
    (e.v === undefined || (typeof e.v === 'number' && Number.isSafeInteger(e.v))) &&
    typeof e.prevHash === 'string' &&
    HEX_64.test(e.prevHash) &&
    typeof e.hash === 'string' &&
    HEX_64.test(e.hash)
  );
}

/** Where a run of entries must start: its terminal, first seq and the hash it links to. */
function chainStart(
  entries: readonly JournalEntry[],
  options: ChainVerifyOptions,
): { terminalId: string | undefined; expected: number; prevHash: string | null } {
  const expected = options.anchor ? options.anchor.seq + 1 : (options.expectedFirstSeq ?? 1);
  return {
    terminalId: options.terminalId ?? entries[0]?.terminalId,
    expected,
    prevHash: options.anchor ? options.anchor.hash : expected === 1 ? GENESIS_PREV_HASH : null,
  };
}

/**
 * Checks a run of one terminal's entries and names the first bad one and why. Each entry
 * is checked in this order, so that a single tampering is reported where it happened:
 * 1. edited — its own hash does not match its content (or it is not an entry at all);
 * 2. wrong_terminal — a genuine entry of another terminal spliced in;
 * 3. duplicate — its seq was already used earlier in the run;
 * 4. seq ahead of the expected one: reorder if the expected seq turns up later in the run,
 *    gap if its prevHash still links to the previous entry (numbers skipped when sealing,
 *    nothing removed), deleted otherwise (entries were taken out in between);
 * 5. bad_prev_hash — right seq, but it does not link to the previous entry: the previous
 *    entry was rewritten together with its hash (the chain cannot tell which side of a
 *    broken link changed; the link is where it is found).
 * Never throws, whatever the array holds.
 */
export async function verifyChain(
  entries: readonly JournalEntry[],
  options: ChainVerifyOptions = {},
): Promise<ChainVerification> {
  const start = chainStart(entries, options);
  const { terminalId } = start;
  let { expected, prevHash } = start;
  const fail = (index: number, seq: number, reason: ChainFailureReason): ChainVerification => ({
    ok: false,
    index,
    seq,
    reason,
    expectedSeq: expected,
  });

  for (let index = 0; index < entries.length; index++) {
    const entry: unknown = entries[index];
    if (!isWellFormed(entry)) {
      const seq = (entry as { seq?: unknown } | null)?.seq;
      return fail(index, typeof seq === 'number' ? seq : expected, 'edited');
    }
    const computed = await checkedHashOf(entry, options.sha256);
    if (!('hash' in computed) || computed.hash !== entry.hash)
      return fail(index, entry.seq, 'edited');
    if (entry.terminalId !== terminalId) return fail(index, entry.seq, 'wrong_terminal');
    if (entry.seq < expected) return fail(index, entry.seq, 'duplicate');
    if (entry.seq > expected) {
      const laterHasExpected = entries
        .slice(index + 1)
        .some((e) => isWellFormed(e) && e.seq === expected && e.terminalId === terminalId);
      if (laterHasExpected) return fail(index, entry.seq, 'reorder');
      return fail(
        index,
        entry.seq,
        prevHash !== null && entry.prevHash === prevHash ? 'gap' : 'deleted',
      );
    }
    if (prevHash !== null && entry.prevHash !== prevHash)
      return fail(index, entry.seq, 'bad_prev_hash');
    if (options.head && entry.seq === options.head.seq && entry.hash !== options.head.hash) {
      return fail(index, entry.seq, 'edited');
    }
    prevHash = entry.hash;
    expected += 1;
  }
  if (options.head && expected <= options.head.seq)
    return fail(entries.length, expected, 'deleted');
  return { ok: true };
}

/**
 * verifyChainBatch's answer: verifyChain's, and for a sound run each entry's canonical text
 * (the bytes its hash covers: every member but `hash`), so that a store can keep what was
 * checked without serialising the entries once more.
 */
export type ChainBatchVerification =
  { ok: true; canonical: readonly string[] } | Extract<ChainVerification, { ok: false }>;

/**
 * verifyChain for long runs (start-up, the manager's full check, the server's push): every
 * entry's hash is computed at once (WebCrypto digests run concurrently instead of one await
 * per entry), then seq and links are walked in one pass. Only when something is wrong does it
 * hand the run to verifyChain, which names the first bad entry and why — so the answer is
 * always verifyChain's.
 */
export async function verifyChainBatch(
  entries: readonly JournalEntry[],
  options: ChainVerifyOptions = {},
): Promise<ChainBatchVerification> {
  const start = chainStart(entries, options);
  const { terminalId } = start;
  let { expected, prevHash } = start;
  const named = async () => {
    const answer = await verifyChain(entries, options);
    // Both check the same things entry by entry: what one refuses, the other refuses too.
    strictAssert(!answer.ok, 'verifyChain passed a run verifyChainBatch refused');
    return answer;
  };
  if (!entries.every(isWellFormed)) return named();
  const hashes = await Promise.all(entries.map((e) => checkedHashOf(e, options.sha256)));
  const canonical: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const computed = hashes[i]!;
    if (
      !('hash' in computed) ||
      computed.hash !== entry.hash ||
      entry.terminalId !== terminalId ||
      entry.seq !== expected ||
      (prevHash !== null && entry.prevHash !== prevHash) ||
      (options.head && entry.seq === options.head.seq && entry.hash !== options.head.hash)
    ) {
      return named();
    }
    canonical.push(computed.json);
    prevHash = entry.hash;
    expected += 1;
  }
  if (options.head && expected <= options.head.seq) return named();
  return { ok: true, canonical };
}
