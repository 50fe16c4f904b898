/**
 * One item of the status bar: its own status region, named for screen readers and tests. At
 * 1280×800 every item fits in full (styles.css); on a narrower window a secondary one is cut
 * short, and its full words are in the tooltip.
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
