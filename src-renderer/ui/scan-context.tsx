import { createContext, useContext, useEffect, useRef } from 'react';
import type { Scanning } from '../app/scanning';
import type { FlowRegistration, FlowScanHandler } from '../devices/scan-router';

/** The app's scanning (router + ticket scanner); null before it starts and in unit tests. */
export const ScanContext = createContext<Scanning | null>(null);

export function useScanning(): Scanning | null {
  return useContext(ScanContext);
}

/**
 * Registers a screen's scan handler while the screen is mounted. The handler is read through
 * a ref, so it always sees the screen's current state without re-registering on each render
 * (re-registering would move the flow on the router's stack).
 */
export function useScanFlow(
  id: string,
  accepts: FlowRegistration['accepts'],
  handle: FlowScanHandler,
  priority = 0,
): void {
  const scanning = useScanning();
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  const kinds = accepts?.join(',');
  useEffect(() => {
    if (scanning === null) return;
    return scanning.router.register({
      id,
      priority,
      ...(kinds !== undefined ? { accepts: kinds.split(',') as FlowRegistration['accepts'] } : {}),
      handle: (scan) => latest.current(scan),
    });
  }, [scanning, id, kinds, priority]);
}
