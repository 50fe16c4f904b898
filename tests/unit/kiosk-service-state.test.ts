import { describe, expect, it } from 'vitest';
import { outOfServiceCauses } from '../../src-renderer/app/kiosk-service-state';
import { kioskTimingsFrom } from '../../src-renderer/ui/kiosk/kiosk-timings';

const NOW = Date.parse('2026-05-04T09:00:00Z');
const fine = {
  printer: 'ready' as const,
  terminal: 'ready' as const,
  sync: { blocked: false, oldestQueuedAt: null },
  now: NOW,
  maxSyncBehindMs: 60_000,
};

describe('kiosk out-of-service rule', () => {
  it('serves when printer and terminal are ready and nothing waits too long to sync', () => {
    expect(outOfServiceCauses(fine)).toEqual([]);
    expect(outOfServiceCauses({ ...fine, printer: null, terminal: 'busy' })).toEqual([]);
  });

  it('names each cause: paper, printer, terminal, sync', () => {
    expect(outOfServiceCauses({ ...fine, printer: 'paper_out' })).toEqual(['paper']);
    expect(outOfServiceCauses({ ...fine, printer: 'cover_open' })).toEqual(['printer']);
    // Printer trouble other than paper counts once it has lasted the grace; paper at once.
    const since = (ms: number) => ({ printerSince: NOW - ms });
    expect(outOfServiceCauses({ ...fine, printer: 'offline', ...since(4_999) })).toEqual([]);
    expect(outOfServiceCauses({ ...fine, printer: 'offline', ...since(5_000) })).toEqual([
      'printer',
    ]);
    expect(outOfServiceCauses({ ...fine, printer: 'failed', ...since(1_000) })).toEqual([]);
    expect(outOfServiceCauses({ ...fine, printer: 'paper_out', ...since(0) })).toEqual(['paper']);
    expect(outOfServiceCauses({ ...fine, terminal: 'offline' })).toEqual(['terminal']);
    expect(outOfServiceCauses({ ...fine, terminal: 'failed' })).toEqual(['terminal']);
    const old = new Date(NOW - 61_000).toISOString();
    expect(outOfServiceCauses({ ...fine, sync: { blocked: false, oldestQueuedAt: old } })).toEqual([
      'sync',
    ]);
    const recent = new Date(NOW - 59_000).toISOString();
    expect(
      outOfServiceCauses({ ...fine, sync: { blocked: false, oldestQueuedAt: recent } }),
    ).toEqual([]);
    expect(outOfServiceCauses({ ...fine, sync: { blocked: true, oldestQueuedAt: null } })).toEqual([
      'sync',
    ]);
  });
});

describe('kiosk timings from the start URL', () => {
  it('takes what is given, clamps it, and never gives under 20 s to answer', () => {
    expect(kioskTimingsFrom('')).toMatchObject({ idleMs: 60_000, answerMs: 30_000 });
    expect(kioskTimingsFrom('?kioskIdleMs=3000&kioskAnswerMs=5000')).toMatchObject({
      idleMs: 3_000,
      answerMs: 20_000,
    });
    expect(kioskTimingsFrom('?kioskIdleMs=abc')).toMatchObject({ idleMs: 60_000 });
  });
});
