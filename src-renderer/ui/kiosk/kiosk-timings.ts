import { MIN_ANSWER_MS } from './use-inactivity';

export interface KioskTimings {
  /** How often to ask main about a card payment no event has settled yet. */
  readonly paymentPollMs: number;
  /** Quiet time before the inactivity warning. */
  readonly idleMs: number;
  /** How long the warning waits for "more time" (at least 20 s). */
  readonly answerMs: number;
  /** How long sales may wait unsent before the kiosk goes out of service. */
  readonly maxSyncBehindMs: number;
}

export const DEFAULT_KIOSK_TIMINGS: KioskTimings = {
  paymentPollMs: 1_000,
  idleMs: 60_000,
  answerMs: 30_000,
  maxSyncBehindMs: 15 * 60_000,
};

/**
 * Timings from the kiosk's start URL (`?kioskIdleMs=…&kioskAnswerMs=…&kioskSyncBehindMs=…`),
 * which the deployment (or a test) sets and a customer cannot reach: the window has no address
 * bar. Out-of-range values are clamped; the answer time never drops below 20 s.
 */
export function kioskTimingsFrom(search: string): KioskTimings {
  const params = new URLSearchParams(search);
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const raw = params.get(name);
    const n = raw === null ? NaN : Number(raw);
    return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
  };
  const d = DEFAULT_KIOSK_TIMINGS;
  return {
    paymentPollMs: d.paymentPollMs,
    idleMs: read('kioskIdleMs', d.idleMs, 1_000, 30 * 60_000),
    answerMs: read('kioskAnswerMs', d.answerMs, MIN_ANSWER_MS, 5 * 60_000),
    maxSyncBehindMs: read('kioskSyncBehindMs', d.maxSyncBehindMs, 1_000, 24 * 3_600_000),
  };
}
