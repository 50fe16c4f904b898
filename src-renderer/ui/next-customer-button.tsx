import { useEffect, useRef } from 'react';

/** Starts the next customer from a done view (listed in the help overlay). */
export const NEXT_CUSTOMER_KEY = 'F10';

/**
 * "Next customer" after a sale, refund or exchange: the button has the focus, and F10 works
 * wherever the focus has gone since.
 */
export function NextCustomerButton({
  label,
  onNext,
  className = 'primary',
}: {
  readonly label: string;
  readonly onNext: () => void;
  readonly className?: string;
}) {
  const next = useRef(onNext);
  next.current = onNext;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== NEXT_CUSTOMER_KEY) return;
      e.preventDefault();
      next.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button
      type="button"
      className={className}
      autoFocus
      aria-keyshortcuts={NEXT_CUSTOMER_KEY}
      onClick={onNext}
    >
      {label}
      <kbd aria-hidden="true"> {NEXT_CUSTOMER_KEY}</kbd>
    </button>
  );
}
