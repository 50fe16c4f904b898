import type { KeyboardEvent } from 'react';
import { useMemo, useRef, useState } from 'react';
import type { SeatingPlan } from '../../../shared/catalog/schemas';
import type { Money } from '../../../shared/money';
import type { SeatState } from '../../store';
import { useText } from '../use-text';
import type { Direction } from './seat-grid';
import { moveFocus, seatGrid } from './seat-grid';

export type SeatView = 'available' | 'selected' | SeatState | 'unsellable';

export interface SeatMapProps {
  readonly plan: SeatingPlan;
  readonly states: ReadonlyMap<string, SeatState>;
  readonly selected: ReadonlySet<string>;
  /** The seat's price from this till, or null when no tier on sale covers its category. */
  readonly priceOf: (seatId: string) => Money | null;
  readonly onToggle: (seatId: string) => void;
}

const KEYS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

const R = 11;

/**
 * The seat map: an SVG with one focusable checkbox per seat. One seat is in the tab order at
 * a time (roving tabindex), arrow keys move between seats, Space/Enter toggles, so a cashier
 * can sell a row without touching the mouse; every seat has a spoken name with row, seat,
 * section, price and state.
 */
export function SeatMap({ plan, states, selected, priceOf, onToggle }: SeatMapProps) {
  const text = useText();
  const grid = useMemo(() => seatGrid(plan), [plan]);
  const first = grid.rows[0]?.[0]?.seat.id ?? '';
  const [focusId, setFocusId] = useState(first);
  const refs = useRef(new Map<string, SVGGElement>());
  const { minX, maxX, minY, maxY } = grid.bounds;
  const pad = 30;
  const viewBox = `${minX - pad} ${minY - pad - 30} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad + 30}`;

  const viewOf = (seatId: string): SeatView => {
    if (selected.has(seatId)) return 'selected';
    const s = states.get(seatId);
    if (s !== undefined) return s;
    return priceOf(seatId) === null ? 'unsellable' : 'available';
  };

  const stateWord = (v: SeatView): string =>
    v === 'unsellable' ? text('seat.sold') : text(`seat.${v}`);

  const onKeyDown = (e: KeyboardEvent<SVGGElement>, seatId: string) => {
    const dir = KEYS[e.key];
    if (dir !== undefined) {
      e.preventDefault();
      const next = moveFocus(grid, seatId, dir);
      setFocusId(next);
      refs.current.get(next)?.focus();
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      const v = viewOf(seatId);
      if (v === 'available' || v === 'selected') onToggle(seatId);
    }
  };

  return (
    <div className="seat-map">
      <svg
        role="group"
        aria-label={text('seat.map')}
        viewBox={viewBox}
        preserveAspectRatio="xMidYMin meet"
      >
        <text
          x={(minX + maxX) / 2}
          y={minY - pad - 8}
          textAnchor="middle"
          className="stage"
          aria-hidden="true"
        >
          {text('ui.seat.stage')}
        </text>
        {grid.rows.map((row) =>
          row.map((p) => {
            const id = p.seat.id;
            const v = viewOf(id);
            const price = priceOf(id);
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
            const disabled = v !== 'available' && v !== 'selected';
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
                className={`seat seat-${v}${p.seat.accessible ? ' seat-accessible' : ''}`}
                onClick={() => {
                  setFocusId(id);
                  if (!disabled) onToggle(id);
                }}
                onKeyDown={(e) => onKeyDown(e, id)}
                onFocus={() => setFocusId(id)}
              >
                {/* The hit area is larger than the drawn seat so a finger finds it (≥ 44 px at full width). */}
                <circle cx={p.seat.x} cy={p.seat.y} r={R + 3} className="hit" />
                <circle cx={p.seat.x} cy={p.seat.y} r={R} />
                {p.seat.accessible ? (
                  <text
                    x={p.seat.x}
                    y={p.seat.y + 4}
                    textAnchor="middle"
                    className="seat-icon"
                    aria-hidden="true"
                  >
                    ♿
                  </text>
                ) : (
                  <text
                    x={p.seat.x}
                    y={p.seat.y + 4}
                    textAnchor="middle"
                    className="seat-number"
                    aria-hidden="true"
                  >
                    {p.seat.label}
                  </text>
                )}
              </g>
            );
          }),
        )}
      </svg>
      <ul className="seat-legend" aria-label={text('ui.seat.legend')}>
        {(['available', 'selected', 'sold', 'held', 'leased'] as const).map((v) => (
          <li key={v}>
            <span className={`swatch seat-${v}`} aria-hidden="true" /> {text(`seat.${v}`)}
          </li>
        ))}
        <li>
          <span aria-hidden="true">♿</span> {text('seat.accessible')}
        </li>
      </ul>
    </div>
  );
}
