import type { BenchRow } from './harness';

/** app_ready_ms: filled in once src-renderer/app/App.tsx exists (see browser.bench.ts). */
export function measureAppReady(): Promise<BenchRow[]> {
  return Promise.resolve([]);
}
