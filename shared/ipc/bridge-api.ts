/**
 * What preload exposes as `window.boxOffice`, and what the WebSocket transport mimics.
 * Deliberately untyped at this level (strings and unknown): preload is a dumb pipe that only
 * checks names; the contract client does the typing and validation on the page side, and
 * main validates again, because the page is not trusted.
 */
export type BoxOfficeBridgeApi = {
  /** Resolves to a result envelope (never rejects for a refused or failed call). */
  invoke(method: string, args: unknown): Promise<unknown>;
  /** Subscribes to a contract event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
};
