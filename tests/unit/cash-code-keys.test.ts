import { describe, expect, it } from 'vitest';
import { signCashCode, verifyCashCode } from '../../shared/cash-codes';
import { publicKeyFromSeed } from '../../shared/crypto/ed25519';
import { deriveKeyId } from '../../shared/tickets/key-ring';
import { getSetting } from '../../src-renderer/store';
import {
  CASH_CODE_KEYS_SETTING,
  loadCashCodeKeyRing,
  storeCashCodeKeys,
} from '../../src-renderer/sync/cash-code-keys';
import { uah } from '../fixtures/domain';
import { openTestDb } from './store-fixtures';

const SEED = new Uint8Array(32).fill(3);
const publicKey = publicKeyFromSeed(SEED);
const published = {
  keyId: deriveKeyId(publicKey),
  publicKey: Buffer.from(publicKey).toString('base64'),
};

describe('the till keeps the venue cash-code keys of its last pull', () => {
  it('stores good keys only, leaves them when a pull says nothing, and verifies with them', async () => {
    const db = openTestDb();
    await db.open();
    expect((await loadCashCodeKeyRing(db)).keys).toEqual([]);
    // A key whose id is not its own is left out rather than breaking the ring.
    await storeCashCodeKeys(db, [published, { ...published, keyId: '00000000' }]);
    expect((await loadCashCodeKeyRing(db)).keys.map((k) => k.keyId)).toEqual([published.keyId]);
    // An older server's answer (no list) changes nothing: offline payouts keep working.
    await storeCashCodeKeys(db, undefined);
    expect(await getSetting(db, CASH_CODE_KEYS_SETTING)).toHaveLength(1);

    const signed = await signCashCode(
      SEED,
      {
        requestId: '0190f5c2-7e1a-7c3d-8a4b-1c2d3e4f5a6b',
        venueId: 'podil-stage',
        orderId: '0190f5c2-7e1a-7c3d-8a4b-000000000001',
        ticketIds: ['0190f5c2-7e1a-7c3d-8a4b-000000000002'],
        amount: uah(100),
        issuedAt: '2026-04-01T06:00:00Z',
        expiresAt: '2026-04-15T06:00:00Z',
        reasonCode: 'customer_request',
      },
      'noble',
    );
    const code = signed.ok ? signed.value.code : '';
    const verdict = await verifyCashCode(code, {
      keyRing: await loadCashCodeKeyRing(db),
      venueId: 'podil-stage',
      nowMs: Date.parse('2026-04-02T00:00:00Z'),
      backend: 'noble',
    });
    expect(verdict.verdict).toBe('genuine');
    db.close();
  });
});
