import { useEffect } from 'react';

export type Screen = 'sell' | 'refund' | 'exchange' | 'shift';

/** The cashier's keys; documented in README.md here and in the help overlay. */
export const SCREEN_KEYS: Readonly<Record<string, Screen>> = {
  F1: 'sell',
  F2: 'refund',
  F3: 'exchange',
  F9: 'shift',
};

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

export function useShortcuts(handlers: {
  readonly onScreen: (screen: Screen) => void;
  readonly onEscape: () => void;
  readonly onHelp: () => void;
}): void {
  const { onScreen, onEscape, onHelp } = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const screen = SCREEN_KEYS[e.key];
      if (screen !== undefined) {
        // F1 would open the browser's help otherwise.
        e.preventDefault();
        onScreen(screen);
      } else if (e.key === 'Escape') {
        onEscape();
      } else if (e.key === '?' && !typingIn(e.target)) {
        e.preventDefault();
        onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onScreen, onEscape, onHelp]);
}
