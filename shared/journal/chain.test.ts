import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalDraft, JournalEntry } from './chain';
import {
  computeEntryHash,
  GENESIS_PREV_HASH,
  JournalSealError,
  sealEntries,
  verifyChain,
  verifyChainBatch,
} from './chain';
import { sha256Hex } from '../crypto/sha256';

const draft = (
  i: number,
  payload: unknown = { n: i, amount: { minor: i * 100, currency: 'EUR' } },
): JournalDraft => ({
  type: i % 3 === 0 ? 'refund' : 'sale',
  at: new Date(Date.UTC(2026, 10, 22, 10, 0, i)).toISOString(),
  payload,
});

async function journal(n: number, terminalId = 'T1'): Promise<JournalEntry[]> {
  return sealEntries(
    terminalId,
    null,
    Array.from({ length: n }, (_, i) => draft(i + 1)),
  );
}

const fail = (index: number, seq: number, reason: string) => ({ ok: false, index, seq, reason });

describe('sealEntries', () => {
  it('numbers from 1, links each entry to the previous hash and hashes canonical JSON', async () => {
    const entries = await journal(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_PREV_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    for (const e of entries) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    // Known answer: SHA-256 of the canonical JSON, computed independently of sealEntries.
    const { hash: _h, ...unsealed } = entries[0]!;
    const json = `{"at":"2026-11-22T10:00:01.000Z","payload":{"amount":{"currency":"EUR","minor":100},"n":1},"prevHash":"${GENESIS_PREV_HASH}","seq":1,"terminalId":"T1","type":"sale"}`;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(entries[0]!.hash).toBe(hex);
    expect(await computeEntryHash(unsealed)).toBe(hex);
  });

  it('continues after the last entry, batch by batch, into one valid chain', async () => {
    const first = await sealEntries('T1', null, [draft(1), draft(2)]);
    const second = await sealEntries('T1', first[1]!, [draft(3)]);
    expect(second[0]!.seq).toBe(3);
    expect(await verifyChain([...first, ...second])).toEqual({ ok: true });
    expect(await sealEntries('T1', second[0]!, [])).toEqual([]);
  });

  it('rejects with a typed error instead of sealing something unverifiable', async () => {
    const [last] = await journal(1);
    const cases: [Promise<unknown>, string][] = [
      [sealEntries('T2', last!, [draft(2)]), 'wrong_terminal'],
      [sealEntries('', null, [draft(1)]), 'invalid_argument'],
      [sealEntries('T1', null, [{ ...draft(1), at: 'today' }]), 'invalid_argument'],
      [sealEntries('T1', null, [{ ...draft(1), at: '2026-13-45T99:99:99Z' }]), 'invalid_argument'],
      [sealEntries('T1', null, [draft(1, { amount: NaN })]), 'non_finite_number'],
      [sealEntries('T1', null, [draft(1, { when: new Date() })]), 'non_plain_object'],
      [sealEntries('T1', null, [draft(1, [undefined])]), 'undefined_in_array'],
    ];
    for (const [promise, code] of cases) {
      await expect(promise).rejects.toBeInstanceOf(JournalSealError);
      await expect(promise).rejects.toMatchObject({ code });
    }
  });
});

describe('verifyChain', () => {
  it('accepts an empty and an intact journal', async () => {
    expect(await verifyChain([])).toEqual({ ok: true });
    expect(await verifyChain(await journal(5))).toEqual({ ok: true });
  });

  it('reports an edited payload, type, time, seq, prevHash or hash as edited at that entry', async () => {
    const entries = await journal(4);
    const edits: ((e: JournalEntry) => JournalEntry)[] = [
      (e) => ({ ...e, payload: { n: 99 } }),
      (e) => ({ ...e, type: 'void' }),
      (e) => ({ ...e, at: '2026-11-22T10:00:59.000Z' }),
      (e) => ({ ...e, seq: e.seq + 1 }),
      (e) => ({ ...e, prevHash: 'f'.repeat(64) }),
      (e) => ({ ...e, hash: 'a'.repeat(64) }),
      (e) => ({ ...e, terminalId: 'T9' }),
    ];
    for (const edit of edits) {
      const tampered = entries.map((e, i) => (i === 2 ? edit(e) : e));
      expect(await verifyChain(tampered)).toMatchObject({ ok: false, index: 2, reason: 'edited' });
    }
  });

  it('reports a rewritten-and-rehashed entry at the broken link after it', async () => {
    const entries = await journal(4);
    const { hash: _h, ...rest } = entries[1]!;
    const rewritten = { ...rest, payload: { n: -1 } };
    const forged = { ...rewritten, hash: await computeEntryHash(rewritten) };
    const tampered = [entries[0]!, forged, entries[2]!, entries[3]!];
    expect(await verifyChain(tampered)).toMatchObject(fail(2, 3, 'bad_prev_hash'));
  });

  it('tells deleted entries (hash link broken) from a numbering gap (link intact)', async () => {
    const entries = await journal(4);
    expect(await verifyChain([entries[0]!, entries[2]!, entries[3]!])).toMatchObject(
      fail(1, 3, 'deleted'),
    );
    expect(await verifyChain(entries.slice(1))).toMatchObject(fail(0, 2, 'deleted'));
    // A sealer that skipped seq 2: entry "3" links straight to entry 1.
    const [one] = entries;
    const skipped = {
      terminalId: 'T1',
      seq: 3,
      at: one!.at,
      type: 'sale',
      payload: {},
      prevHash: one!.hash,
    };
    const gapped = [one!, { ...skipped, hash: await computeEntryHash(skipped) }];
    expect(await verifyChain(gapped)).toMatchObject({ ...fail(1, 3, 'gap'), expectedSeq: 2 });
    const first = {
      terminalId: 'T1',
      seq: 2,
      at: one!.at,
      type: 'sale',
      payload: {},
      prevHash: GENESIS_PREV_HASH,
    };
    expect(await verifyChain([{ ...first, hash: await computeEntryHash(first) }])).toMatchObject(
      fail(0, 2, 'gap'),
    );
  });

  it('reports duplicates and foreign entries', async () => {
    const entries = await journal(3);
    expect(await verifyChain([...entries.slice(0, 2), entries[1]!, entries[2]!])).toMatchObject(
      fail(2, 2, 'duplicate'),
    );
    const foreign = await journal(3, 'T2');
    expect(await verifyChain([entries[0]!, foreign[1]!, entries[2]!])).toMatchObject(
      fail(1, 2, 'wrong_terminal'),
    );
    expect(await verifyChain(entries, { terminalId: 'T2' })).toMatchObject(
      fail(0, 1, 'wrong_terminal'),
    );
  });

  it('checks a tail against an anchor, a first seq, and a head', async () => {
    const entries = await journal(6);
    const tail = entries.slice(3);
    expect(await verifyChain(tail, { anchor: { seq: 3, hash: entries[2]!.hash } })).toEqual({
      ok: true,
    });
    expect(await verifyChain(tail, { anchor: { seq: 3, hash: entries[1]!.hash } })).toMatchObject(
      fail(0, 4, 'bad_prev_hash'),
    );
    expect(await verifyChain(tail, { anchor: { seq: 2, hash: entries[1]!.hash } })).toMatchObject(
      fail(0, 4, 'deleted'),
    );
    expect(await verifyChain(tail, { expectedFirstSeq: 4 })).toEqual({ ok: true });
    expect(await verifyChain(tail, { expectedFirstSeq: 5 })).toMatchObject(fail(0, 4, 'duplicate'));
    const head = { seq: 6, hash: entries[5]!.hash };
    expect(await verifyChain(entries, { head })).toEqual({ ok: true });
    expect(await verifyChain(entries.slice(0, 4), { head })).toMatchObject({
      ...fail(4, 5, 'deleted'),
    });
    expect(await verifyChain(entries, { head: { seq: 6, hash: '0'.repeat(64) } })).toMatchObject(
      fail(5, 6, 'edited'),
    );
  });

  it('never throws on junk, reporting it as edited', async () => {
    const entries = await journal(2);
    const junk: unknown[] = [
      null,
      42,
      { ...entries[1], seq: 'two' },
      { ...entries[1], seq: 0 },
      { ...entries[1], hash: 'XYZ' },
      { ...entries[1], prevHash: undefined },
      { ...entries[1], payload: { x: NaN } },
    ];
    for (const j of junk) {
      const r = await verifyChain([entries[0]!, j as JournalEntry]);
      expect(r).toMatchObject({ ok: false, index: 1, reason: 'edited' });
    }
    expect(
      await verifyChain([entries[0]!, { ...entries[1]!, seq: 'x' as unknown as number }]),
    ).toMatchObject({
      seq: 2,
    });
  });
});

describe('verifyChainBatch', () => {
  it('hands back the text each hash covers for a sound run, and verifyChain’s answer otherwise', async () => {
    const entries = await journal(4);
    const sound = await verifyChainBatch(entries);
    expect(sound.ok).toBe(true);
    const texts = sound.ok ? sound.canonical : [];
    expect(texts).toHaveLength(4);
    for (const [i, text] of texts.entries()) {
      const { hash, ...covered } = entries[i]!;
      expect(await sha256Hex(text)).toBe(hash);
      expect(JSON.parse(text)).toEqual(covered);
    }
    const edited = [...entries];
    edited[2] = { ...entries[2]!, payload: { n: 99 } };
    expect(await verifyChainBatch(edited)).toEqual(await verifyChain(edited));
    expect(await verifyChainBatch(entries.slice(1))).toEqual(await verifyChain(entries.slice(1)));
  });

  it('catches a stored value that prints as the sealed text but is not JSON, and still reads entries stored in another member order', async () => {
    const at = new Date(Date.UTC(2026, 10, 22, 10, 0, 0)).toISOString();
    const entries = await sealEntries('T1', null, [
      draft(1, { when: at, lines: [null, 'x'], tag: {} }),
      draft(2, { b: 2, a: 1 }),
    ]);
    // Each stand-in below serialises (JSON.stringify) to exactly the sealed text.
    const standIns: unknown[] = [
      { when: new Date(at), lines: [null, 'x'], tag: {} },
      { when: at, lines: [undefined, 'x'], tag: {} },
      { when: at, lines: [Number.NaN, 'x'], tag: {} },
      { when: at, lines: [null, Object('x') as string], tag: {} },
      { when: at, lines: [null, 'x'], tag: new Map([['k', 1]]) },
    ];
    for (const payload of standIns) {
      const swapped = [{ ...entries[0]!, payload }, entries[1]!];
      for (const check of [verifyChainBatch, verifyChain])
        expect(await check(swapped)).toMatchObject(fail(0, 1, 'edited'));
    }
    // A lone surrogate prints as an escape, which reads back as itself: never the sealed text.
    const surrogate = [{ ...entries[0]!, payload: { when: at, lines: [null, '\uD800'], tag: {} } }];
    expect(await verifyChainBatch(surrogate)).toMatchObject(fail(0, 1, 'edited'));
    // Sealed in code-unit order; the same members stored in another order are the same entry.
    const reordered = [entries[0]!, { ...entries[1]!, payload: { b: 2, a: 1 } }];
    expect(await verifyChainBatch(reordered)).toMatchObject({ ok: true });
    expect(await verifyChain(reordered)).toEqual({ ok: true });
  });
});

describe('verifyChain properties', () => {
  const setup = fc.integer({ min: 2, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      at: fc.nat(n - 1),
      other: fc.nat(n - 1),
      payload: fc.jsonValue({ maxDepth: 2 }),
      seed: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: n, maxLength: n }),
    }),
  );

  async function sealed(seed: unknown[]): Promise<JournalEntry[]> {
    return sealEntries(
      'T1',
      null,
      seed.map((payload, i) => ({
        type: 'sale',
        at: new Date(i * 1000).toISOString(),
        payload: { i, payload },
      })),
    );
  }

  it('any single edit is found at that entry as edited', async () => {
    await fc.assert(
      fc.asyncProperty(
        setup,
        fc.constantFrom('payload', 'type', 'at', 'seq', 'prevHash', 'hash'),
        async (s, field) => {
          const entries = await sealed(s.seed);
          const target = entries[s.at]!;
          const edited: JournalEntry = { ...target };
          switch (field) {
            case 'payload':
              edited.payload = { i: -1, payload: s.payload };
              break;
            case 'type':
              edited.type = 'refund';
              break;
            case 'at':
              edited.at = new Date(999_999_000).toISOString();
              break;
            case 'seq':
              edited.seq = target.seq + 1 + s.other;
              break;
            case 'prevHash':
              edited.prevHash = entries[s.other]!.hash;
              break;
            case 'hash':
              edited.hash = entries[s.other]!.prevHash;
              break;
          }
          // An "edit" that writes the value already there is no edit.
          fc.pre(JSON.stringify(edited) !== JSON.stringify(target));
          entries[s.at] = edited;
          expect(await verifyChain(entries)).toMatchObject({
            ok: false,
            index: s.at,
            reason: 'edited',
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an entry rewritten with a recomputed hash is found at the next link (or by the head)', async () => {
    await fc.assert(
      fc.asyncProperty(setup, async (s) => {
        const entries = await sealed(s.seed);
        const head = { seq: entries.length, hash: entries[entries.length - 1]!.hash };
        const { hash: _old, ...rest } = entries[s.at]!;
        const rewritten = { ...rest, payload: { i: -1, payload: s.payload } };
        entries[s.at] = { ...rewritten, hash: await computeEntryHash(rewritten) };
        const last = s.at === entries.length - 1;
        expect(await verifyChain(entries, { head })).toMatchObject({
          ok: false,
          index: last ? s.at : s.at + 1,
          reason: last ? 'edited' : 'bad_prev_hash',
        });
        // Without a head, rewriting the newest entry is indistinguishable from honest history.
        if (last) expect(await verifyChain(entries)).toEqual({ ok: true });
      }),
      { numRuns: 150 },
    );
  });

  it('any single deletion is found at the entry after the hole (at the end: with a head)', async () => {
    await fc.assert(
      fc.asyncProperty(setup, async (s) => {
        const entries = await sealed(s.seed);
        const head = { seq: entries.length, hash: entries[entries.length - 1]!.hash };
        const cut = entries.filter((_, i) => i !== s.at);
        expect(await verifyChain(cut, { head })).toMatchObject({
          ok: false,
          index: s.at,
          // the entry after the hole, or for a cut-off last entry the missing seq
          seq: s.at === entries.length - 1 ? s.at + 1 : s.at + 2,
          reason: 'deleted',
        });
      }),
      { numRuns: 150 },
    );
  });

  it('any swap of two entries is found at the earlier position as reorder', async () => {
    await fc.assert(
      fc.asyncProperty(setup, async (s) => {
        fc.pre(s.at !== s.other);
        const entries = await sealed(s.seed);
        const [i, j] = s.at < s.other ? [s.at, s.other] : [s.other, s.at];
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
        expect(await verifyChain(entries)).toMatchObject({
          ok: false,
          index: i,
          seq: j + 1,
          reason: 'reorder',
        });
      }),
      { numRuns: 150 },
    );
  });

  it('any entry moved elsewhere is found at the first displaced position as reorder', async () => {
    await fc.assert(
      fc.asyncProperty(setup, async (s) => {
        fc.pre(s.at !== s.other);
        const entries = await sealed(s.seed);
        const [moved] = entries.splice(s.at, 1);
        entries.splice(s.other, 0, moved!);
        expect(await verifyChain(entries)).toMatchObject({
          ok: false,
          index: Math.min(s.at, s.other),
          reason: 'reorder',
        });
      }),
      { numRuns: 150 },
    );
  });

  it('any replayed entry is found where it reappears as duplicate', async () => {
    await fc.assert(
      fc.asyncProperty(setup, async (s) => {
        const entries = await sealed(s.seed);
        const insertAt = Math.max(s.at, s.other) + 1;
        entries.splice(insertAt, 0, entries[Math.min(s.at, s.other)]!);
        expect(await verifyChain(entries)).toMatchObject({
          ok: false,
          index: insertAt,
          reason: 'duplicate',
        });
      }),
      { numRuns: 100 },
    );
  });
});
