import type { ValidCounts } from '../store';

/**
 * The tier counts (valid tickets per tier) this page last saw per performance: the ones its
 * last sale of the performance left. A sale of a performance found here decides on them
 * without reading the stock first, and its commit refuses unless the store still holds exactly
 * them (sale-service.ts, commitSale), so a stale memory costs a second attempt, never a wrong
 * sale. Forgotten whenever the store changes outside this page's commits (sync applied other
 * tills' sales, a newer catalog): the next sale then reads first instead of trying in vain.
 */
export class SeenStock {
  private readonly counts = new Map<string, ReadonlyMap<string, number>>();

  /** The counts of a performance as last seen, or undefined. */
  recall(performanceId: string): ReadonlyMap<string, number> | undefined {
    return this.counts.get(performanceId);
  }

  /** Keeps the counts a commit left (addTickets' answer). */
  remember(counts: ValidCounts): void {
    for (const [performanceId, tiers] of counts) this.counts.set(performanceId, tiers);
  }

  forget(): void {
    this.counts.clear();
  }
}
