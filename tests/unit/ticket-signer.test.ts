import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTicketCode } from '../../shared/tickets/ticket-code';
import { loadTicketSigner } from '../../src-renderer/app/ticket-signer';
import { loadTerminalKeyRing } from '../../src-renderer/scan';
import { openStore, type Store } from '../../src-renderer/store';
import { freshFactory } from './store-fixtures';

// The till's ticket-signing key is made once: two starts racing on a first run (two windows,
// or a page that boots twice) sign with the key that is stored, so the till's own scanner
// knows the issuer of every ticket it sold.

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const TICKET = {
  ticketId: '01a23a30-db1b-707d-96c0-84ae354b0ddb',
  performanceId: 'forest-song-1',
  tierId: 'stalls',
  issuedAt: '2026-12-03T10:00:00.000Z',
};

describe('the ticket-signing key', () => {
  it('two starts racing on a fresh store sign with the one key the store keeps and the scanner trusts', async () => {
    const factory = freshFactory();
    const open = async () => {
      const s = await openStore({ ...factory, terminalId: 'T1', storageManager: null });
      if (!s.ok) throw new Error(s.error.message);
      stores.push(s.value);
      return s.value;
    };
    const [a, b] = await Promise.all([open(), open()]);
    const [signA, signB] = await Promise.all([loadTicketSigner(a), loadTicketSigner(b)]);
    if (!signA.ok || !signB.ok) throw new Error('no signer');
    const keyIdOf = async (sign: typeof signA.value) => {
      const parsed = parseTicketCode(await sign(TICKET));
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value.payload.keyId;
    };
    const [idA, idB] = [await keyIdOf(signA.value), await keyIdOf(signB.value)];
    expect(idA).toBe(idB);
    const ring = await loadTerminalKeyRing(a.db);
    expect(ring.ok && ring.value.get(idA)?.keyId).toBe(idA);
    // A later start keeps it.
    const again = await loadTicketSigner(await open());
    if (!again.ok) throw new Error('no signer');
    expect(await keyIdOf(again.value)).toBe(idA);
  });
});
