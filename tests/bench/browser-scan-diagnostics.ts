/**
 * In-page diagnostics for tests/bench/browser.bench.ts: the two halves of a scan timed on
 * their own, so a missed scan target says whether IndexedDB or the signature check is slow.
 * Kept out of browser-scan-page.ts, whose content keys the cached 200,000-ticket profile.
 */
import { createEd25519Verifier } from '../../shared/crypto/ed25519';
import { parseTicketCode } from '../../shared/tickets/ticket-code';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';
import { openStore } from '../../src-renderer/store';
import { loadTerminalKeyRing, lookupScannedTicket } from '../../src-renderer/scan';

export interface ScanParts {
  readonly lookup: number[];
  readonly verify: number[];
}

async function scanParts(codes: readonly string[], dbName: string): Promise<ScanParts> {
  const opened = await openStore({ name: dbName, terminalId: 'T01' });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const ring = await loadTerminalKeyRing(store.db);
  if (!ring.ok) throw new Error(ring.error.message);
  const verifier = createEd25519Verifier('webcrypto');
  const lookup: number[] = [];
  const verify: number[] = [];
  for (const code of codes) {
    const parsed = parseTicketCode(code);
    if (!parsed.ok) continue;
    let t0 = performance.now();
    await lookupScannedTicket(store.db, parsed.value.payload.ticketId);
    lookup.push(performance.now() - t0);
    t0 = performance.now();
    await verifyTicketCode(code, {
      keyRing: ring.value,
      backend: verifier,
      isTicketRevoked: () => false,
      isTicketUsed: () => false,
    });
    verify.push(performance.now() - t0);
  }
  store.close();
  return { lookup, verify };
}

declare global {
  interface Window {
    __scanParts?: typeof scanParts;
  }
}

window.__scanParts = scanParts;
