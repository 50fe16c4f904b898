import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContractClient } from '../../shared/ipc/client';
import type { ScanEventPayload, ScannerStatus } from '../../shared/ipc/scanner';
import { scannerStatus } from '../../shared/ipc/scanner';
import type { AttachWedgeOptions } from '../../src-renderer/devices/keyboard-wedge';
import { connectScanSources, createScanRouter } from '../../src-renderer/devices/scan-router';
import type {
  IncomingScan,
  ScanSourceClient,
  ScanVerdict,
} from '../../src-renderer/devices/scan-router';
import { ok } from '../../shared/util/result';
import { createKeyRing } from '../../shared/tickets/key-ring';
import { signingKeyFromSeed } from '../../shared/tickets/signing-key';
import { createTicketSigner } from '../../shared/tickets/ticket-code';
import { verifyTicketCode } from '../../shared/tickets/verify-ticket';

const at = '2026-11-22T20:00:00.000Z';
const scan = (data: string): IncomingScan => ({ source: 'wedge', data, at });

/** Real signed codes and the real offline verifier (noble backend: no WebCrypto needed). */
function ticketWorld() {
  const key = signingKeyFromSeed(new Uint8Array(32).fill(7));
  if (!key.ok) throw new Error('seed');
  const signer = createTicketSigner(key.value.privateKey, key.value.keyId, 'noble');
  if (!signer.ok) throw new Error('signer');
  const ring = createKeyRing([{ keyId: key.value.keyId, publicKey: key.value.publicKey }]);
  if (!ring.ok) throw new Error('ring');
  const used = new Set<string>();
  const sign = (ticketId: string) =>
    signer.value({
      ticketId,
      performanceId: 'perf-1',
      tierId: 'tier-a',
      issuedAt: '2026-11-01T10:00:00Z',
    });
  const verifyTicket = (code: string) =>
    verifyTicketCode(code, {
      keyRing: ring.value,
      isTicketRevoked: () => false,
      isTicketUsed: (id) => used.has(id),
      backend: 'noble',
    });
  return { sign, verifyTicket, used };
}

const accepted = (flow: string, data: string, code = 'ok'): ScanVerdict => ({
  outcome: 'accepted',
  flow,
  kind: 'voucher',
  data,
  code,
  message: 'ok',
});

describe('scan router', () => {
  it('idle: a genuine ticket shows as valid, a used one as used, a bit-flipped one as not genuine', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ verifyTicket: world.verifyTicket });
    const id = '01936a5e-8f00-7000-8000-000000000001';
    const code = await world.sign(id);

    expect(await router.route(scan(code))).toMatchObject({
      outcome: 'accepted',
      flow: 'idle',
      kind: 'ticket',
      code: 'ticket_genuine',
    });
    world.used.add(id);
    expect(await router.route(scan(code))).toMatchObject({
      outcome: 'rejected',
      code: 'ticket_used',
    });
    // Change one character of the signature part (end of the code), staying in the base45 set.
    const last = code.at(-2) === '0' ? '1' : '0';
    const forged = `${code.slice(0, -2)}${last}${code.slice(-1)}`;
    const verdict = await router.route(scan(forged));
    expect(verdict.outcome === 'rejected' || verdict.outcome === 'malformed').toBe(true);
    expect(['ticket_bad_signature', 'ticket_malformed']).toContain(verdict.code);
  });

  it('malformed input gives a verdict, never a throw', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ verifyTicket: world.verifyTicket });
    expect(await router.route(scan('AB\u0000CD'))).toMatchObject({
      outcome: 'malformed',
      flow: 'router',
      code: 'invalid_characters',
    });
    expect(await router.route(scan(''))).toMatchObject({ outcome: 'malformed', code: 'empty' });
    expect(await router.route(scan('X'.repeat(5000)))).toMatchObject({
      outcome: 'malformed',
      code: 'too_long',
    });
    // Ticket-shaped but not a ticket: the verifier's malformed verdict, passed through.
    expect(await router.route(scan('A'.repeat(60)))).toMatchObject({
      outcome: 'malformed',
      flow: 'idle',
      code: 'ticket_malformed',
    });
    expect(await router.route(scan('hello world!'))).toMatchObject({
      outcome: 'ignored',
      code: 'unrecognised_code',
    });
  });

  it('the newest flow of the highest priority decides; unregistering pops it', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ verifyTicket: world.verifyTicket });
    const seen: string[] = [];
    const offSell = router.register({
      id: 'sell',
      accepts: ['voucher', 'promo'],
      handle: (s) => {
        seen.push(`sell:${s.kind}`);
        return accepted('sell', s.data);
      },
    });
    const offRefund = router.register({
      id: 'refund',
      accepts: ['ticket', 'receipt'],
      handle: (s) => {
        seen.push(`refund:${s.kind}`);
        return { ...accepted('refund', s.data), kind: s.kind };
      },
    });
    const offDialog = router.register({
      id: 'approval-dialog',
      priority: 10,
      handle: () => null, // looks, declines: falls through
    });
    expect(router.activeFlows()).toEqual(['approval-dialog', 'refund', 'sell']);

    expect(await router.route(scan('CV-7KQ2-M9XD'))).toMatchObject({ flow: 'sell' });
    expect(await router.route(scan('R-T01-000123'))).toMatchObject({
      flow: 'refund',
      kind: 'receipt',
    });
    offRefund();
    expect(await router.route(scan('R-T01-000123'))).toMatchObject({
      flow: 'idle',
      outcome: 'ignored',
      code: 'no_flow_for_kind',
    });
    offDialog();
    offSell();
    expect(router.activeFlows()).toEqual([]);
    expect(seen).toEqual(['sell:voucher', 'refund:receipt']);
  });

  it('a flow that throws or rejects yields an error verdict, and routing goes on', async () => {
    const world = ticketWorld();
    const verdicts: ScanVerdict[] = [];
    const router = createScanRouter({
      verifyTicket: world.verifyTicket,
      onVerdict: (v) => {
        verdicts.push(v);
        throw new Error('listener bug');
      },
    });
    const off = router.register({
      id: 'sell',
      handle: (s) => {
        if (s.data === 'BOOM1') throw new Error('sync bug');
        if (s.data === 'BOOM2') return Promise.reject(new Error('async bug'));
        return accepted('sell', s.data);
      },
    });
    expect(await router.route(scan('BOOM1'))).toMatchObject({
      outcome: 'error',
      flow: 'sell',
      code: 'handler_failed',
      details: { cause: 'sync bug' },
    });
    expect(await router.route(scan('BOOM2'))).toMatchObject({ outcome: 'error' });
    expect(await router.route(scan('CV-7KQ2-M9XD'))).toMatchObject({ outcome: 'accepted' });
    off();
    const failing = createScanRouter({ verifyTicket: () => Promise.reject(new Error('db gone')) });
    expect(await failing.route(scan('A'.repeat(60)))).toMatchObject({
      outcome: 'error',
      flow: 'idle',
    });
    expect(verdicts).toHaveLength(3);
  });

  it('handles scans one at a time in arrival order, even when a handler is slow', async () => {
    const world = ticketWorld();
    const router = createScanRouter({ verifyTicket: world.verifyTicket });
    const order: string[] = [];
    router.register({
      id: 'sell',
      handle: async (s) => {
        order.push(`start:${s.data}`);
        if (s.data === 'SLOW1') await new Promise((r) => setTimeout(r, 20));
        order.push(`end:${s.data}`);
        return accepted('sell', s.data);
      },
    });
    const results = await Promise.all(
      ['SLOW1', 'FAST2', 'FAST3'].map((d) => router.route(scan(d))),
    );
    expect(results.map((r) => r.data)).toEqual(['SLOW1', 'FAST2', 'FAST3']);
    expect(order).toEqual([
      'start:SLOW1',
      'end:SLOW1',
      'start:FAST2',
      'end:FAST2',
      'start:FAST3',
      'end:FAST3',
    ]);
  });

  it('connectScanSources routes serial events and wedge scans, and honours wedge.enabled', async () => {
    expectTypeOf<ContractClient>().toExtend<ScanSourceClient>();
    const world = ticketWorld();
    const verdicts: string[] = [];
    const router = createScanRouter({
      verifyTicket: world.verifyTicket,
      onVerdict: (v, s) => verdicts.push(`${s.source}:${v.data}`),
    });
    let serialListener: ((p: ScanEventPayload) => void) | null = null;
    const make = (enabled: boolean): ScanSourceClient => ({
      call: () =>
        Promise.resolve(
          ok<ScannerStatus>(scannerStatus.parse({ ports: [], wedge: { ...defaults, enabled } })),
        ),
      on: (_event, listener) => {
        serialListener = listener;
        return () => {
          serialListener = null;
        };
      },
    });
    const defaults = { maxGapMs: 30, maxStallMs: 100, minLength: 4, terminators: ['Enter'] };
    let wedgeOptions: AttachWedgeOptions | null = null;
    let detached = 0;
    const attachWedge = (o: AttachWedgeOptions) => {
      wedgeOptions = o;
      return { configure: () => undefined, detach: () => void detached++ };
    };

    const off = await connectScanSources({ router, client: make(true), attachWedge });
    serialListener!({ source: 'serial', port: '/dev/ttyACM0', data: 'CV-SERIAL1', at });
    wedgeOptions!.onScan({ source: 'wedge', data: 'CV-WEDGE01', at });
    await router.route({ source: 'manual', data: 'FLUSH', at });
    expect(verdicts).toEqual(['serial:CV-SERIAL1', 'wedge:CV-WEDGE01', 'manual:FLUSH']);
    expect(wedgeOptions!.options).toMatchObject({ maxGapMs: 30, minLength: 4 });
    off();
    expect(serialListener).toBeNull();
    expect(detached).toBe(1);

    wedgeOptions = null;
    const off2 = await connectScanSources({ router, client: make(false), attachWedge });
    expect(wedgeOptions).toBeNull();
    off2();
  });
});
