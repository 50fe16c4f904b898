import { describe, expect, it } from 'vitest';
import type { SyncSnapshot } from '../../src-renderer/sync/sync-engine';
import { queueAge } from '../../src-renderer/sync/sync-view';

const NOW = Date.parse('2026-05-04T09:00:00Z');
const snapshot = (patch: Partial<SyncSnapshot>): SyncSnapshot => ({
  connection: 'offline',
  queued: 3,
  oldestQueuedAt: null,
  lastSyncAt: null,
  blocked: null,
  feedLoad: null,
  ...patch,
});
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe("the status bar's oldest unsynced entry", () => {
  it('counts minutes under an hour, hours above, and warns past 24 hours', () => {
    expect(queueAge(snapshot({ oldestQueuedAt: ago(59 * 60_000) }), NOW)).toEqual({
      unit: 'minutes',
      value: 59,
      stale: false,
    });
    expect(queueAge(snapshot({ oldestQueuedAt: ago(24 * 3_600_000) }), NOW)).toEqual({
      unit: 'hours',
      value: 24,
      stale: false,
    });
    expect(queueAge(snapshot({ oldestQueuedAt: ago(24 * 3_600_000 + 60_000) }), NOW)).toEqual({
      unit: 'hours',
      value: 24,
      stale: true,
    });
  });

  it('shows nothing for an empty queue or a till without a server', () => {
    expect(queueAge(snapshot({ queued: 0, oldestQueuedAt: ago(1) }), NOW)).toBeNull();
    expect(
      queueAge(snapshot({ connection: 'not_enrolled', oldestQueuedAt: ago(48 * 3_600_000) }), NOW),
    ).toBeNull();
  });
});
