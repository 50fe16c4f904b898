import type { CSSProperties, KeyboardEvent } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SeatingPlan } from '../../../shared/catalog/schemas';
import type { Money } from '../../../shared/money';
import type { SeatStates } from '../../app/sale-service';
import { useText } from '../use-text';
import { CategoryPatterns, categoryLook } from './seat-categories';
import { SeatFace, type SeatView } from './seat-face';
import type { Direction } from './seat-grid';
import { moveFocus, seatGrid } from './seat-grid';

export interface SeatMapProps {
  readonly plan: SeatingPlan;
  /**
   * Other carts' holds, sales, leases; `null` while they are being read for this performance
   * (a reload, another performance): then no seat offers itself as free on a guess.
   */
  readonly states: SeatStates | null;
  readonly selected: ReadonlySet<string>;
  /** The seat's price from this till, or null when no tier on sale covers its category. */
  readonly priceOf: (seatId: string) => Money | null;
  readonly onToggle: (seatId: string) => void;
  /**
   * A seat this window does not sell while offline ('away') was clicked or pressed: the
   * screen says why, as the hold would, rather than nothing happening.
   */
  readonly onAway?: (seatId: string) => void;
  /** Put the focus on the map when it appears (the sell screen, after choosing a performance). */
  readonly autoFocus?: boolean;
  /** 1 = the whole plan fits its panel; more zooms in and the panel scrolls. */
  readonly zoom?: number;
}

const KEYS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

/** Seat radius in plan units: the demo plan's seats are 28 apart, rows 30. */
const R = 13;
/** A seat's hit area across, in plan units (its pitch): what a finger has to find. */
export const SEAT_HIT_DIAMETER = 2 * (R + 1);
/** Room left of the plan for the row labels, above it for the stage and section names. */
const LABEL_W = 40;
const TOP = 36;

/**
 * The seat map: an SVG with one focusable checkbox per seat, row labels at both ends of each
 * row, section names, and each seat category in its own colour and pattern. One seat is in the
 * tab order at a time (roving tabindex), arrow keys move between seats, Space/Enter toggles;
 * every seat has a spoken name with row, seat, section, price and state.
 */
export function SeatMap({
  plan,
  states,
  selected,
  priceOf,
  onToggle,
  onAway,
  autoFocus = false,
  zoom = 1,
}: SeatMapProps) {
  const text = useText();
  const grid = useMemo(() => seatGrid(plan), [plan]);
  const first = grid.rows[0]?.[0]?.seat.id ?? '';
  const [focusId, setFocusId] = useState(first);
  const refs = useRef(new Map<string, SVGGElement>());
  const { minX, maxX, minY, maxY } = grid.bounds;
  const x0 = minX - R - LABEL_W;
  const y0 = minY - R - TOP;
  const width = maxX - minX + 2 * R + LABEL_W + 4;
  const height = maxY - minY + 2 * R + TOP + 4;
  const viewBox = `${x0} ${y0} ${width} ${height}`;
  const categoryIndex = useMemo(
    () => new Map(plan.categories.map((c, i) => [c.id, i] as const)),
    [plan],
  );

  useEffect(() => {
    if (autoFocus) refs.current.get(first)?.focus();
  }, [autoFocus, first]);

  const viewOf = (seatId: string): SeatView => {
    if (selected.has(seatId)) return 'selected';
    if (states === null) return 'reading';
    const s = states.get(seatId);
    if (priceOf(seatId) === null && (s === undefined || s === 'mine')) return 'unsellable';
    return s ?? 'available';
  };

  const stateWord = (v: SeatView): string =>
    v === 'unsellable' ? text('seat.sold') : text(`seat.${v}`);

  const choose = (seatId: string) => {
    const v = viewOf(seatId);
    if (v === 'available' || v === 'selected' || v === 'mine') onToggle(seatId);
    else if (v === 'away') onAway?.(seatId);
  };

  const onKeyDown = (e: KeyboardEvent<SVGGElement>, seatId: string) => {
    const dir = KEYS[e.key];
    if (dir !== undefined) {
      e.preventDefault();
      const next = moveFocus(grid, seatId, dir);
      setFocusId(next);
      refs.current.get(next)?.focus();
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      choose(seatId);
    }
  };

  // Section names over their first row; row labels at both ends of every row.
  const sectionTops = plan.sections.flatMap((section) => {
    const ys = section.rows.flatMap((r) => r.seats.map((s) => s.y));
    return ys.length > 0 ? [{ id: section.id, name: section.name, y: Math.min(...ys) }] : [];
  });

  return (
    <div
      className="seat-map"
      aria-busy={states === null}
      style={{ '--zoom': zoom } as CSSProperties}
    >
      <svg
        role="group"
        aria-label={text('seat.map')}
        viewBox={viewBox}
        preserveAspectRatio="xMidYMin meet"
      >
        <CategoryPatterns />
        <text
          x={(minX + maxX) / 2}
          y={y0 + 14}
          textAnchor="middle"
          className="stage"
          aria-hidden="true"
        >
          {text('ui.seat.stage')}
        </text>
        {sectionTops.map((s) => (
          <text
            key={s.id}
            x={(minX + maxX) / 2}
            y={s.y - R - 6}
            textAnchor="middle"
            className="section-label"
            aria-hidden="true"
          >
            {s.name}
          </text>
        ))}
        {grid.rows.map((row) => {
          const head = row[0];
          if (head === undefined) return null;
          return (
            <text
              key={`label-${head.seat.id}`}
              x={head.seat.x - R - 6}
              y={head.seat.y + 5}
              textAnchor="end"
              className="row-label"
              aria-hidden="true"
            >
              {text('ui.seat.rowLabel', { row: head.rowLabel })}
            </text>
          );
        })}
        {grid.rows.map((row) =>
          row.map((p) => {
            const id = p.seat.id;
            const v = viewOf(id);
            const price = priceOf(id);
            const look = categoryLook(categoryIndex.get(p.seat.categoryId) ?? 0);
            const name =
              text('ui.seat.name', {
                row: p.rowLabel,
                seat: p.seat.label,
                section: p.sectionName,
                price: price === null ? '—' : text.tr.money(price),
                state: stateWord(v),
              }) +
              (p.seat.accessible ? text('ui.seat.accessibleSuffix') : '') +
              (p.seat.companion ? text('ui.seat.companionSuffix') : '');
            const disabled = v !== 'available' && v !== 'selected' && v !== 'mine';
            return (
              <g
                key={id}
                ref={(el) => {
                  if (el) refs.current.set(id, el);
                  else refs.current.delete(id);
                }}
                role="checkbox"
                aria-checked={v === 'selected'}
                aria-disabled={disabled}
                aria-label={name}
                tabIndex={id === focusId ? 0 : -1}
                className={`seat seat-${v} ${look.className}${p.seat.accessible ? ' seat-accessible' : ''}`}
                onClick={() => {
                  setFocusId(id);
                  choose(id);
                }}
                onKeyDown={(e) => onKeyDown(e, id)}
                onFocus={() => setFocusId(id)}
              >
                {/* The hit area fills the seat's pitch so a finger between two seats finds one. */}
                <circle cx={p.seat.x} cy={p.seat.y} r={R + 1} className="hit" />
                <SeatFace
                  x={p.seat.x}
                  y={p.seat.y}
                  r={R}
                  view={v}
                  categoryIndex={categoryIndex.get(p.seat.categoryId) ?? 0}
                  label={p.seat.accessible ? '♿' : p.seat.label}
                />
              </g>
            );
          }),
        )}
      </svg>
    </div>
  );
}
