/**
 * Drawer opens are rate-limited whatever the reason given: at most one per `spacingMs` and
 * `perMinute` in any minute. A page script that found a way past the journal check still
 * cannot rattle the drawer open all day. Monotonic time, so a clock set back does not reset it.
 */
export class DrawerRateLimit {
  private readonly recent: number[] = [];

  constructor(
    readonly spacingMs = 2_000,
    private readonly perMinute = 10,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** Milliseconds to wait before the next open is allowed; 0 = allowed now (and counted). */
  take(): number {
    const t = this.monotonic();
    while (this.recent.length > 0 && t - this.recent[0]! >= 60_000) this.recent.shift();
    const last = this.recent[this.recent.length - 1];
    if (last !== undefined && t - last < this.spacingMs)
      return Math.ceil(this.spacingMs - (t - last));
    if (this.recent.length >= this.perMinute) return Math.ceil(60_000 - (t - this.recent[0]!));
    this.recent.push(t);
    return 0;
  }
}
