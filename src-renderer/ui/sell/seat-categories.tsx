/**
 * Seat categories told apart by colour AND pattern (a cashier who cannot tell gold from green
 * still sees stripes): the plan's categories in order take these looks; the legend draws the
 * same seat (`SeatSwatch` in seat-face.tsx). The colours are in styles.css (`.seat-cat-N`).
 */
const PATTERNS = ['seat-pat-stripes', null, 'seat-pat-dots', 'seat-pat-cross'] as const;

export interface CategoryLook {
  readonly className: string;
  /** The id of the SVG pattern laid over the seat, or null for a plain seat. */
  readonly pattern: string | null;
}

export function categoryLook(index: number): CategoryLook {
  const i = index % PATTERNS.length;
  return { className: `seat-cat-${i}`, pattern: PATTERNS[i] ?? null };
}

/** The patterns' definitions; once per SVG that uses them. */
export function CategoryPatterns() {
  return (
    <defs>
      <pattern
        id="seat-pat-stripes"
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="2.2" height="6" className="pattern-ink" />
      </pattern>
      <pattern id="seat-pat-dots" width="6" height="6" patternUnits="userSpaceOnUse">
        <circle cx="3" cy="3" r="1.3" className="pattern-ink" />
      </pattern>
      <pattern id="seat-pat-cross" width="6" height="6" patternUnits="userSpaceOnUse">
        <path d="M0 0L6 6M6 0L0 6" className="pattern-line" />
      </pattern>
    </defs>
  );
}
