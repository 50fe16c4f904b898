/**
 * One item of the status bar: its own status region, named for screen readers and tests. The
 * bar is one line, so a long item is cut short on screen (styles.css) and its full words are
 * in the tooltip.
 */
export function StatusItem({
  name,
  words,
  className,
  alert = false,
}: {
  readonly name: string;
  readonly words: string;
  readonly className?: string | undefined;
  /** A warning the cashier must act on: announced at once. */
  readonly alert?: boolean;
}) {
  return (
    <span role={alert ? 'alert' : 'status'} aria-label={name} className={className} title={words}>
      {words}
    </span>
  );
}
