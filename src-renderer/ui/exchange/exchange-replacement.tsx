import { useEffect, useState, type ReactNode } from 'react';
import { seatStates } from '../../app/sale-service';
import type { GaLine, SeatLine } from '../../flows/sell/sell-types';
import type { SeatStates } from '../../app/sale-service';
import type { ShownError } from '../error-banner';
import { seatLabelOf } from '../sell/seat-label';
import { SeatPicker } from '../sell/seat-picker';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';

/**
 * The new performance and seats of an exchange. The seats are the exchange flow's: a tick
 * asks it to hold the seat (SEATS.SELECT), an untick to release it (SEAT.DESELECT), best
 * available goes to its hold too. The map shows this flow's own holds as chosen, not taken.
 */
export function ExchangeReplacement({
  cartId,
  performanceId,
  seats,
  returning,
  picker,
  onChangePerformance,
  onSelect,
  onDeselect,
  onBest,
  onProblem,
}: {
  readonly cartId: string;
  readonly performanceId: string | null;
  readonly seats: readonly SeatLine[];
  /** How many tickets go back: as many new seats are asked for. */
  readonly returning: number;
  /** The performances to choose from (only those the policy allows), until one is chosen. */
  readonly picker: ReactNode;
  readonly onChangePerformance: () => void;
  readonly onSelect: (tierId: string, seatIds: string[]) => void;
  readonly onDeselect: (seatId: string) => void;
  readonly onBest: (count: number, tierId: string) => void;
  readonly onProblem: (problem: string | ShownError) => void;
}) {
  const till = useTill();
  const version = useTillVersion();
  const text = useText();
  const [states, setStates] = useState<SeatStates>(new Map());
  const heldKey = seats.map((s) => s.seatId).join(',');

  useEffect(() => {
    if (performanceId === null) return;
    let live = true;
    void seatStates(till, performanceId, cartId).then((s) => {
      if (live) setStates(s);
    });
    return () => {
      live = false;
    };
  }, [till, performanceId, cartId, version, heldKey]);

  const performance = performanceId !== null ? till.catalog.performance(performanceId) : undefined;
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;
  if (performance === undefined) return <>{picker}</>;
  const selected = seats
    .filter((s) => s.performanceId === performance.id)
    .map((s) => ({ seatId: s.seatId, tierId: s.tierId }));
  return (
    <>
      <p className="current-performance">
        <strong>{till.catalog.event(performance.eventId)?.name}</strong> —{' '}
        {text.tr.date(performance.startsAt)}{' '}
        <button type="button" onClick={onChangePerformance}>
          {text('ui.sell.change')}
        </button>
      </p>
      <p>{text('ui.exchange.newSeats', { count: returning })}</p>
      {plan ? (
        <SeatPicker
          plan={plan}
          tiers={till.catalog.tiersFor(performance.id)}
          states={states}
          selected={selected}
          onChange={(next) => {
            const before = new Set(selected.map((s) => s.seatId));
            const after = new Set(next.map((s) => s.seatId));
            for (const s of selected) if (!after.has(s.seatId)) onDeselect(s.seatId);
            const added = next.filter((s) => !before.has(s.seatId));
            for (const tierId of new Set(added.map((s) => s.tierId)))
              onSelect(
                tierId,
                added.filter((s) => s.tierId === tierId).map((s) => s.seatId),
              );
          }}
          onBest={onBest}
          onProblem={onProblem}
        />
      ) : null}
    </>
  );
}

/**
 * What the customer gets instead, once the seats are chosen and the exchange is being
 * settled: the cashier reads it back before taking the money.
 */
export function ReplacementSummary({
  seats,
  ga,
}: {
  readonly seats: readonly SeatLine[];
  readonly ga: readonly GaLine[];
}) {
  const till = useTill();
  const text = useText();
  const performanceOf = (performanceId: string): string => {
    const p = till.catalog.performance(performanceId);
    const event = (p ? till.catalog.event(p.eventId)?.name : undefined) ?? performanceId;
    return text('sell.performanceAt', { event, date: p ? text.tr.date(p.startsAt) : '' });
  };
  const tierName = (tierId: string) => till.catalog.tier(tierId)?.name ?? tierId;
  return (
    <ul aria-label={text('ui.exchange.newTickets')}>
      {seats.map((s) => (
        <li key={`${s.performanceId}|${s.seatId}`}>
          {performanceOf(s.performanceId)}:{' '}
          {text('ui.cart.seat', {
            tier: tierName(s.tierId),
            ...seatLabelOf(till.catalog, s.performanceId, s.seatId),
          })}
        </li>
      ))}
      {ga.map((g) => (
        <li key={`${g.performanceId}|${g.tierId}|${g.concessionId ?? ''}`}>
          {performanceOf(g.performanceId)}: {g.quantity} × {tierName(g.tierId)}
        </li>
      ))}
    </ul>
  );
}
