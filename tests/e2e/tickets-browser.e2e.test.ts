import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketVectorFile } from '../fixtures/generate-ticket-vectors';
import { TICKET_VECTORS_PATH } from '../fixtures/generate-ticket-vectors';
import { launchChromium } from '../support/chromium';
import type { ServedBundle } from '../support/page-bundle';
import { servePageBundle } from '../support/page-bundle';

// Every vector of tests/fixtures/ticket-vectors.json through verifyTicketCode inside real
// Debian Chromium, with both backends: the renderer's WebCrypto Ed25519 (BoringSSL) must give
// exactly the verdicts Node's (OpenSSL) and noble give. The page counts crypto.subtle.verify
// calls, so a silent fallback to noble in the 'webcrypto' run would fail the test.

const ENTRY = `
import { hexToBytes } from './shared/crypto/bytes';
import { isWebCryptoEd25519Available } from './shared/crypto/ed25519';
import { createKeyRing } from './shared/tickets/key-ring';
import { verifyTicketCode } from './shared/tickets/verify-ticket';

const subtle = crypto.subtle;
const realVerify = subtle.verify.bind(subtle);
let subtleVerifies = 0;
subtle.verify = (...args) => { subtleVerifies++; return realVerify(...args); };

window.__runVectors = async (file, backend) => {
  const ring = createKeyRing(file.keys.map((k) => ({ keyId: k.keyId, publicKey: hexToBytes(k.publicKey), revoked: k.revoked })));
  if (!ring.ok) throw new Error(ring.error.message);
  const ctx = {
    keyRing: ring.value,
    backend,
    isTicketRevoked: (id) => file.revokedTickets.includes(id),
    isTicketUsed: async (id) => file.usedTickets.includes(id),
  };
  const before = subtleVerifies;
  const results = [];
  for (const v of file.vectors) {
    const r = await verifyTicketCode(v.code, ctx);
    results.push({
      name: v.name,
      verdict: r.verdict,
      ticketId: r.verdict === 'malformed' ? undefined : r.payload.ticketId,
      keyId: r.verdict === 'malformed' ? undefined : r.payload.keyId,
      revoked: r.verdict === 'revoked' ? r.revoked : undefined,
    });
  }
  return { results, subtleVerifies: subtleVerifies - before, webCrypto: await isWebCryptoEd25519Available() };
};
window.__ready = true;
`;

const file = JSON.parse(readFileSync(TICKET_VECTORS_PATH, 'utf8')) as TicketVectorFile;

let served: ServedBundle;
let profile: string;
let context: BrowserContext;
let page: Page;

interface PageRun {
  results: { name: string; verdict: string; ticketId?: string; keyId?: string; revoked?: string }[];
  subtleVerifies: number;
  webCrypto: boolean;
}

beforeAll(async () => {
  served = await servePageBundle(ENTRY, 'tickets-browser.ts');
  profile = await mkdtemp(join(tmpdir(), 'tickets-browser-'));
  context = await launchChromium(profile);
  page = await context.newPage();
  await page.goto(served.origin);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await served?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

function run(backend: 'webcrypto' | 'noble'): Promise<PageRun> {
  return page.evaluate(
    ([f, b]) =>
      (
        window as unknown as { __runVectors: (f: unknown, b: string) => Promise<PageRun> }
      ).__runVectors(f, b),
    [file, backend] as const,
  );
}

describe('ticket vectors in Chromium', () => {
  it('has WebCrypto Ed25519 in the page (so the webcrypto backend is really exercised)', async () => {
    const { webCrypto } = await run('noble');
    expect(webCrypto).toBe(true);
  });

  for (const backend of ['webcrypto', 'noble'] as const) {
    it(`${backend}: every vector gets the file's verdict`, async () => {
      const { results, subtleVerifies } = await run(backend);
      expect(results).toHaveLength(file.vectors.length);
      for (const [i, vector] of file.vectors.entries()) {
        const got = results[i]!;
        expect({ name: got.name, verdict: got.verdict }).toEqual({
          name: vector.name,
          verdict: vector.verdict,
        });
        if (vector.ticketId !== undefined) expect(got.ticketId).toBe(vector.ticketId);
        if (vector.keyId !== undefined) expect(got.keyId).toBe(vector.keyId);
        if (vector.verdict === 'revoked') expect(got.revoked).toBe(vector.revoked);
      }
      // Signatures checked = vectors that get past parsing and the key lookup.
      const checked = file.vectors.filter(
        (v) => !['malformed', 'unknown_key'].includes(v.verdict),
      ).length;
      if (backend === 'webcrypto') expect(subtleVerifies).toBe(checked);
      else expect(subtleVerifies).toBe(0);
    });
  }

  it('covers every verdict', () => {
    expect(new Set(file.vectors.map((v) => v.verdict)).size).toBe(6);
  });
});
