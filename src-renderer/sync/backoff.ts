/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and
 * Jitter", 2015): wait a random time in [0, min(cap, base · 2^attempt)). The randomness keeps
 * a venue's tills from hammering a server that just came back all in the same second.
 */
export interface BackoffOptions {
  readonly baseMs?: number;
  readonly capMs?: number;
  /** [0, 1): injected in tests. */
  readonly random?: () => number;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

/** The delay before retry number `attempt` (0 = the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const cap = options.capMs ?? BACKOFF_CAP_MS;
  const random = options.random ?? Math.random;
  // 2^attempt overflows nothing here: past ~16 the cap has long taken over.
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
