/**
 * The Web Locks the till's pages share (one uploader, one lease keeper per till, however many
 * tabs or windows are open), typed: the lib types `navigator.locks.request`'s promise as the
 * callback's nested promise, so the cast lives here once and callers get `T` back.
 *
 * Where there are none (a unit test, an old engine) the locks only serialise this page: the
 * callers' own queues make that enough within one page.
 */
export interface TillLocks {
  /** Runs `callback` under the exclusive lock `name`, waiting its turn. */
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
  /** Runs `callback` under `name` only if nobody holds it now; `null` when somebody does. */
  requestIfFree<T>(name: string, callback: () => Promise<T>): Promise<T | null>;
}

/** Names held through `requestIfFree` in this page when there are no Web Locks. */
const heldInPage = new Set<string>();

export function browserLocks(): TillLocks {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) {
    return {
      request: <T>(name: string, cb: () => Promise<T>) => locks.request(name, cb) as Promise<T>,
      requestIfFree: <T>(name: string, cb: () => Promise<T>) =>
        locks.request(name, { ifAvailable: true }, (lock) =>
          lock === null ? null : cb(),
        ) as Promise<T | null>,
    };
  }
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, cb: () => Promise<T>): Promise<T> {
      const run = tail.then(cb);
      tail = run.catch(() => undefined);
      return run;
    },
    async requestIfFree<T>(name: string, cb: () => Promise<T>): Promise<T | null> {
      // Page-wide (not per wrapper): two keepers of one page must not both run a round.
      if (heldInPage.has(name)) return null;
      heldInPage.add(name);
      try {
        return await cb();
      } finally {
        heldInPage.delete(name);
      }
    },
  };
}
