import { sha256Sync } from '../../shared/crypto/sha256';
import { sealEntries, verifyChain } from '../../shared/journal/chain';
import type { JournalEntry } from '../../shared/journal/chain';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { signingKeyFromSeed } from '../../shared/tickets/signing-key';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import type { TicketVerifyContext } from '../../shared/tickets/verify-ticket';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';
import type { BenchRow } from './harness';
import { opsPerSecond, row } from './harness';

/**
 * Ticket verification per second in Node for each backend (parse + key lookup + Ed25519
 * verify + revoked/used lookups in memory), over 200 distinct codes so no cache flatters a
 * single code; and journal sealing throughput (canonical JSON + WebCrypto SHA-256).
 * The issue sets no targets for these: figures to watch.
 */
export default async function bench(): Promise<BenchRow[]> {
  const key = signingKeyFromSeed(sha256Sync('bench key'));
  if (!key.ok) throw new Error(key.error.message);
  const signer = createTicketSigner(key.value, key.value.keyId, 'noble');
  const ring = createKeyRing([{ keyId: key.value.keyId, publicKey: key.value.publicKey }]);
  if (!signer.ok || !ring.ok) throw new Error('setup');
  const codes: string[] = [];
  for (let i = 0; i < 200; i++) {
    codes.push(
      await signer.value({
        ticketId: `01939d6e-7a11-7000-8000-${i.toString(16).padStart(12, '0')}`,
        performanceId: 'perf-2026-12-31-hamlet-evening',
        seatId: `stalls-row-F-seat-${i}`,
        tierId: 'tier-stalls',
        issuedAt: '2026-11-20T18:45:07Z',
      }),
    );
  }
  const used = new Set<string>();
  const rows: BenchRow[] = [];
  for (const backend of ['webcrypto', 'noble'] as const) {
    const ctx: TicketVerifyContext = {
      keyRing: ring.value,
      backend,
      isTicketRevoked: () => false,
      isTicketUsed: (id) => used.has(id),
    };
    let i = 0;
    let wrong = 0;
    const perSecond = await opsPerSecond(
      async () => {
        const v = await verifyTicketCode(codes[i++ % codes.length], ctx);
        if (v.verdict !== 'genuine') wrong++;
      },
      1500,
      50,
    );
    if (wrong > 0) throw new Error(`${backend}: ${wrong} codes not genuine`);
    rows.push(
      row(
        `ticket_verify_${backend}_per_s`,
        perSecond,
        'ops/s',
        undefined,
        'Node, 200 distinct codes',
      ),
    );
  }

  // Seal in batches of 10 (a sale is usually one to a few entries; batching amortises nothing
  // but the await), continuing one chain so entries and hashes stay realistic.
  let last: JournalEntry | null = null;
  let n = 0;
  const batchesPerSecond = await opsPerSecond(
    async () => {
      const drafts = Array.from({ length: 10 }, () => ({
        type: 'sale',
        at: '2026-11-22T10:00:00.000Z',
        payload: {
          orderId: `order-${n++}`,
          lines: [
            { ticketId: 't', tierId: 'tier-stalls', price: { minor: 4500, currency: 'EUR' } },
          ],
          tenders: [{ kind: 'cash', tendered: { minor: 5000, currency: 'EUR' } }],
        },
      }));
      const sealed: JournalEntry[] = await sealEntries('T1', last, drafts);
      last = sealed[sealed.length - 1] ?? last;
    },
    1500,
    10,
  );
  rows.push(
    row(
      'journal_seal_per_s',
      batchesPerSecond * 10,
      'entries/s',
      undefined,
      'batches of 10, sale-sized payloads',
    ),
  );

  // verifyChain over 1,000 sealed entries (what a server does per push, ten batches' worth).
  const chain = await sealEntries(
    'T2',
    null,
    Array.from({ length: 1000 }, (_, i) => ({
      type: 'sale',
      at: '2026-11-22T10:00:00.000Z',
      payload: { i },
    })),
  );
  const started = performance.now();
  const verdict = await verifyChain(chain);
  const elapsed = performance.now() - started;
  if (!verdict.ok) throw new Error('bench chain does not verify');
  rows.push(
    row(
      'journal_verify_per_s',
      (chain.length * 1000) / elapsed,
      'entries/s',
      undefined,
      '1,000-entry chain',
    ),
  );
  return rows;
}
