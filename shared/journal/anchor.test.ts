import { describe, expect, it } from 'vitest';
import { publicKeyFromSeed } from '../crypto/ed25519';
import type { AnchorHead } from './anchor';
import { compareWithHead, headShortCode, printedCodeMatches, signHead } from './anchor';
import { cashMovedBy } from './cash-movement';
import { sealEntries } from './chain';
import type { DomainEntry } from './entry-types';

const T = 'T1';
const AT = '2026-11-22T17:30:00.000Z';
const olena = { staffId: 'olena', role: 'cashier' } as const;
const seed = new Uint8Array(32).fill(9);

const noSale = (reason: string) => ({
  type: 'no_sale' as const,
  at: AT,
  v: 1,
  payload: { shiftId: 's-1', staff: olena, reason, training: false },
});

async function headOf(reasons: string[]): Promise<AnchorHead> {
  const entries = await sealEntries(T, null, reasons.map(noSale));
  const last = entries[entries.length - 1]!;
  return { terminalId: T, seq: last.seq, hash: last.hash, lastReceiptNo: 0 };
}

describe('the Z code of the journal head', () => {
  it('is 12 Crockford base32 characters in groups of four, the same for the same head', async () => {
    const head = await headOf(['a', 'b', 'c']);
    const one = await signHead(seed, head);
    const two = await signHead(seed, head);
    expect(one.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(two.code).toBe(one.code);
    expect(await printedCodeMatches(publicKeyFromSeed(seed), head, one.signature, one.code)).toBe(
      true,
    );
  });

  it('a chain rewritten after the Z does not match the printed code', async () => {
    const printed = await signHead(seed, await headOf(['a', 'b', 'c']));
    // The same number of entries, one reason edited and the chain re-sealed: a valid chain.
    const rewritten = await headOf(['a', 'B', 'c']);
    expect(rewritten.seq).toBe(printed.head.seq);
    const resigned = await signHead(seed, rewritten);
    expect(resigned.code).not.toBe(printed.code);
    // The signature printed with the Z does not verify for the rewritten head either.
    expect(
      await printedCodeMatches(publicKeyFromSeed(seed), rewritten, printed.signature, printed.code),
    ).toBe(false);
    // Another key (a till that made itself a new one) gives another code for the same head.
    const other = await signHead(new Uint8Array(32).fill(1), printed.head);
    expect(other.code).not.toBe(printed.code);
  });

  it('reads the first 60 bits of the signature', () => {
    expect(headShortCode(new Uint8Array(64))).toBe('0000-0000-0000');
    expect(headShortCode(new Uint8Array(64).fill(0xff))).toBe('ZZZZ-ZZZZ-ZZZZ');
  });
});

describe('compareWithHead', () => {
  const head: AnchorHead = { terminalId: T, seq: 5, hash: 'a'.repeat(64), lastReceiptNo: 2 };
  const present = { kind: 'present' as const, head };
  it.each([
    [present, { seq: 5, hash: 'a'.repeat(64) }, { state: 'equal' }],
    [present, { seq: 7, hash: 'c'.repeat(64) }, { state: 'unreported', fromSeq: 6 }],
    [present, { seq: 4, hash: 'a'.repeat(64) }, { state: 'damaged', kind: 'behind' }],
    [present, { seq: 5, hash: 'b'.repeat(64) }, { state: 'damaged', kind: 'forked' }],
    [present, null, { state: 'damaged', kind: 'store_empty' }],
    [{ kind: 'absent' as const }, null, { state: 'equal' }],
    [
      { kind: 'absent' as const },
      { seq: 1, hash: 'a'.repeat(64) },
      { state: 'damaged', kind: 'head_missing' },
    ],
    [{ kind: 'damaged' as const }, null, { state: 'damaged', kind: 'head_damaged' }],
  ])('%j against %j', (onFile, tail, expected) => {
    expect(compareWithHead(onFile, tail)).toMatchObject(expected);
  });
});

describe('cashMovedBy', () => {
  const entry = (type: string, payload: unknown) => ({ type, payload }) as unknown as DomainEntry;
  const UAH = (amount: number) => ({ amount, currency: 'UAH' });
  it('says how much cash an entry moves, and nothing for card-only or non-money entries', () => {
    expect(
      cashMovedBy(
        entry('sale', {
          tenders: [
            { kind: 'cash', amount: UAH(500) },
            { kind: 'card', amount: UAH(100) },
          ],
        }),
      ),
    ).toEqual({ in: 500, out: 0 });
    expect(
      cashMovedBy(entry('sale', { tenders: [{ kind: 'card', amount: UAH(100) }] })),
    ).toBeNull();
    expect(cashMovedBy(entry('refund', { payouts: [{ kind: 'cash', amount: UAH(300) }] }))).toEqual(
      { in: 0, out: 300 },
    );
    expect(
      cashMovedBy(entry('exchange', { tenders: [], payouts: [{ kind: 'cash', amount: UAH(50) }] })),
    ).toEqual({ in: 0, out: 50 });
    expect(cashMovedBy(entry('exchange', { tenders: [], payouts: [] }))).toBeNull();
    expect(cashMovedBy(entry('void', { payouts: [{ kind: 'cash', amount: UAH(700) }] }))).toEqual({
      in: 0,
      out: 700,
    });
    expect(cashMovedBy(entry('drop', { amount: UAH(1000) }))).toEqual({ in: 0, out: 1000 });
    expect(cashMovedBy(entry('paid_in', { amount: UAH(1000) }))).toEqual({ in: 1000, out: 0 });
    expect(cashMovedBy(entry('no_sale', {}))).toEqual({ in: 0, out: 0 });
    expect(cashMovedBy(entry('login', {}))).toBeNull();
  });
});
