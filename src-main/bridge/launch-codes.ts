import { createBridgeSecret, secretMatches } from './secret';

/**
 * The launch secret stays secret. A page URL lands on Chromium's command line (readable by any
 * local user in /proc) and in the terminal, so it carries a one-time code instead of the bridge
 * secret: the first connection that presents it gets a session token and the code is forgotten;
 * a second use is refused. The session lives only in the page's sessionStorage (a reload of the
 * same tab reconnects with it) and is never printed, logged or put on a command line.
 */
export class LaunchCodes {
  private readonly codes = new Map<string, number>();
  private readonly sessions = new Set<string>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A fresh code for one page launch. */
  issue(): string {
    const code = createBridgeSecret();
    this.codes.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** The session for a live code, once; null for a used, expired or unknown one. */
  exchange(presented: string): string | null {
    for (const [code, expires] of this.codes) {
      if (!secretMatches(code, presented)) continue;
      this.codes.delete(code);
      if (expires < this.now()) return null;
      const session = createBridgeSecret();
      this.sessions.add(session);
      return session;
    }
    return null;
  }

  isSession(presented: string): boolean {
    for (const session of this.sessions) if (secretMatches(session, presented)) return true;
    return false;
  }
}
