/**
 * The Z head signature (issue 11 item 8): what main signs for a Z slip reaches the server and
 * is checked there against the terminal's registered key and the server's own chain at that
 * seq. Good: `verified`, nothing raised. Forged, over another chain, or with other receipt
 * numbers: `mismatch`, raised as a `z_signature_mismatch` exception for a manager.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHead, type AnchorHead } from '../../shared/journal/anchor';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { reconciliationListSchema } from '../../shared/sync/reconciliation-contract';
import { twoShiftDay } from '../unit/journal-day';
import { sealAs, startServer, type EnrolledTill, type TestServer } from './harness';

let server: TestServer;
let till: EnrolledTill;
let entries: DomainEntry[];
let close: DomainEntry;

beforeEach(async () => {
  server = await startServer();
  till = await server.enrol();
  entries = await sealAs(till.terminalId, (await twoShiftDay()).entries);
  close = entries.find((e) => e.type === 'shift_close')!;
});
afterEach(async () => {
  await server.close();
});

/** Main's head after the Z: the shift close, and the last non-training receipt up to it. */
function headAtClose(): AnchorHead {
  let lastReceiptNo = 0;
  for (const e of entries.slice(0, close.seq)) {
    const p = e.payload as { receiptNo?: number; training?: boolean };
    if (p.receiptNo !== undefined && p.training !== true)
      lastReceiptNo = Math.max(lastReceiptNo, p.receiptNo);
  }
  return { terminalId: till.terminalId, seq: close.seq, hash: close.hash, lastReceiptNo };
}

async function send(head: AnchorHead, seed = till.seed) {
  const signed = await signHead(seed, head);
  const { seq, hash, lastReceiptNo } = signed.head;
  return server.request('POST', '/api/sync/head-signature', {
    body: { head: { seq, hash, lastReceiptNo }, signature: signed.signature },
    auth: `Bearer ${till.token}`,
  });
}

async function openExceptions() {
  const list = await server.request('GET', '/api/venues/podil-stage/reconciliation', {
    auth: server.managerAuth(),
  });
  expect(list.status).toBe(200);
  return reconciliationListSchema.parse(list.body).exceptions;
}

describe('the Z head signature on the server', () => {
  it('a good signature is verified, raises nothing, and gets the same answer again', async () => {
    expect((await server.push(till, entries)).status).toBe(200);
    const head = headAtClose();
    expect(head.lastReceiptNo).toBeGreaterThan(0);
    const first = await send(head);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'verified' });
    expect(await send(head)).toMatchObject({ status: 200, body: { status: 'verified' } });
    expect(await openExceptions()).toEqual([]);
    const kept = await server.db.query(`SELECT seq, status FROM head_signatures`);
    expect(kept).toEqual([{ seq: close.seq, status: 'verified' }]);
  });

  it('a signature by another key is a z_signature_mismatch exception on the signed entry', async () => {
    expect((await server.push(till, entries)).status).toBe(200);
    const forged = await send(headAtClose(), new Uint8Array(32).fill(200));
    expect(forged.status).toBe(200);
    expect(forged.body).toEqual({
      status: 'mismatch',
      message: expect.stringMatching(/is not terminal .*'s key's signature over that head/),
    });
    const raised = await openExceptions();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      terminalId: till.terminalId,
      seq: close.seq,
      kind: 'z_signature_mismatch',
      code: 'z_signature_mismatch',
      entries: [{ terminalId: till.terminalId, seq: close.seq }],
    });
    // Sent again: the same answer, still one exception.
    expect((await send(headAtClose(), new Uint8Array(32).fill(200))).body).toMatchObject({
      status: 'mismatch',
    });
    expect(await openExceptions()).toHaveLength(1);
  });

  it("the terminal's own key over another chain or other receipt numbers is a mismatch too", async () => {
    expect((await server.push(till, entries)).status).toBe(200);
    const rewritten = await send({ ...headAtClose(), hash: 'a'.repeat(64) });
    expect(rewritten.body).toEqual({
      status: 'mismatch',
      message: expect.stringMatching(/the chain the server holds is not the one the Z closed/),
    });
    const receipts = await send({
      ...headAtClose(),
      lastReceiptNo: headAtClose().lastReceiptNo + 1,
    });
    expect(receipts.body).toEqual({
      status: 'mismatch',
      message: expect.stringMatching(/signed last receipt number \d+ .* end at receipt \d+/),
    });
    // One row per entry: the second mismatch at the same seq is kept with its signature.
    expect((await openExceptions()).map((x) => x.kind)).toEqual(['z_signature_mismatch']);
    expect(await server.db.query(`SELECT status FROM head_signatures`)).toEqual([
      { status: 'mismatch' },
      { status: 'mismatch' },
    ]);
  });

  it('before the server holds the chain up to the signed seq: 409, nothing changes', async () => {
    expect((await server.push(till, entries.slice(0, close.seq - 1))).status).toBe(200);
    const before = await server.snapshot();
    const early = await send(headAtClose());
    expect(early.status).toBe(409);
    expect(early.body).toEqual({
      error: { code: 'head_not_reached', message: expect.stringMatching(/push up to seq/) },
    });
    expect(await server.snapshot()).toEqual(before);
  });

  it('a malformed body or no token is refused in the one error shape', async () => {
    const bad = await server.request('POST', '/api/sync/head-signature', {
      body: { head: { seq: 2 ** 31, hash: close.hash, lastReceiptNo: 0 }, signature: 'x' },
      auth: `Bearer ${till.token}`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request' } });
    const anonymous = await server.request('POST', '/api/sync/head-signature', { body: {} });
    expect(anonymous.status).toBe(401);
  });
});
