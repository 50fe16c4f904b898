import type { SeatMark } from '../../app/sale-service';
import { categoryLook } from './seat-categories';

/** `reading`: the map has not read this performance's seat states yet (nothing to choose). */
export type SeatView = 'available' | 'selected' | SeatMark | 'unsellable' | 'reading';

/**
 * Marks the cashier must tell apart at a glance, also without colour (issue 12 item 6): each
 * has its own glyph drawn over the seat, not just a fill. Sold: a cross; held in another cart:
 * an hourglass; leased to another window: a small window pane; held by the web shop: a globe;
 * not sold at this window while offline: hollow and dotted, no number; this window's lease: a
 * second, inner ring. Only a seat that can be sold keeps its number and its category's pattern
 * (a marked Premium seat has no hatching, so hatching never reads as a mark).
 */
const GLYPH: Partial<Record<SeatView, (r: number) => string>> = {
  sold: (r) => cross(r),
  unsellable: (r) => cross(r),
  held: (r) => {
    const w = r * 0.42;
    const h = r * 0.55;
    return `M${-w} ${-h}H${w}L${-w} ${h}H${w}Z`;
  },
  leased: (r) => {
    const s = r * 0.45;
    return `M${-s} ${-s}H${s}V${s}H${-s}ZM0 ${-s}V${s}M${-s} 0H${s}`;
  },
  web: (r) => {
    const s = r * 0.55;
    const e = s * 0.45;
    // A globe: the outline, the equator and one meridian.
    return `M${-s} 0A${s} ${s} 0 1 0 ${s} 0A${s} ${s} 0 1 0 ${-s} 0ZM${-s} 0H${s}M0 ${-s}A${e} ${s} 0 1 0 0 ${s}A${e} ${s} 0 1 0 0 ${-s}Z`;
  },
};

function cross(r: number): string {
  const s = r * 0.45;
  return `M${-s} ${-s}L${s} ${s}M${s} ${-s}L${-s} ${s}`;
}

/** Whether the seat shows its number and its category's pattern: it can be sold here. */
export const showsNumber = (v: SeatView): boolean =>
  v === 'available' || v === 'selected' || v === 'mine';

/**
 * One seat as drawn: the face in the category's colour (available) or the mark's, the
 * category pattern, the mark's glyph or the seat's label. The seat map and its legend both
 * draw this, so the legend always matches the map.
 */
export function SeatFace({
  x,
  y,
  r,
  view,
  categoryIndex,
  label,
}: {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly view: SeatView;
  readonly categoryIndex: number;
  /** The seat number, or the wheelchair sign; null in the legend. */
  readonly label: string | null;
}) {
  const look = categoryLook(categoryIndex);
  const glyph = GLYPH[view];
  return (
    <>
      <circle cx={x} cy={y} r={r} className="face" />
      {look.pattern !== null && showsNumber(view) && view !== 'selected' ? (
        <circle cx={x} cy={y} r={r} className="pattern" fill={`url(#${look.pattern})`} />
      ) : null}
      {view === 'mine' ? <circle cx={x} cy={y} r={r * 0.72} className="mine-ring" /> : null}
      {glyph !== undefined ? (
        <path d={glyph(r)} transform={`translate(${x} ${y})`} className="mark-glyph" />
      ) : null}
      {label !== null && (showsNumber(view) || (label === '♿' && glyph === undefined)) ? (
        <text
          x={x}
          y={y + 4}
          textAnchor="middle"
          className={label === '♿' ? 'seat-icon' : 'seat-number'}
          aria-hidden="true"
        >
          {label}
        </text>
      ) : null}
    </>
  );
}

/** A legend swatch: a seat of this category (or the first one) drawn with this mark. */
export function SeatSwatch({
  view,
  categoryIndex = 1,
}: {
  readonly view: SeatView;
  readonly categoryIndex?: number;
}) {
  return (
    <svg className="swatch-svg" viewBox="0 0 28 28" width="24" height="24" aria-hidden="true">
      <g className={`seat seat-${view} ${categoryLook(categoryIndex).className}`}>
        <SeatFace x={14} y={14} r={12} view={view} categoryIndex={categoryIndex} label={null} />
      </g>
    </svg>
  );
}
