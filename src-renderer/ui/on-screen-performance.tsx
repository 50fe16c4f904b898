import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useState } from 'react';

/**
 * Which performance the cashier has on screen (the sell screen's map or GA steppers), for the
 * status bar's lease item: the lease of the show being sold, not of every show leased.
 */
const OnScreen = createContext<{
  readonly performanceId: string | null;
  readonly show: (performanceId: string | null) => void;
} | null>(null);

export function OnScreenPerformanceProvider({ children }: { readonly children: ReactNode }) {
  const [performanceId, show] = useState<string | null>(null);
  return <OnScreen.Provider value={{ performanceId, show }}>{children}</OnScreen.Provider>;
}

/** The performance on screen, or null (none chosen, another screen, no provider). */
export function useOnScreenPerformance(): string | null {
  return useContext(OnScreen)?.performanceId ?? null;
}

/** Says this performance is on screen while the calling component shows it. */
export function useShowPerformance(performanceId: string | null): void {
  const show = useContext(OnScreen)?.show;
  useEffect(() => {
    if (show === undefined) return;
    show(performanceId);
    return () => show(null);
  }, [show, performanceId]);
}
