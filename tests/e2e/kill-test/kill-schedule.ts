/**
 * Where the kill test kills the browser, from a seed (logged, and settable with
 * KILL_TEST_SEED), so a failing run can be replayed with the same moments.
 */
export type KillMode =
  /** after the UI confirmed a sale, a random 0–50 ms before the next one starts */
  | 'between-sales'
  /** the confirm button was clicked; kill a random 0–15 ms later, mid-commit */
  | 'mid-commit'
  /** while the cashier is still filling the cart (nothing committed yet) */
  | 'mid-entry';

export interface PlannedKill {
  readonly mode: KillMode;
  /** ms to wait after the trigger point before SIGKILL */
  readonly delayMs: number;
}

/** mulberry32: tiny, fast, and the same sequence in every Node version. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `kills` distinct sale attempts (0-based) out of `sales`, each with its kill mode and delay.
 * Most kills go mid-commit: that is where a lost or half-written sale would come from.
 */
export function planKills(seed: number, sales: number, kills: number): Map<number, PlannedKill> {
  const random = seededRandom(seed);
  const plan = new Map<number, PlannedKill>();
  // Bounded: draws until `kills` distinct attempts are chosen (kills ≤ sales is checked).
  if (kills > sales) throw new Error('more kills than sales');
  for (let guard = 0; plan.size < kills && guard < 100_000; guard++) {
    const at = Math.floor(random() * sales);
    if (plan.has(at)) continue;
    const r = random();
    const mode: KillMode = r < 0.6 ? 'mid-commit' : r < 0.85 ? 'between-sales' : 'mid-entry';
    const delayMs = mode === 'mid-commit' ? Math.floor(random() * 16) : Math.floor(random() * 51);
    plan.set(at, { mode, delayMs });
  }
  return plan;
}
