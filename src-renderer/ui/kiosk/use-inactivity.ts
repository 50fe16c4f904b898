import { useCallback, useEffect, useRef, useState } from 'react';

export interface InactivityTimings {
  /** quiet time before the "more time?" warning */
  readonly idleMs: number;
  /** how long the warning waits for an answer; never under 20 s (WCAG 2.2.1) */
  readonly answerMs: number;
}

/** The least time a customer gets to answer the warning (WCAG 2.2.1 asks at least 20 s). */
export const MIN_ANSWER_MS = 20_000;

/**
 * The unattended kiosk's inactivity rule: after `idleMs` without a touch or key the warning
 * shows with a countdown; "more time" (or any touch) starts the quiet time again, as often as
 * wanted; no answer within `answerMs` calls `onTimeout` (start over). Off while `active` is
 * false (the attract screen, a payment at the terminal).
 */
export function useInactivity(
  active: boolean,
  timings: InactivityTimings,
  onTimeout: () => void,
): { readonly secondsLeft: number | null; readonly moreTime: () => void } {
  const answerMs = Math.max(MIN_ANSWER_MS, timings.answerMs);
  const { idleMs } = timings;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;
  const more = useRef<() => void>(() => undefined);
  const moreTime = useCallback(() => more.current(), []);

  useEffect(() => {
    setSecondsLeft(null);
    if (!active) return;
    // Kept in the effect, not in state: each tick reads them as they are now, and a fresh
    // start (the kiosk leaving the attract screen) begins with a fresh quiet time.
    let lastTouch = Date.now();
    let warningSince: number | null = null;
    // Any touch or key is activity; while the warning shows only "more time" ends it, so a
    // customer who walked away is not kept by a bump on the screen's edge.
    const touched = () => {
      if (warningSince === null) lastTouch = Date.now();
    };
    more.current = () => {
      warningSince = null;
      lastTouch = Date.now();
      setSecondsLeft(null);
    };
    document.addEventListener('pointerdown', touched, true);
    document.addEventListener('keydown', touched, true);
    const tick = setInterval(() => {
      const now = Date.now();
      if (warningSince === null) {
        if (now - lastTouch < idleMs) return;
        warningSince = now;
      }
      const left = answerMs - (now - warningSince);
      if (left > 0) {
        setSecondsLeft(Math.ceil(left / 1000));
        return;
      }
      warningSince = null;
      setSecondsLeft(null);
      timeout.current();
    }, 250);
    return () => {
      clearInterval(tick);
      document.removeEventListener('pointerdown', touched, true);
      document.removeEventListener('keydown', touched, true);
      more.current = () => undefined;
    };
  }, [active, idleMs, answerMs]);

  return { secondsLeft, moreTime };
}
