/**
 * Shared pieces of `npm run bench`. Every `tests/bench/*.bench.ts` default-exports an async
 * function returning rows; scripts/bench.mjs runs them all and writes bench-results.json.
 * Benchmarks report, they do not gate: a missed target is `ok: false`, never a failure.
 */
export interface BenchTarget {
  readonly op: '<=' | '>=';
  readonly value: number;
}

export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. "<= 15"; null when the issue sets no target (a figure to watch, not to meet). */
  readonly target: string | null;
  readonly ok: boolean | null;
  /** Free-form context (sample count, baseline) printed beside the figure. */
  readonly note?: string;
}

export type BenchFn = () => Promise<BenchRow[]>;

export function row(
  name: string,
  value: number,
  unit: string,
  target?: BenchTarget,
  note?: string,
): BenchRow {
  const rounded = Math.round(value * 1000) / 1000;
  const base = {
    name,
    value: rounded,
    unit,
    target: target ? `${target.op} ${target.value}` : null,
    ok: target ? (target.op === '<=' ? value <= target.value : value >= target.value) : null,
  };
  return note === undefined ? base : { ...base, note };
}

export const atMost = (value: number): BenchTarget => ({ op: '<=', value });
export const atLeast = (value: number): BenchTarget => ({ op: '>=', value });

/** Nearest-rank percentile over a copy of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
export async function opsPerSecond(fn: () => unknown, ms = 1000, batch = 100): Promise<number> {
  for (let i = 0; i < batch; i++) await fn();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) await fn();
    count += batch;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}
