import { useCallback, useRef } from 'react';

/**
 * Runs one action at a time: a click that arrives while the last one is still being saved or
 * printed does nothing, so a double click never records, opens or prints twice. The guard is
 * a ref, set before the first await, because a second click can arrive before React renders.
 */
export function useOnce(): (work: () => Promise<void>) => Promise<void> {
  const busy = useRef(false);
  return useCallback(async (work) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await work();
    } finally {
      busy.current = false;
    }
  }, []);
}
